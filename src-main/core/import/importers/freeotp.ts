// FreeOTP 2 backups (FreeOTP for Android 2.x, the file its Backup saves): the
// app's backup preferences written as a Java-serialized HashMap<String, String>. Entries:
// - "masterKey": Gson JSON of a master key sealed by the backup password: PBKDF2 (HMAC-SHA512, or
//   HMAC-SHA1 on old devices; the salt's length is the key's length) opens an AES-GCM box whose
//   additional data is the sealed key's algorithm name ("AES");
// - "<uuid>": {"key": Gson JSON of the token's secret sealed by the master key the same way, the
//   additional data being the secret's algorithm name, e.g. "HmacSHA1"};
// - "<uuid>-token": Gson JSON of the token: type, algo, digits, period, counter, issuerExt,
//   issuerInt, issuerAlt, label, labelAlt, image, color, lock.
// Gson writes byte arrays as lists of signed numbers; a GCM box's parameters are the DER of
// GCMParameters (the nonce, then the tag length). Steam tokens are those whose issuer is "Steam"
// (5 characters). Lost: images, colours, the lock flag, order.
import { pbkdf2Sync } from 'node:crypto'
import { encodeBase32 } from '../../otp/base32.ts'
import type { Importer } from '../importer.ts'
import { SNIFF } from '../importer.ts'
import { int, isObject, malformed, str, type JsonObject } from './file-bytes.ts'
import { exportPassword, openAesGcmJoined, wrongPassword } from './import-crypto.ts'
import { javaMapError, looksLikeJavaHashMap, readJavaStringMap } from './java-string-map.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'FreeOTP'
const MASTER = 'masterKey'
const TOKEN_SUFFIX = '-token'
/** FreeOTP uses 100,000; the bound keeps a hostile file from costing minutes. */
const MAX_ITERATIONS = 10_000_000
const DIGESTS: Record<string, 'sha512' | 'sha1'> = {
  pbkdf2withhmacsha512: 'sha512',
  pbkdf2withhmacsha1: 'sha1',
}

function parse(text: string, what: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text)
    if (isObject(value)) return value
  } catch {
    // reported below
  }
  return malformed(NAME, `${what} is not valid JSON`)
}

/** Gson's byte[]: a list of numbers from -128 to 255. */
function bytesOf(value: unknown, what: string): Uint8Array {
  if (!Array.isArray(value) || value.length > 1 << 16) malformed(NAME, `${what} is not a byte list`)
  const out = new Uint8Array(value.length)
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -128 || v > 255) {
      malformed(NAME, `${what} is not a byte list`)
    }
    out[i] = v & 0xff
  })
  return out
}

/** The nonce in DER GCMParameters: SEQUENCE { OCTET STRING nonce, INTEGER tagLength OPTIONAL }. */
function gcmNonce(der: Uint8Array): Uint8Array | null {
  if (der.length < 4 || der[0] !== 0x30 || der[1] !== der.length - 2 || der[2] !== 0x04) return null
  const length = der[3]!
  if (length === 0 || length > 64 || 4 + length > der.length) return null
  const rest = der.subarray(4 + length)
  // A tag length other than 16 bytes is not what FreeOTP (Java's default) writes.
  if (
    rest.length > 0 &&
    !(rest.length === 3 && rest[0] === 0x02 && rest[1] === 1 && rest[2] === 16)
  ) {
    return null
  }
  return der.subarray(4, 4 + length)
}

interface SealedKey {
  cipherText: Uint8Array
  nonce: Uint8Array
  /** The sealed key's algorithm name: the box's additional data. */
  token: string
}

function sealedKey(json: JsonObject, what: string): SealedKey {
  if (str(json.mCipher) !== 'AES/GCM/NoPadding') malformed(NAME, `${what} uses an unknown cipher`)
  const nonce = gcmNonce(bytesOf(json.mParameters, `${what}'s parameters`))
  if (!nonce) malformed(NAME, `${what}'s GCM parameters are not readable`)
  return { cipherText: bytesOf(json.mCipherText, what), nonce, token: str(json.mToken) }
}

