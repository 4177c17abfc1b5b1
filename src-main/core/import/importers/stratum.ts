// Stratum (formerly Authenticator Pro) plain backup, as its BACKUP_FORMAT document describes:
// {Authenticators: [{Type, Issuer, Username, Secret, Algorithm, Digits, Period, Counter}],
// Categories: [{Id, Name}], AuthenticatorCategories: [{CategoryId, AuthenticatorSecret}]}.
// Type: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex. Algorithm: 0 SHA-1, 1 SHA-256, 2 SHA-512.
// Lost: icons, copy counts, ranking.
// Encrypted backups: "AUTHENTICATORPRO" | salt(16) | nonce(12) | ciphertext+tag, AES-256-GCM under
// Argon2id(password, salt; 64 MiB, 3 passes, 4 lanes); the older "AuthenticatorPro" | salt(8) |
// iv(16) | ciphertext, AES-256-CBC under PBKDF2-HMAC-SHA1(password, salt, 100000).
import { createDecipheriv, pbkdf2Sync } from 'node:crypto'
import { fastestArgon2 } from '../../kdf/derive-key.ts'
import type { Importer } from '../importer.ts'
import { headText, int, isObject, malformed, parseJsonText, readJson, str } from './file-bytes.ts'
import { exportPassword, openAesGcmJoined, utf8, wrongPassword } from './import-crypto.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'Stratum / Authenticator Pro'
const TYPES: Record<number, string> = { 1: 'hotp', 2: 'totp', 4: 'steam' }
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' }
const STRONG_HEADER = 'AUTHENTICATORPRO'
const LEGACY_HEADER = 'AuthenticatorPro'
const ENCRYPTED_HEADERS = [STRONG_HEADER, LEGACY_HEADER]
const HEADER_BYTES = 16
export const STRATUM_ARGON2 = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 } as const

export const stratumImporter: Importer = {
  id: 'stratum',
  name: 'Stratum / Authenticator Pro (backup, plain or encrypted)',
  help: 'Stratum → Backup → Backup to file (with or without a password).',
  sniff(bytes) {
    const head = headText(bytes, 2048)
    if (ENCRYPTED_HEADERS.some((h) => head.startsWith(h))) return 3
    return /^\s*\{/.test(head) && /"Authenticators"\s*:/.test(head) ? 3 : 0
  },
  async read(bytes, askSecret) {
    const header = headText(bytes, HEADER_BYTES)
    const encrypted = ENCRYPTED_HEADERS.includes(header)
    const json = encrypted
      ? await decrypt(bytes, header, await exportPassword(askSecret, NAME))
      : readJson(bytes, NAME)
    if (!isObject(json) || !Array.isArray(json.Authenticators)) malformed(NAME, 'no authenticators')
    const categories = new Map<string, string>()
    if (Array.isArray(json.Categories)) {
      for (const c of json.Categories) if (isObject(c)) categories.set(str(c.Id), str(c.Name))
    }
    const folderOf = new Map<string, string>()
    if (Array.isArray(json.AuthenticatorCategories)) {
      for (const link of json.AuthenticatorCategories) {
        if (!isObject(link)) continue
        const name = categories.get(str(link.CategoryId))
        const secret = str(link.AuthenticatorSecret)
        if (name && !folderOf.has(secret)) folderOf.set(secret, name)
      }
    }
    const collected = new EntryCollector()
    json.Authenticators.forEach((raw, i) => {
      const where = `authenticator ${i + 1}`
      if (!isObject(raw)) return collected.problem(where, 'not an authenticator')
      const type = TYPES[int(raw.Type) ?? 2]
      if (!type) return collected.problem(where, 'mOTP and Yandex keys are not supported by Cairn')
      const algorithm = ALGORITHMS[int(raw.Algorithm) ?? 0]
      if (!algorithm) return collected.problem(where, 'unknown algorithm')
      const secret = str(raw.Secret)
      collected.add(
        otpEntry(where, {
          kind: type,
          secret,
          issuer: str(raw.Issuer),
          account: str(raw.Username),
          algorithm,
          digits: int(raw.Digits),
          period: int(raw.Period),
          counter: int(raw.Counter),
          folder: folderOf.get(secret),
        }),
      )
    })
    return { format: this.id, formatName: NAME, ...collected, notes: [], encrypted }
  },
}

async function decrypt(bytes: Uint8Array, header: string, password: string): Promise<unknown> {
  const body = bytes.subarray(HEADER_BYTES)
  let plain: Uint8Array | null
  if (header === STRONG_HEADER) {
    if (body.length < 16 + 12 + 16) malformed(NAME, 'too short for an encrypted backup')
    const salt = body.subarray(0, 16)
    const key = await (
      await fastestArgon2()
    ).hash({
      password: new TextEncoder().encode(password),
      salt,
      params: STRATUM_ARGON2,
      tagLength: 32,
    })
    plain = openAesGcmJoined(key, body.subarray(16, 28), body.subarray(28))
    key.fill(0)
  } else {
    if (body.length < 8 + 16 + 16 || (body.length - 24) % 16 !== 0) {
      malformed(NAME, 'too short or cut for an encrypted backup')
    }
    const key = pbkdf2Sync(password, body.subarray(0, 8), 100_000, 32, 'sha1')
    plain = openCbc(key, body.subarray(8, 24), body.subarray(24))
  }
  if (!plain) wrongPassword(NAME)
  const text = utf8(plain)
  if (text === null) {
    // CBC has no tag: a wrong password shows as garbage rather than a failed check.
    if (header === LEGACY_HEADER) wrongPassword(NAME)
    malformed(NAME, 'the decrypted content is not text')
  }
  if (header === LEGACY_HEADER && !/^\s*\{/.test(text)) wrongPassword(NAME)
  return parseJsonText(text, NAME)
}

function openCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv)
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]))
  } catch {
    return null
  }
}
