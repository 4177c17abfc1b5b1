// RFC 4648 base32 as people actually type and paste it: any case, with or without '=' padding,
// with spaces or hyphens between groups. The canonical form Cairn stores is upper case without
// padding or separators. Errors never quote the input: it is a secret.
import { CairnError } from '../errors.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const VALUES = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]))
const SKIP = -1
const PADDING = -2
const INVALID = -3
/**
 * What each ASCII character means (decodeBase32 runs for every 2FA item on every list): a symbol
 * value, SKIP, PADDING or INVALID. Other characters take the general path below.
 */
const ASCII_MEANING = Int8Array.from({ length: 128 }, (_, code) =>
  meaningOf(String.fromCharCode(code)),
)

function meaningOf(char: string): number {
  if (/[\s-]/.test(char)) return SKIP
  if (char === '=') return PADDING
  return VALUES.get(char.toUpperCase()) ?? INVALID
}

/** Input lengths (mod 8, padding removed) that can end a valid encoding: 1, 3 and 6 cannot. */
const VALID_TAIL_LENGTHS = new Set([0, 2, 4, 5, 7])

export function encodeBase32(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/** Decodes lenient base32; throws CairnError INVALID_ARGUMENT naming the problem, never the text. */
export function decodeBase32(text: string): Uint8Array {
  const symbols: number[] = []
  let paddingSeen = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const meaning = code < 128 ? ASCII_MEANING[code]! : meaningOf(text[i]!)
    if (meaning === SKIP) continue
    if (meaning === PADDING) {
      paddingSeen = true
      continue
    }
    if (meaning === INVALID) {
      throw new CairnError(
        'INVALID_ARGUMENT',
        `base32 text has a character outside A-Z and 2-7 at position ${i + 1}`,
      )
    }
    if (paddingSeen) {
      throw new CairnError('INVALID_ARGUMENT', 'base32 padding (=) may only appear at the end')
    }
    symbols.push(meaning)
  }
  if (symbols.length === 0) throw new CairnError('INVALID_ARGUMENT', 'base32 text is empty')
  if (!VALID_TAIL_LENGTHS.has(symbols.length % 8)) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `base32 text has an impossible length (${symbols.length} characters); is one missing?`,
    )
  }
  const out = new Uint8Array(Math.floor((symbols.length * 5) / 8))
  let buffer = 0
  let bits = 0
  let index = 0
  for (const value of symbols) {
    buffer = ((buffer << 5) | value) & 0xffff
    bits += 5
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 0xff
      bits -= 8
    }
  }
  return out
}

/** The stored form of a secret: decode leniently, re-encode upper case without padding. */
export function canonicalBase32(text: string): string {
  return encodeBase32(decodeBase32(text))
}
