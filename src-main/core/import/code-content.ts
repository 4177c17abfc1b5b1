// What a decoded QR code (or a line of text) holds: one 2FA key (otpauth://), a Google
// Authenticator export (otpauth-migration://), a 2FA code that cannot be read, or something else
// entirely. Something else is described by kind and a short preview that cannot leak a secret or
// drive a terminal: web addresses show only their origin, Wi-Fi codes only the network name (with
// control and bidi characters replaced), and text only its length: any text may be a secret, and
// a bare base32 secret, the common one, is named as such so it can be added the right way. A QR
// code whose bytes are not UTF-8 text is binary, and said to be, not taken for an empty one.
import { isCairnError } from '../errors.ts'
import { migrationEntries } from '../migration/migration-accounts.ts'
import type { MigrationEntry } from '../migration/migration-accounts.ts'
import { isMigrationUri, parseMigrationUri } from '../migration/migration-payload.ts'
import { readOtpauthUri } from '../otp/otpauth-uri.ts'
import type { OtpKey } from '../otp/otp-types.ts'

export interface MigrationBatchInfo {
  batchId: number
  /** From 0. */
  batchIndex: number
  batchSize: number
}

export type CodeContent =
  | { type: 'otpauth'; key: OtpKey; notes: string[] }
  | { type: 'migration'; entries: MigrationEntry[]; batch: MigrationBatchInfo }
  | { type: 'unreadable-otp'; scheme: 'otpauth' | 'otpauth-migration'; reason: string }
  | {
      type: 'not-otp'
      kind: 'url' | 'wifi' | 'text' | 'secret' | 'empty' | 'binary'
      preview: string
    }

/** Base32 (RFC 4648), in either case, padded or not; 16 symbols are 10 bytes, the usual least. */
const BARE_BASE32 = /^[A-Z2-7]{16,}=*$/i
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/gu

/**
 * What a QR code holds, from the scanner's text and the raw bytes behind it. The scanner's text
 * is empty when the bytes are not UTF-8; only a code with no bytes at all is empty.
 */
export function classifyCode(code: { text: string; bytes: Uint8Array }): CodeContent {
  if (code.text === '' && code.bytes.length > 0 && !isUtf8(code.bytes)) {
    const n = code.bytes.length
    return { type: 'not-otp', kind: 'binary', preview: `${n} byte${n === 1 ? '' : 's'}` }
  }
  return classifyContent(code.text)
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

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
      return { type: 'otpauth', ...readOtpauthUri(trimmed) }
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
  const preview = `${[...text].length} characters`
  return { type: 'not-otp', kind: looksLikeBareSecret(text) ? 'secret' : 'text', preview }
}

/**
 * A base32 secret as sites show it: in one piece, or in groups of four ("jbsw y3dp ehpk 3pxp")
 * with the last group maybe shorter. Words are rarely grouped that way.
 */
function looksLikeBareSecret(text: string): boolean {
  const groups = text.split(/[\s-]+/)
  const grouped = groups.slice(0, -1).every((g) => g.length === 4) && groups.at(-1)!.length <= 4
  return (groups.length === 1 || grouped) && BARE_BASE32.test(groups.join(''))
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
