// Authenticator Plus (Android, Mufri), both files it makes, each opened with its master password:
// - "Backup to SD card" writes authplus.db, an SQLCipher 3 database (default settings: 1024-byte
//   pages, PBKDF2-HMAC-SHA1 with 64000 iterations, HMAC-SHA1). Its `accounts` table holds
//   `email` (the account name), `secret` (base32; hex for a Blizzard key), `type` (0 TOTP,
//   1 HOTP, 2 Blizzard: TOTP with 8 digits), `counter`, `issuer` and `category` ("All Accounts"
//   when none). Digits, period and algorithm are not stored: 6, 30 s and SHA-1.
// - "Export as Text and HTML" writes a password-protected zip holding Accounts.txt (one
//   otpauth:// URI per line) and Accounts.html. A password-protected zip around authplus.db (as
//   a backup may be passed around) is read too.
// Lost: icons, order, the Accounts.html copy.
import { columnsOf, isPlainTable, withForeignDatabase } from '../foreign-sqlite.ts'
import { CairnError } from '../../errors.ts'
import type { AskSecret, ImportedFile, Importer } from '../importer.ts'
import { SNIFF } from '../importer.ts'
import { SQLCIPHER3, decryptSqlCipher3 } from '../sqlcipher-pages.ts'
import { looksLikeZip, readZip } from '../zip-reader.ts'
import { extensionOf, hexBytes, malformed } from './file-bytes.ts'
import { readUriList } from './otpauth-list.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'Authenticator Plus'
const ID = 'authenticator-plus'
const DATABASE_WHAT = 'the Authenticator Plus backup'
const ZIP_WHAT = 'the Authenticator Plus export'
/** Real backups are a few kilobytes; this bounds the decryption and SQLite's work. */
const MAX_FILE_BYTES = 16 * 1024 * 1024
const MAX_ACCOUNTS = 10_000
/** Longer than any name, secret or category a person types. */
const MAX_FIELD_CHARS = 4096
const NO_CATEGORY = 'All Accounts'
const BLIZZARD_DIGITS = 8
const TYPES: Record<number, 'totp' | 'hotp' | 'blizzard'> = { 0: 'totp', 1: 'hotp', 2: 'blizzard' }

const baseName = (fileName: string) => (fileName.split(/[\\/]/).pop() ?? '').toLowerCase()
const zipTail = (bytes: Uint8Array) =>
  new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)))

/** An SQLCipher file has no magic: random-looking whole pages that are not plain SQLite. */
function looksLikeSqlCipher(bytes: Uint8Array): boolean {
  if (bytes.length < SQLCIPHER3.pageBytes || bytes.length % SQLCIPHER3.pageBytes !== 0) return false
  return new TextDecoder('latin1').decode(bytes.subarray(0, 16)) !== 'SQLite format 3\0'
}

export const authenticatorPlusImporter: Importer = {
  id: ID,
  name: 'Authenticator Plus (authplus.db backup or password-protected export zip)',
  help: 'Authenticator Plus → Settings → Backup & Restore: "Backup to SD card" (authplus.db) or "Export as Text and HTML" (a zip); both open with the master password.',
  sniff(bytes, fileName) {
    if (looksLikeZip(bytes)) {
      const tail = zipTail(bytes)
      if (tail.includes('Accounts.txt') || /authplus[^/\\]*\.db/i.test(tail)) return SNIFF.certain
      return SNIFF.no
    }
    if (!looksLikeSqlCipher(bytes)) return SNIFF.no
    if (baseName(fileName).includes('authplus')) return SNIFF.shape
    return extensionOf(fileName) === 'db' ? SNIFF.name : SNIFF.no
  },
  async read(bytes, askSecret) {
    if (bytes.length > MAX_FILE_BYTES) malformed(NAME, 'far larger than any backup')
    const isZip = looksLikeZip(bytes)
    if (!isZip && !looksLikeSqlCipher(bytes)) {
      malformed(NAME, 'neither its encrypted backup database nor its export zip')
    }
    const password = await masterPassword(askSecret)
    if (!isZip) return readDatabase(bytes, password)
    const members = readZip(
      bytes,
      ZIP_WHAT,
      { maxMembers: 100, maxMemberBytes: MAX_FILE_BYTES },
      password,
    )
    const database = members.find((m) => /\.db$/i.test(m.name))
    if (database) return readDatabase(database.read(), password)
    const accounts = members.find((m) => baseName(m.name) === 'accounts.txt')
    if (!accounts) malformed(NAME, 'the zip holds neither Accounts.txt nor authplus.db')
    const list = readUriList(accounts.read(), ID, NAME)
    return { ...list, encrypted: true }
  },
}

