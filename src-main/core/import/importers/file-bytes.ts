// Reading helpers every importer shares: bytes to text or JSON, with one CairnError for the whole
// file when it is not what the format needs (never one per line), and the plain-JSON checks that
// keep a damaged or foreign file from reaching deeper code as an exception of another kind.
import { CairnError } from '../../errors.ts'

/** Text exports of every app we know are far below this; it bounds what we decode. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024

const decoder = new TextDecoder('utf-8', { fatal: true })

/** UTF-8 text (a leading byte-order mark is dropped), or null when the bytes are not. */
export function textOf(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_TEXT_BYTES) return null
  try {
    const text = decoder.decode(bytes)
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  } catch {
    return null
  }
}

export function malformed(formatName: string, reason: string): never {
  throw new CairnError('MALFORMED_BACKUP', `Not a readable ${formatName} file: ${reason}`)
}

/** The file as JSON; a CairnError naming the format when it is not. */
export function readJson(bytes: Uint8Array, formatName: string): unknown {
  const text = textOf(bytes)
  if (text === null) malformed(formatName, 'not UTF-8 text')
  try {
    return JSON.parse(text)
  } catch {
    return malformed(formatName, 'not valid JSON (the file may be cut short or damaged)')
  }
}

/** Parses JSON text already decrypted; the damage is then in the decrypted content. */
export function parseJsonText(text: string, formatName: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return malformed(formatName, 'the decrypted content is not valid JSON')
  }
}

/** The start of the file as text, for sniffing: cheap, never throws. */
export function headText(bytes: Uint8Array, length = 4096): string {
  return new TextDecoder('utf-8').decode(bytes.subarray(0, length)).replace(/^\uFEFF/, '')
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const dot = base.indexOf('.')
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase()
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A field as text: strings as they are, numbers written out, anything else empty. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return ''
}

/** A field as a whole number, or undefined when absent or not one. */
export function int(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : value
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined
}

/** Base64 (standard or URL-safe) to bytes; null when it is not base64. */
export function base64Bytes(value: unknown): Uint8Array | null {
  if (typeof value !== 'string') return null
  const compact = value.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return null
  return new Uint8Array(Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64'))
}

export function hexBytes(value: unknown): Uint8Array | null {
  if (typeof value !== 'string' || !/^(?:[0-9a-f]{2})*$/i.test(value)) return null
  return new Uint8Array(Buffer.from(value, 'hex'))
}
