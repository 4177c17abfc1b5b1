// What `cairn scan` prints: per file, every code found and what it holds. The lines for people
// never show a secret; the JSON rows carry the otpauth URI of each key (that is what a script
// asking for --json wants), one row per key, per other code, or per file with nothing usable.
import type { MigrationEntry } from '../migration/migration-accounts.ts'
import { batchStatuses, describeParts } from '../migration/migration-batches.ts'
import type { BatchStatus } from '../migration/migration-batches.ts'
import { formatOtpauthUri } from '../otp/otpauth-uri.ts'
import type { OtpAlgorithm, OtpKey } from '../otp/otp-types.ts'
import type { CodeContent, MigrationBatchInfo } from './code-content.ts'
import { hasImageName } from './import-source.ts'
import type { ImportSource } from './import-source.ts'

export type ScanOutcome = { file: string; source: ImportSource } | { file: string; error: string }

export interface ScanRow {
  file: string
  type: 'totp' | 'hotp' | 'not-otp' | 'unreadable' | 'unsupported' | 'no-code' | 'error'
  issuer: string | null
  account: string | null
  algorithm: OtpAlgorithm | null
  digits: number | null
  /** TOTP only. */
  period: number | null
  /** HOTP only. */
  counter: number | null
  /** otpauth URI of the key (holds its secret). */
  uri: string | null
  /** What is not a key, why it cannot be used, or which export parts are missing. */
  note: string | null
}

/** A row for something that is not a usable key, its fields in the documented order. */
function otherRow(
  file: string,
  type: ScanRow['type'],
  note: string,
  names: { issuer: string; account: string } | null = null,
): ScanRow {
  return {
    file,
    type,
    issuer: names?.issuer ?? null,
    account: names?.account ?? null,
    algorithm: null,
    digits: null,
    period: null,
    counter: null,
    uri: null,
    note,
  }
}

/** Bidi and other invisible format characters are replaced before anything reaches a terminal. */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/gu, '?')
}

const KIND_NAMES = { url: 'web address', wifi: 'Wi-Fi', text: 'text', empty: 'empty code' }

/** Said of a file whose name says image but which holds text (read as a list of URIs). */
const TEXT_NOT_IMAGE = 'not an image: the file is text'

/** How to add a bare secret from the terminal (the URI on standard input stays out of history). */
export const BARE_SECRET_HINT =
  'add it with `cairn add VAULT -`, giving otpauth://totp/NAME?secret=… on standard input'

function otherDescription(content: Extract<CodeContent, { type: 'not-otp' }>): string {
  const { kind, preview } = content
  if (kind === 'secret') {
    return `text (${preview}) that looks like a bare 2FA secret: ${BARE_SECRET_HINT}`
  }
  if (kind === 'binary')
    return `not a 2FA code: a QR code whose content is binary, not text (${preview})`
  const shown = !preview ? '' : kind === 'text' ? ` (${preview})` : ` ${preview}`
  return `not a 2FA code: ${KIND_NAMES[kind]}${shown}`
}

/** A text file named like an image: every report of it says so first. */
const textNamedAsImage = (file: string, source: ImportSource) =>
  source.kind === 'text' && hasImageName(file)

/** Status of every multi-part export seen anywhere in this run. */
function statusesOf(outcomes: ScanOutcome[]): Map<number, BatchStatus> {
  const parts = outcomes.flatMap((o) =>
    'source' in o
      ? o.source.items.flatMap((item) =>
          item.content.type === 'migration' ? [item.content.batch] : [],
        )
      : [],
  )
  return new Map(batchStatuses(parts).map((s) => [s.batchId, s]))
}

function batchNote(batch: MigrationBatchInfo, statuses: Map<number, BatchStatus>): string | null {
  const status = statuses.get(batch.batchId)
  if (!status) return null
  const part = `Google Authenticator export part ${batch.batchIndex + 1} of ${status.size}`
  return status.missing.length ? `${part}; ${describeParts(status.missing)} not scanned` : part
}

function keyRow(file: string, key: OtpKey, note: string | null): ScanRow {
  return {
    file,
    type: key.kind,
    issuer: key.issuer,
    account: key.account,
    algorithm: key.algorithm,
    digits: key.digits,
    period: key.kind === 'totp' ? key.period : null,
    counter: key.kind === 'hotp' ? key.counter : null,
    uri: formatOtpauthUri(key),
    note,
  }
}

function entryRow(file: string, entry: MigrationEntry, note: string | null): ScanRow {
  if (entry.ok) return keyRow(file, entry.key, note)
  return otherRow(file, 'unsupported', note ? `${entry.reason} (${note})` : entry.reason, entry)
}