/** Both files open with the app's master password; saying so spares a guess. */
async function masterPassword(askSecret: AskSecret): Promise<string> {
  const password = await askSecret('Authenticator Plus master password (it encrypts the file)')
  if (password === null || password === '') {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `The ${NAME} file is encrypted and no password was given`,
    )
  }
  return password
}

interface AccountRow {
  email: unknown
  secret: unknown
  type: unknown
  counter: unknown
  issuer: unknown
  category: unknown
}

function readDatabase(file: Uint8Array, password: string): ImportedFile {
  return readPlainDatabase(decryptSqlCipher3(file, password, DATABASE_WHAT))
}

/** The accounts of a decrypted backup database; wipes `plain` when done. */
export function readPlainDatabase(plain: Buffer): ImportedFile {
  const rows = withForeignDatabase(plain, DATABASE_WHAT, (db) => {
    if (!isPlainTable(db, 'accounts')) malformed(NAME, 'the database has no plain accounts table')
    const columns = columnsOf(db, 'accounts')
    for (const needed of ['email', 'secret']) {
      if (!columns.has(needed)) malformed(NAME, `the accounts table has no ${needed} column`)
    }
    // Only fixed column names reach the SQL; one missing from an older schema reads as NULL.
    const column = (name: string) => (columns.has(name) ? name : 'NULL')
    const text = ['email', 'secret', 'issuer', 'category'].map(column)
    const bounds = db
      .prepare(
        `SELECT count(*) AS n, max(max(${text.map((c) => `coalesce(length(${c}), 0)`).join(', ')})) AS longest FROM accounts`,
      )
      .get() as { n: number; longest: number | null }
    if (bounds.n > MAX_ACCOUNTS) malformed(NAME, `it lists more than ${MAX_ACCOUNTS} accounts`)
    if ((bounds.longest ?? 0) > MAX_FIELD_CHARS) {
      malformed(NAME, 'an account holds a field far longer than any real one')
    }
    return db
      .prepare(
        `SELECT email, secret, ${column('type')} AS type, ${column('counter')} AS counter, ${column('issuer')} AS issuer, ${column('category')} AS category FROM accounts ORDER BY rowid`,
      )
      .all() as AccountRow[]
  })
  const collected = new EntryCollector()
  rows.forEach((row, i) => collected.add(accountEntry(`account ${i + 1}`, row)))
  return { format: ID, formatName: NAME, ...collected, notes: [], encrypted: true }
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '')

function accountEntry(where: string, row: AccountRow) {
  // A missing type reads as TOTP (type 0), as the other apps that import this file read it.
  const typeNumber =
    row.type === null
      ? 0
      : typeof row.type === 'number' || typeof row.type === 'bigint'
        ? Number(row.type)
        : NaN
  const type = TYPES[typeNumber]
  if (!type) {
    return {
      problem: {
        where,
        reason: `the account type ${String(row.type).slice(0, 8)} is not one Cairn knows`,
      },
    }
  }
  const secretText = textOf(row.secret).trim()
  let secret: string | Uint8Array = secretText
  if (type === 'blizzard') {
    const bytes = hexBytes(secretText)
    if (!bytes) return { problem: { where, reason: 'the Blizzard key is not hexadecimal' } }
    secret = bytes
  }
  const counter =
    typeof row.counter === 'number' && Number.isSafeInteger(row.counter) ? row.counter : 0
  const category = textOf(row.category)
  return otpEntry(where, {
    kind: type === 'hotp' ? 'hotp' : 'totp',
    secret,
    issuer: textOf(row.issuer),
    account: textOf(row.email),
    digits: type === 'blizzard' ? BLIZZARD_DIGITS : undefined,
    counter: type === 'hotp' ? counter : undefined,
    folder: category !== '' && category !== NO_CATEGORY ? category : undefined,
  })
}
