// `cairn import VAULT FILE...` decides everything before it writes anything: every input must
// yield only usable 2FA keys (an image with no code, a line that is not an otpauth URI, an
// account the export cannot give us all fail the whole import), keys already in the vault or
// repeated across the inputs are skipped with a message, and other QR codes beside 2FA codes or
// missing parts of a multi-part export are only mentioned.
import { randomUUID } from 'node:crypto'
import { CairnError } from '../errors.ts'
import { batchStatuses, describeParts } from '../migration/migration-batches.ts'
import type { OtpKey } from '../otp/otp-types.ts'
import type { ItemRecord, OtpData } from '../vault/item-types.ts'
import type { ListResult, ManagedVault } from '../vault/vault-api.ts'
import type { ImportSource } from './import-source.ts'
import { BARE_SECRET_HINT, printable } from './scan-report.ts'

export interface PlannedKey {
  key: OtpKey
  /** "shot.png, code 2", "keys.txt, line 4". */
  from: string
}

export interface ImportPlan {
  add: PlannedKey[]
  skipped: { key: OtpKey; from: string; reason: string }[]
  /** Each of these fails the import. */
  problems: string[]
  /** Worth saying, not worth failing for. */
  notes: string[]
}

/** Same key: same secret (canonical base32), issuer and account, as `cairn add` judges it. */
export function keyIdentity(key: Pick<OtpKey, 'secret' | 'issuer' | 'account'>): string {
  return JSON.stringify([key.secret, key.issuer, key.account])
}

export function keyLabel(key: Pick<OtpKey, 'issuer' | 'account'>): string {
  const label =
    key.issuer && key.account ? `${key.issuer} (${key.account})` : key.issuer || key.account
  return printable(label || 'an unnamed key')
}

export function planImport(sources: ImportSource[], existing: OtpKey[]): ImportPlan {
  const plan: ImportPlan = { add: [], skipped: [], problems: [], notes: [] }
  const inVault = new Set(existing.map(keyIdentity))
  const planned = new Map<string, string>()

  const offer = (key: OtpKey, from: string) => {
    const id = keyIdentity(key)
    const earlier = planned.get(id)
    if (inVault.has(id)) plan.skipped.push({ key, from, reason: 'already in the vault' })
    else if (earlier) plan.skipped.push({ key, from, reason: `same key as ${earlier}` })
    else {
      planned.set(id, from)
      plan.add.push({ key, from })
    }
  }

  for (const source of sources) {
    const name = printable(source.name)
    let keysHere = 0
    const others: string[] = []
    for (const { where, content } of source.items) {
      const from = `${name}, ${where}`
      switch (content.type) {
        case 'otpauth':
          keysHere++
          offer(content.key, from)
          break
        case 'migration':
          for (const entry of content.entries) {
            if (entry.ok) {
              keysHere++
              offer(entry.key, from)
            } else {
              const label = keyLabel({ issuer: entry.issuer, account: entry.account })
              plan.problems.push(`${from}: cannot import ${label}: ${entry.reason}`)
            }
          }
          break
        case 'unreadable-otp':
          plan.problems.push(`${from}: ${content.reason}`)
          break
        case 'not-otp':
          if (source.kind === 'text') {
            plan.problems.push(
              content.kind === 'secret'
                ? `${from}: a bare 2FA secret, not an otpauth URI: ${BARE_SECRET_HINT}`
                : `${from}: not an otpauth URI`,
            )
          } else others.push(where)
      }
    }
    if (source.items.length === 0) {
      plan.problems.push(
        source.kind === 'image' ? `${name}: no QR code found` : `${name}: no otpauth URI found`,
      )
    } else if (keysHere === 0 && others.length > 0) {
      plan.problems.push(`${name}: no 2FA code (only other QR codes)`)
    } else if (others.length > 0) {
      plan.notes.push(`${name}: ignored ${others.join(', ')}: not a 2FA code`)
    }
  }

  const parts = sources.flatMap((s) =>
    s.items.flatMap((i) => (i.content.type === 'migration' ? [i.content.batch] : [])),
  )
  for (const status of batchStatuses(parts)) {
    if (status.missing.length === 0) continue
    plan.notes.push(
      `Google Authenticator export in ${status.size} parts: ${describeParts(status.missing)} not among the inputs; import ${status.missing.length === 1 ? 'it' : 'them'} later (keys already imported will be skipped)`,
    )
  }
  return plan
}

/** The OTP keys of a vault's live items. */
export function vaultOtpKeys(list: ListResult): OtpKey[] {
  return list.items.flatMap((item) => (item.data.type === 'otp' ? [item.data] : []))
}

export function otpItem(key: OtpKey): OtpData {
  return { ...key, type: 'otp', title: '', notes: '', tags: [] }
}

/** What the import writes through: the vault's all-or-nothing batch write. */
export type ImportTarget = Pick<ManagedVault, 'importRecords'>

/**
 * Writes the plan's keys in one transaction. Refuses (writing nothing) when the plan has
 * problems; a plan with nothing to add writes nothing and succeeds.
 */
export function applyImport(
  target: ImportTarget,
  plan: ImportPlan,
  now = Date.now(),
): ItemRecord[] {
  if (plan.problems.length > 0) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Nothing imported: ${plan.problems.length} input problem${plan.problems.length === 1 ? '' : 's'}`,
    )
  }
  if (plan.add.length === 0) return []
  return target.importRecords(
    plan.add.map((p) => ({
      id: randomUUID(),
      revision: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      data: otpItem(p.key),
    })),
  )
}