function open(key: Uint8Array, sealed: SealedKey): Uint8Array | null {
  const aad = new TextEncoder().encode(sealed.token)
  return openAesGcmJoined(key, sealed.nonce, sealed.cipherText, aad)
}

function masterKey(json: JsonObject, password: string): Uint8Array {
  const digest = DIGESTS[str(json.mAlgorithm).toLowerCase()]
  if (!digest) malformed(NAME, 'the master key uses an unknown key derivation')
  const iterations = int(json.mIterations)
  if (iterations === undefined || iterations < 1 || iterations > MAX_ITERATIONS) {
    malformed(NAME, 'the master key has an impossible iteration count')
  }
  const salt = bytesOf(json.mSalt, 'the master key salt')
  if (salt.length < 16 || salt.length > 64) malformed(NAME, 'the master key salt has an odd size')
  const sealed = sealedKey(isObject(json.mEncryptedKey) ? json.mEncryptedKey : {}, 'the master key')
  const derived = pbkdf2Sync(password, salt, iterations, salt.length, digest)
  const key = open(derived, sealed)
  derived.fill(0)
  if (!key) wrongPassword(NAME)
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    malformed(NAME, 'the master key has an odd size')
  }
  return key
}

function algorithmOf(token: JsonObject, sealedName: string): string {
  const algo = str(token.algo)
  if (algo !== '') return algo
  // Older tokens leave `algo` out: the secret's own name says it ("HmacSHA256").
  return sealedName.replace(/^Hmac/i, '') || 'SHA1'
}

export const freeOtpImporter: Importer = {
  id: 'freeotp',
  name: 'FreeOTP 2 backup',
  help: 'FreeOTP (Android, 2.x) → Backup: the file it saves, with the backup password set in FreeOTP.',
  sniff(bytes) {
    if (!looksLikeJavaHashMap(bytes)) return SNIFF.no
    const head = Buffer.from(bytes.subarray(0, 1 << 16)).toString('latin1')
    return head.includes(MASTER) ? SNIFF.certain : SNIFF.shape
  },
  async read(bytes, askSecret) {
    const map = new Map(readJavaStringMap(bytes, javaMapError(NAME)))
    const master = map.get(MASTER)
    if (master === undefined) malformed(NAME, 'it holds no master key')
    const key = masterKey(parse(master, 'the master key'), await exportPassword(askSecret, NAME))
    const collected = new EntryCollector()
    let n = 0
    for (const [name, value] of map) {
      if (name === MASTER || name.endsWith(TOKEN_SUFFIX)) continue
      const where = `token ${++n}`
      const tokenText = map.get(`${name}${TOKEN_SUFFIX}`)
      if (tokenText === undefined) {
        collected.problem(where, 'its details (name, type, digits) are missing')
        continue
      }
      const sealedText = str(parse(value, `${where}'s key`).key)
      const sealed = sealedKey(parse(sealedText, `${where}'s key`), `${where}'s key`)
      const secret = open(key, sealed)
      if (!secret) malformed(NAME, `${where}'s key does not open with the master key`)
      const token = parse(tokenText, `${where}'s details`)
      // FreeOTP shows the edited names (…Alt) in place of the ones the QR code gave.
      const issuer = str(token.issuerAlt) || str(token.issuerExt) || str(token.issuerInt)
      const steam = (str(token.issuerAlt) || str(token.issuerExt)) === 'Steam'
      collected.add(
        otpEntry(where, {
          kind: steam ? 'steam' : str(token.type) || 'totp',
          secret: encodeBase32(secret),
          issuer,
          account: str(token.labelAlt) || str(token.label),
          algorithm: algorithmOf(token, sealed.token),
          digits: int(token.digits) ?? (steam ? 5 : undefined),
          period: int(token.period),
          counter: int(token.counter),
        }),
      )
      secret.fill(0)
    }
    key.fill(0)
    return { format: this.id, formatName: NAME, ...collected, notes: [], encrypted: true }
  },
}
