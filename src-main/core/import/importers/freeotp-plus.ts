// FreeOTP+'s JSON export: {tokens: [{algo, counter, digits, issuerExt, label, period, secret,
// type}], tokenOrder}. The secret is a list of signed bytes (Java's byte[] as JSON numbers).
// Lost: images and the list order.
import type { Importer } from '../importer.ts'
import { headText, int, isObject, malformed, readJson, str } from './file-bytes.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'FreeOTP+'

export const freeOtpPlusImporter: Importer = {
  id: 'freeotp-plus',
  name: 'FreeOTP+ (JSON export)',
  help: 'FreeOTP+ → menu → Export JSON.',
  sniff(bytes) {
    const head = headText(bytes, 2048)
    return /^\s*\{/.test(head) && /"tokens"\s*:/.test(head) && /"issuerExt"|"tokenOrder"/.test(head)
      ? 3
      : 0
  },
  async read(bytes) {
    const json = readJson(bytes, NAME)
    if (!isObject(json) || !Array.isArray(json.tokens)) malformed(NAME, 'no tokens')
    const collected = new EntryCollector()
    json.tokens.forEach((raw, i) => {
      const where = `token ${i + 1}`
      if (!isObject(raw)) return collected.problem(where, 'not a token')
      const secret = signedBytes(raw.secret)
      if (!secret) return collected.problem(where, 'the secret is not a list of bytes')
      collected.add(
        otpEntry(where, {
          kind: str(raw.type),
          secret,
          issuer: str(raw.issuerExt) || str(raw.issuerInt),
          account: str(raw.label),
          algorithm: str(raw.algo),
          digits: int(raw.digits),
          period: int(raw.period),
          counter: int(raw.counter),
        }),
      )
    })
    return { format: this.id, formatName: NAME, ...collected, notes: [] }
  },
}

function signedBytes(value: unknown): Uint8Array | null {
  if (!Array.isArray(value)) return null
  const ok = value.every(
    (b) => Number.isInteger(b) && (b as number) >= -128 && (b as number) <= 255,
  )
  return ok ? Uint8Array.from(value as number[], (b) => b & 0xff) : null
}
