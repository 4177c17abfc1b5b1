// andOTP's backups: plain JSON (a list of entries: secret, issuer, label, digits, type, algorithm,
// period or counter, tags), and encrypted `.json.aes`. Two encrypted layouts exist: the old one is
// nonce(12) | ciphertext | tag(16) under SHA-256(password); the newer one prefixes a big-endian
// PBKDF2-HMAC-SHA1 iteration count (4 bytes) and a salt (12 bytes), the key being 32 bytes of
// PBKDF2. Both are AES-256-GCM. Lost: thumbnails, usage counts, last-used times, mOTP keys.
import { createHash, pbkdf2Sync } from 'node:crypto'
import type { Importer } from '../importer.ts'
import {
  extensionOf,
  headText,
  int,
  isObject,
  malformed,
  parseJsonText,
  readJson,
  str,
} from './file-bytes.ts'
import { exportPassword, openAesGcmJoined, utf8, wrongPassword } from './import-crypto.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'andOTP'
const NONCE_BYTES = 12
const SALT_BYTES = 12
/** andOTP picks 140,000 to 160,000; far outside that it is not the PBKDF2 layout (or hostile). */
const MIN_ITERATIONS = 1_000
const MAX_ITERATIONS = 1_000_000

export const andOtpImporter: Importer = {
  id: 'andotp',
  name: 'andOTP (JSON, or encrypted .json.aes)',
  help: 'andOTP → Backups → Backup (plain or password-protected).',
  sniff(bytes, fileName) {
    const head = headText(bytes, 2048)
    if (/^\s*\[/.test(head) && /"thumbnail"\s*:|"last_used"\s*:/.test(head)) return 3
    if (/^\s*\[/.test(head) && /"secret"\s*:/.test(head) && /"label"\s*:/.test(head)) return 2
    return extensionOf(fileName).endsWith('json.aes') ? 2 : 0
  },
  async read(bytes, askSecret) {
    const plainJson = /^\s*\[/.test(headText(bytes, 64))
    const list = plainJson
      ? readJson(bytes, NAME)
      : decrypt(bytes, await exportPassword(askSecret, NAME))
    if (!Array.isArray(list)) malformed(NAME, 'not a list of entries')
    const collected = new EntryCollector()
    list.forEach((raw: unknown, i) => {
      const where = `entry ${i + 1}`
      if (!isObject(raw)) return collected.problem(where, 'not an entry')
      const type = str(raw.type).toLowerCase()
      if (type === 'motp') return collected.problem(where, 'mOTP keys are not supported by Cairn')
      const tags = Array.isArray(raw.tags) ? raw.tags.map(str).filter(Boolean) : []
      collected.add(
        otpEntry(where, {
          kind: type || 'totp',
          secret: str(raw.secret),
          issuer: str(raw.issuer),
          account: str(raw.label),
          algorithm: str(raw.algorithm),
          digits: int(raw.digits),
          period: int(raw.period),
          counter: int(raw.counter),
          tags,
        }),
      )
    })
    return { format: this.id, formatName: NAME, ...collected, notes: [], encrypted: !plainJson }
  },
}

function decrypt(bytes: Uint8Array, password: string): unknown {
  if (bytes.length < NONCE_BYTES + 16) malformed(NAME, 'too short for an encrypted backup')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const iterations = view.getUint32(0)
  let plain: Uint8Array | null = null
  if (
    iterations >= MIN_ITERATIONS &&
    iterations <= MAX_ITERATIONS &&
    bytes.length > 4 + SALT_BYTES + NONCE_BYTES + 16
  ) {
    const salt = bytes.subarray(4, 4 + SALT_BYTES)
    const nonce = bytes.subarray(4 + SALT_BYTES, 4 + SALT_BYTES + NONCE_BYTES)
    const key = pbkdf2Sync(password, salt, iterations, 32, 'sha1')
    plain = openAesGcmJoined(key, nonce, bytes.subarray(4 + SALT_BYTES + NONCE_BYTES))
  }
  if (!plain) {
    const key = createHash('sha256').update(password, 'utf8').digest()
    plain = openAesGcmJoined(key, bytes.subarray(0, NONCE_BYTES), bytes.subarray(NONCE_BYTES))
  }
  if (!plain) wrongPassword(NAME)
  const text = utf8(plain)
  if (text === null) malformed(NAME, 'the decrypted content is not text')
  return parseJsonText(text, NAME)
}