export function scanRows(outcomes: ScanOutcome[]): ScanRow[] {
  const statuses = statusesOf(outcomes)
  return outcomes.flatMap((outcome): ScanRow[] => {
    const rows = outcomeRows(outcome, statuses)
    if (!('source' in outcome) || !textNamedAsImage(outcome.file, outcome.source)) return rows
    return rows.map((row) => ({
      ...row,
      note: row.note ? `${TEXT_NOT_IMAGE}; ${row.note}` : TEXT_NOT_IMAGE,
    }))
  })
}

function outcomeRows(outcome: ScanOutcome, statuses: Map<number, BatchStatus>): ScanRow[] {
  const { file } = outcome
  if ('error' in outcome) return [otherRow(file, 'error', outcome.error)]
  const { items, kind } = outcome.source
  if (items.length === 0) {
    const note = kind === 'image' ? 'no QR code found' : 'no otpauth URI found'
    return [otherRow(file, 'no-code', note)]
  }
  return items.flatMap(({ content }): ScanRow[] => {
    switch (content.type) {
      case 'otpauth':
        return [keyRow(file, content.key, null)]
      case 'migration': {
        const note = batchNote(content.batch, statuses)
        return content.entries.map((entry) => entryRow(file, entry, note))
      }
      case 'unreadable-otp':
        return [otherRow(file, 'unreadable', content.reason)]
      case 'not-otp':
        return [otherRow(file, 'not-otp', otherDescription(content))]
    }
  })
}

/** "2FA key Issuer (account) — TOTP, SHA1, 6 digits, 30 s", the way `cairn list` words it. */
function keyLine(key: OtpKey): string {
  const label = printable(
    key.issuer && key.account ? `${key.issuer} (${key.account})` : key.issuer || key.account || '—',
  )
  const base = `${key.algorithm}, ${key.digits} digits`
  const shape =
    key.encoder === 'steam'
      ? 'Steam Guard'
      : key.kind === 'totp'
        ? `TOTP, ${base}, ${key.period} s`
        : `HOTP, ${base}, counter ${key.counter}`
  return `2FA key ${label} — ${shape}`
}

function entryLine(entry: MigrationEntry): string {
  if (entry.ok) return keyLine(entry.key)
  const label = printable(
    `${entry.issuer}${entry.issuer && entry.account ? ' ' : ''}${entry.account ? `(${entry.account})` : ''}`,
  )
  return `cannot use ${label || 'an account'}: ${entry.reason}`
}

function itemLines(content: CodeContent): string[] {
  switch (content.type) {
    case 'otpauth':
      return [keyLine(content.key)]
    case 'migration': {
      const { batchIndex, batchSize } = content.batch
      const part = batchSize > 1 ? `, part ${batchIndex + 1} of ${batchSize}` : ''
      const count = content.entries.length
      return [
        `Google Authenticator export${part}: ${count} account${count === 1 ? '' : 's'}`,
        ...content.entries.map((e) => `  ${entryLine(e)}`),
      ]
    }
    case 'unreadable-otp':
      return [`unreadable ${content.scheme} code: ${content.reason}`]
    case 'not-otp':
      return [otherDescription(content)]
  }
}

/** The report for people: no secrets, one block per file, then any export parts missing. */
export function scanLines(outcomes: ScanOutcome[]): string[] {
  const lines: string[] = []
  for (const outcome of outcomes) {
    const file = printable(outcome.file)
    if ('error' in outcome) {
      lines.push(`${file}: ${outcome.error}`)
      continue
    }
    const { items, kind } = outcome.source
    const prefix = textNamedAsImage(outcome.file, outcome.source) ? `${TEXT_NOT_IMAGE}; ` : ''
    if (items.length === 0) {
      const none = kind === 'image' ? 'no QR code found' : 'no otpauth URI found'
      lines.push(`${file}: ${prefix}${none}`)
      continue
    }
    const noun = kind === 'image' ? 'QR code' : 'line'
    lines.push(`${file}: ${prefix}${items.length} ${noun}${items.length === 1 ? '' : 's'}`)
    for (const item of items) {
      const [first = '', ...rest] = itemLines(item.content)
      lines.push(`  ${item.where}: ${first}`, ...rest.map((l) => `    ${l}`))
    }
  }
  for (const status of statusesOf(outcomes).values()) {
    if (status.missing.length === 0) continue
    lines.push(
      `Google Authenticator export in ${status.size} parts: ${describeParts(status.missing)} not scanned yet`,
    )
  }
  return lines
}
