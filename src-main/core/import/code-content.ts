// What a decoded QR code (or a line of text) holds: one 2FA key (otpauth://), a Google
// Authenticator export (otpauth-migration://), a 2FA code that cannot be read, or something else
// entirely. Something else is described by kind and a short preview that cannot leak a secret or
// drive a terminal: web addresses show only their origin, Wi-Fi codes only the network name,
// text only its first characters, with control and bidi characters replaced.
import { isCairnError } from '../errors.ts'
import { migrationEntries } from '../migration/migration-accounts.ts'
import type { MigrationEntry } from '../migration/migration-accounts.ts'
import { isMigrationUri, parseMigrationUri } from '../migration/migration-payload.ts'
import { parseOtpauthUri } from '../otp/otpauth-uri.ts'
import type { OtpKey } from '../otp/otp-types.ts'

export interface MigrationBatchInfo {
  batchId: number
  /** From 0. */
  batchIndex: number
  batchSize: number
}

export type CodeContent =
  | { type: 'otpauth'; key: OtpKey }
  | { type: 'migration'; entries: MigrationEntry[]; batch: MigrationBatchInfo }
  | { type: 'unreadable-otp'; scheme: 'otpauth' | 'otpauth-migration'; reason: string }
  | { type: 'not-otp'; kind: 'url' | 'wifi' | 'text' | 'empty'; preview: string }

const TEXT_PREVIEW_LENGTH = 32
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/gu

export function classifyContent(text: string): CodeContent {
  const trimmed = text.trim()
  if (isMigrationUri(trimmed)) {
    try {
      const payload = parseMigrationUri(trimmed)
      const { batchId, batchIndex, batchSize } = payload
      return {
        type: 'migration',
        entries: migrationEntries(payload),
        batch: { batchId, batchIndex, batchSize },
      }
    } catch (e) {
      if (isCairnError(e))
        return { type: 'unreadable-otp', scheme: 'otpauth-migration', reason: e.message }
      throw e
    }
  }
  if (/^otpauth:/i.test(trimmed)) {
    try {
      return { type: 'otpauth', key: parseOtpauthUri(trimmed) }
    } catch (e) {
      if (isCairnError(e)) return { type: 'unreadable-otp', scheme: 'otpauth', reason: e.message }
      throw e
    }
  }
  return describeOther(trimmed)
}

function describeOther(text: string): CodeContent {
  if (text === '') return { type: 'not-otp', kind: 'empty', preview: '' }
  const url = webAddress(text)
  if (url) return { type: 'not-otp', kind: 'url', preview: url }
  if (/^WIFI:/i.test(text)) {
    const ssid = /(?:^WIFI:|;)S:((?:\\.|[^;])*)/i.exec(text)?.[1]?.replace(/\\(.)/g, '$1') ?? ''
    return { type: 'not-otp', kind: 'wifi', preview: `network ${truncate(safe(ssid), 32)}` }
  }
  return { type: 'not-otp', kind: 'text', preview: truncate(safe(text), TEXT_PREVIEW_LENGTH) }
}

/** The origin of an http(s) address, plus an ellipsis when a path or query (maybe a token) follows. */
function webAddress(text: string): string | null {
  if (!/^https?:\/\//i.test(text)) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  const more = url.pathname.length > 1 || url.search !== '' || url.hash !== ''
  return safe(url.origin) + (more ? '/…' : '')
}

function safe(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '?').replace(/\s+/g, ' ')
}

function truncate(text: string, length: number): string {
  const chars = [...text]
  return chars.length > length ? chars.slice(0, length).join('') + '…' : text
}
