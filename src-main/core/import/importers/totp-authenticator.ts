// TOTP Authenticator (Android, BinaryBoy) backup: base64 text of AES-256-CBC (PKCS#7 padding, an
// all-zero IV) under the key SHA-256(password). A backup made without a password of the person's
// own is sealed with the app's built-in one, "TotpAuthenticator", which is tried first. Inside is
// a JSON object with one member: its name is the JSON text of the list of accounts (each an
// object, or in older versions the JSON text of one), its value the backup's time. An account
// holds `issuer` ("Unknown" when none was set), `name`, `key` and `base` (16, 32 or 64: how `key`
// is written), and `digits` and `period` as text ("" for the defaults). Always SHA-1 TOTP.
// Lost: icons, favourites, widget and notification settings, account header labels.
import { createDecipheriv, createHash } from 'node:crypto'
import type { Importer } from '../importer.ts'
import { SNIFF } from '../importer.ts'
import { base64Bytes, int, isObject, malformed, str, textOf } from './file-bytes.ts'
import type { Json, JsonObject } from './file-bytes.ts'
import { exportPassword, utf8, wrongPassword } from './import-crypto.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'TOTP Authenticator'
const BUILT_IN_PASSWORD = 'TotpAuthenticator'
const ZERO_IV = new Uint8Array(16)
const NO_ISSUER = 'Unknown'
/** Real backups are kilobytes; this bounds decoding and decryption. */
const MAX_FILE_BYTES = 8 * 1024 * 1024

function ciphertextOf(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length > MAX_FILE_BYTES) return null
  const text = textOf(bytes)?.trim()
  if (!text || !/^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(text)) return null
  const data = base64Bytes(text)
  return data && data.length >= 16 && data.length % 16 === 0 ? data : null
}

const keyOf = (password: string) => createHash('sha256').update(password, 'utf8').digest()

function decrypt(data: Uint8Array, password: string): Uint8Array | null {
  try {
    const decipher = createDecipheriv('aes-256-cbc', keyOf(password), ZERO_IV)
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]))
  } catch {
    return null
  }
}

/** The accounts, or null when the plaintext is not the backup's shape (a wrong password). */
function accountsOf(plain: Uint8Array): Json[] | null {
  const text = utf8(plain)
  if (text === null) return null
  let outer: unknown
  try {
    outer = JSON.parse(text)
  } catch {
    return null
  }
  if (!isObject(outer)) return null
  const names = Object.keys(outer)
  if (names.length === 0) return []
  try {
    const list: unknown = JSON.parse(names[0]!)
    return Array.isArray(list) ? (list as Json[]) : null
  } catch {
    return null
  }
}

export const totpAuthenticatorImporter: Importer = {
  id: 'totp-authenticator',
  name: 'TOTP Authenticator (encrypted backup)',
  help: "TOTP Authenticator's backup file, made with a password of your own or without one; carries issuer, name, key, digits and period.",
  sniff(bytes) {
    const data = ciphertextOf(bytes)
    if (!data || data.length < 32) return SNIFF.no
    const text = textOf(bytes)!
    // A bare secret in base32 (any case, grouped or not) or hex is base64 text too; base64
    // ciphertext this long all but surely has a character neither alphabet has.
    if (/^[A-Za-z2-7\s=]*$/.test(text) || /^[0-9A-Fa-f\s]*$/.test(text)) return SNIFF.no
    // CBC with a zero IV: the first block alone shows a backup sealed with the built-in password.
    return decryptFirstBlock(data).startsWith('{"[') ? SNIFF.certain : SNIFF.shape
  },
  async read(bytes, askSecret) {
    const data = ciphertextOf(bytes)
    if (!data) malformed(NAME, 'not the base64 text of an encrypted backup')
    let encrypted = false
    let plain = decrypt(data, BUILT_IN_PASSWORD)
    let accounts = plain && accountsOf(plain)
    if (!accounts) {
      encrypted = true
      plain = decrypt(data, await exportPassword(askSecret, NAME))
      accounts = plain && accountsOf(plain)
      if (!accounts) wrongPassword(NAME)
    }
    plain?.fill(0)
    const collected = new EntryCollector()
    accounts.forEach((raw, i) => {
      const where = `account ${i + 1}`
      const account = typeof raw === 'string' ? parsedObject(raw) : raw
      if (!isObject(account)) return collected.problem(where, 'not an account')
      collected.add(accountEntry(where, account))
    })
    // Sealed with the built-in password, the file is as readable as a plain one.
    return { format: this.id, formatName: NAME, ...collected, notes: [], encrypted }
  },
}

function decryptFirstBlock(data: Uint8Array): string {
  const decipher = createDecipheriv('aes-256-ecb', keyOf(BUILT_IN_PASSWORD), null)
  decipher.setAutoPadding(false)
  return new TextDecoder('latin1').decode(decipher.update(data.subarray(0, 16)))
}

function parsedObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text)
    return isObject(value) ? value : null
  } catch {
    return null
  }
}

function accountEntry(where: string, account: JsonObject) {
  const base = int(account.base)
  const key = str(account.key).trim()
  let secret: string | Uint8Array | null
  if (base === 16) secret = /^(?:[0-9a-f]{2})+$/i.test(key) ? Buffer.from(key, 'hex') : null
  else if (base === 32) secret = key
  else if (base === 64) secret = base64Bytes(key)
  else {
    return {
      problem: {
        where,
        reason: `the key is written in base ${str(account.base).slice(0, 8)}, not 16, 32 or 64`,
      },
    }
  }
  if (secret === null) return { problem: { where, reason: `the key is not valid base ${base}` } }
  const issuer = str(account.issuer)
  return otpEntry(where, {
    kind: 'totp',
    secret: typeof secret === 'string' ? secret : new Uint8Array(secret),
    issuer: issuer === NO_ISSUER ? '' : issuer,
    account: str(account.name),
    digits: int(account.digits),
    period: int(account.period),
  })
}
