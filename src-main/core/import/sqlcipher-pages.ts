// Decrypts an SQLCipher 3 database (the layout SQLCipher 3.x writes by default, and that its
// "cipher_compatibility = 3" reads) into the bytes of the plain SQLite database, in memory only.
// From SQLCipher's design notes: the file starts with a 16-byte salt; the page key is
// PBKDF2-HMAC-SHA1(password, salt, 64000, 32); the HMAC key is PBKDF2-HMAC-SHA1(page key,
// salt XOR 0x3a, 2, 32). Each 1024-byte page ends with 48 reserved bytes: a 16-byte IV, then
// HMAC-SHA1(HMAC key, ciphertext || IV || page number as 4 little-endian bytes), then padding;
// the rest of the page (after the salt on page 1) is AES-256-CBC without padding. Every page's
// HMAC is checked before anything is decrypted, so neither a wrong password nor one altered byte
// ever reaches SQLite as garbage.
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto'
import { CairnError } from '../errors.ts'

export const SQLCIPHER3 = {
  pageBytes: 1024,
  kdfIterations: 64_000,
  saltBytes: 16,
  ivBytes: 16,
  hmacBytes: 20,
  /** IV plus HMAC, rounded up to the AES block. */
  reserveBytes: 48,
} as const

const HMAC_SALT_MASK = 0x3a
const HMAC_KDF_ITERATIONS = 2
const SQLITE_HEADER = new TextEncoder().encode('SQLite format 3\0')

function damaged(what: string, detail: string): never {
  throw new CairnError(
    'MALFORMED_BACKUP',
    `${what} is not a readable SQLCipher database: ${detail}`,
  )
}

/**
 * The plain SQLite database bytes, in a new buffer the caller owns and wipes. A first page that
 * fails its HMAC is a wrong password (or that page was altered): WRONG_PASSWORD; any later page,
 * or a file that is not whole pages: MALFORMED_BACKUP. `what` names the file in messages.
 */
export function decryptSqlCipher3(file: Uint8Array, password: string, what: string): Buffer {
  const { pageBytes, saltBytes, reserveBytes, ivBytes, hmacBytes } = SQLCIPHER3
  if (file.length < pageBytes || file.length % pageBytes !== 0) {
    damaged(what, 'its size is not a whole number of database pages (is it cut short?)')
  }
  const salt = file.subarray(0, saltBytes)
  const key = pbkdf2Sync(password, salt, SQLCIPHER3.kdfIterations, 32, 'sha1')
  const hmacSalt = Buffer.from(salt.map((b) => b ^ HMAC_SALT_MASK))
  const hmacKey = pbkdf2Sync(key, hmacSalt, HMAC_KDF_ITERATIONS, 32, 'sha1')
  const pages = file.length / pageBytes
  const plain = Buffer.alloc(file.length)
  const pageNumber = Buffer.alloc(4)
  try {
    for (let p = 0; p < pages; p++) {
      const page = file.subarray(p * pageBytes, (p + 1) * pageBytes)
      const start = p === 0 ? saltBytes : 0
      const ciphertext = page.subarray(start, pageBytes - reserveBytes)
      const iv = page.subarray(pageBytes - reserveBytes, pageBytes - reserveBytes + ivBytes)
      const stored = page.subarray(
        pageBytes - reserveBytes + ivBytes,
        pageBytes - reserveBytes + ivBytes + hmacBytes,
      )
      pageNumber.writeUInt32LE(p + 1)
      const hmac = createHmac('sha1', hmacKey).update(ciphertext).update(iv).update(pageNumber)
      if (!timingSafeEqual(hmac.digest(), stored)) {
        if (p === 0) {
          throw new CairnError(
            'WRONG_PASSWORD',
            `Wrong password for ${what} (or the file was altered)`,
          )
        }
        damaged(what, `page ${p + 1} fails its check (the file is damaged or altered)`)
      }
      const decipher = createDecipheriv('aes-256-cbc', key, iv)
      decipher.setAutoPadding(false)
      const at = p * pageBytes + start
      plain.set(decipher.update(ciphertext), at)
      decipher.final()
    }
    plain.set(SQLITE_HEADER, 0)
    // Whole pages cut from the end pass every check above; the header knows how many there were
    // (when its size is current: the change counter at 24 equals the version-valid-for at 92).
    const declared = plain.readUInt32BE(28)
    if (plain.readUInt32BE(24) === plain.readUInt32BE(92) && declared !== 0 && declared !== pages) {
      damaged(what, `it has ${pages} pages where its header says ${declared} (is it cut short?)`)
    }
    return plain
  } catch (e) {
    plain.fill(0)
    throw e instanceof CairnError ? e : damaged(what, 'it does not decrypt')
  } finally {
    key.fill(0)
    hmacKey.fill(0)
  }
}
