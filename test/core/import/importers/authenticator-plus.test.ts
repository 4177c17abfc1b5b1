// Authenticator Plus: its SQLCipher 3 backup database and its password-protected export zip, made
// by the real tools (Debian's sqlcipher, 7-Zip, Info-ZIP's zip) through
// test/fixtures/import/authenticator-plus/make-fixtures.sh, which also runs here when they are
// installed. Hostile databases are made by altering the decrypted fixture with SQLite and sealing
// it again as SQLCipher 3 does.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../../src-main/core/errors.ts'
import {
  authenticatorPlusImporter,
  readPlainDatabase,
} from '../../../../src-main/core/import/importers/authenticator-plus.ts'
import { detectImporter } from '../../../../src-main/core/import/importers/index.ts'
import { decryptSqlCipher3 } from '../../../../src-main/core/import/sqlcipher-pages.ts'
import { sealSqlCipher3 } from './fixtures/sqlcipher3-writer.ts'
import {
  answer,
  errorOfAsync,
  expectKeys,
  formatChecks,
  KEY_DEFAULTS,
  keysOf,
} from './importer-harness.ts'

const DIR = join(import.meta.dirname, '../../../fixtures/import/authenticator-plus')
const PASSWORD = 'authplus-fixture-pw'
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))

/** The four accounts of authplus.db, as Cairn keys. */
const DATABASE_KEYS = [
  {
    ...KEY_DEFAULTS,
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'octo@example.com',
    folder: 'Work',
  },
  {
    ...KEY_DEFAULTS,
    kind: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Bank',
    account: 'carol',
    counter: 7,
  },
  // A Blizzard key: hex in the database (the RFC 4226 test secret), 8-digit TOTP.
  {
    ...KEY_DEFAULTS,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Blizzard',
    account: 'hero#1234',
    digits: 8,
    folder: 'Games',
  },
  // No issuer: the name stays whole.
  { ...KEY_DEFAULTS, secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ', issuer: '', account: 'Mail:me' },
]

/** Accounts.txt of the export zip: otpauth URIs, whose label is issuer:account by definition. */
const EXPORT_KEYS = [
  DATABASE_KEYS[0]!,
  DATABASE_KEYS[1]!,
  { ...DATABASE_KEYS[3]!, issuer: 'Mail', account: 'me' },
].map((k) => ({ ...k, folder: undefined }))

describe('Authenticator Plus backup database (authplus.db, SQLCipher 3)', () => {
  formatChecks({
    importer: authenticatorPlusImporter,
    fileName: 'authplus.db',
    bytes: fixture('authplus.db'),
    password: PASSWORD,
    // The 12 padding bytes ending each page are outside the page's HMAC, as in SQLCipher.
    tamperAlwaysFails: false,
    // Each read derives a 64000-iteration key; the parser is fuzzed below on decrypted bytes.
    fuzzRuns: 0,
    expectEntries: expectKeys(DATABASE_KEYS, { encrypted: true }),
  })
})

describe('Authenticator Plus export zip, WinZip AES-256 (7-Zip)', () => {
  formatChecks({
    importer: authenticatorPlusImporter,
    fileName: 'Authenticator Plus export.zip',
    bytes: fixture('export-aes.zip'),
    password: PASSWORD,
    tamperAlwaysFails: false,
    fuzzRuns: 150,
    expectEntries: expectKeys(EXPORT_KEYS, { encrypted: true }),
  })
})

describe('Authenticator Plus export zip, traditional PKWARE encryption (zip -P)', () => {
  formatChecks({
    importer: authenticatorPlusImporter,
    fileName: 'export.zip',
    bytes: fixture('export-zipcrypto.zip'),
    password: PASSWORD,
    tamperAlwaysFails: false,
    fuzzRuns: 150,
    expectEntries: expectKeys(EXPORT_KEYS, { encrypted: true }),
  })
})

describe('Authenticator Plus backup database inside a password-protected zip', () => {
  formatChecks({
    importer: authenticatorPlusImporter,
    fileName: 'backup.zip',
    bytes: fixture('backup-in-zip.zip'),
    password: PASSWORD,
    tamperAlwaysFails: false,
    fuzzRuns: 0,
    expectEntries: expectKeys(DATABASE_KEYS, { encrypted: true }),
  })
})

/** The decrypted fixture, altered by `change` through SQLite, sealed again as SQLCipher 3. */
function alteredBackup(change: (db: Database.Database) => void): Uint8Array {
  const plain = decryptSqlCipher3(fixture('authplus.db'), PASSWORD, 'fixture')
  const db = new Database(plain)
  try {
    change(db)
    return sealSqlCipher3(db.serialize(), PASSWORD)
  } finally {
    db.close()
  }
}

const readBackup = (bytes: Uint8Array) => authenticatorPlusImporter.read(bytes, answer(PASSWORD))

describe('Authenticator Plus: damaged and hostile databases', () => {
  it('tells a wrong password from a page altered after the first', async () => {
    const original = fixture('authplus.db')
    const firstPage = original.slice()
    firstPage[500] = firstPage[500]! ^ 1
    const e1 = await errorOfAsync(() => readBackup(firstPage))
    expect(isCairnError(e1, 'WRONG_PASSWORD'), String(e1)).toBe(true)
    for (const at of [1024 + 10, 3 * 1024 + 980, original.length - 1024 + 100]) {
      const altered = original.slice()
      altered[at] = altered[at]! ^ 0x80
      const e = await errorOfAsync(() => readBackup(altered))
      expect(isCairnError(e, 'MALFORMED_BACKUP'), `byte ${at}: ${String(e)}`).toBe(true)
      expect((e as Error).message).toMatch(/fails its check/)
    }
  })

  it('refuses a backup missing whole pages at its end', async () => {
    const original = fixture('authplus.db')
    const e = await errorOfAsync(() => readBackup(original.subarray(0, original.length - 1024)))
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    expect((e as Error).message).toMatch(/cut short/)
  })

  it('reads a database the tests sealed again, unchanged', async () => {
    const file = await readBackup(alteredBackup(() => {}))
    expect(keysOf(file)).toEqual(DATABASE_KEYS)
  })

  it('refuses an accounts view or generated column (which run the file’s own expressions)', async () => {
    const hostile = alteredBackup((db) => {
      db.exec(`ALTER TABLE accounts RENAME TO real_accounts;
        CREATE VIEW accounts AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
        SELECT 'x' AS email, 'JBSWY3DPEHPK3PXP' AS secret, 0 AS type FROM n;`)
    })
    const e = await errorOfAsync(() => readBackup(hostile))
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    expect((e as Error).message).toMatch(/no plain accounts table/)
    // A generated column would run the file's expression for every row read.
    const generated = alteredBackup((db) =>
      db.exec("ALTER TABLE accounts ADD COLUMN padding AS (printf('%.*c', 100000000, 'x'))"),
    )
    const e2 = await errorOfAsync(() => readBackup(generated))
    expect(isCairnError(e2, 'MALFORMED_BACKUP'), String(e2)).toBe(true)
    expect((e2 as Error).message).toMatch(/no plain accounts table/)
  })

  it('refuses a row far larger than any account, and a table with a column missing', async () => {
    const huge = alteredBackup((db) => {
      db.prepare('UPDATE accounts SET email = ? WHERE _id = 2').run('x'.repeat(200_000))
    })
    const e = await errorOfAsync(() => readBackup(huge))
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    expect((e as Error).message).toMatch(/far longer than any real one/)
    const odd = alteredBackup((db) => db.exec('ALTER TABLE accounts DROP COLUMN secret'))
    const e2 = await errorOfAsync(() => readBackup(odd))
    expect(isCairnError(e2, 'MALFORMED_BACKUP'), String(e2)).toBe(true)
    expect((e2 as Error).message).toMatch(/no secret column/)
  })

  it('refuses more accounts than any backup holds', async () => {
    const crowded = alteredBackup((db) =>
      db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
        INSERT INTO accounts (email, secret, type, timestamp, uid) SELECT 'a' || i, 'JBSWY3DPEHPK3PXP', 0, '', i FROM n`),
    )
    const e = await errorOfAsync(() => readBackup(crowded))
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    expect((e as Error).message).toMatch(/more than 10000 accounts/)
  })

  it('turns a row with values of the wrong kind into a problem for that account only, and no type into TOTP', async () => {
    const odd = alteredBackup((db) => {
      db.prepare('UPDATE accounts SET secret = ? WHERE _id = 1').run(Buffer.from([1, 2, 3]))
      db.prepare("UPDATE accounts SET type = 'seven' WHERE _id = 2").run()
      db.prepare('UPDATE accounts SET type = NULL WHERE _id = 4').run()
    })
    const file = await readBackup(odd)
    expect(file.problems).toEqual([
      { where: 'account 1', reason: 'the secret is empty' },
      { where: 'account 2', reason: 'the account type seven is not one Cairn knows' },
    ])
    expect(file.entries.map((e) => e.where)).toEqual(['account 3', 'account 4'])
    // No type at all reads as TOTP.
    expect(keysOf(file)[1]).toEqual(DATABASE_KEYS[3])
  })

  it('fuzz: mutated decrypted databases end as entries or a CairnError', () => {
    const plain = decryptSqlCipher3(fixture('authplus.db'), PASSWORD, 'fixture')
    const mutated = fc
      .tuple(fc.nat(plain.length - 1), fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.nat(3))
      .map(([at, bytes, mode]) => {
        const copy = Buffer.from(plain)
        if (mode === 0) return copy.subarray(0, at)
        copy.set(bytes.subarray(0, Math.max(0, copy.length - at)), at)
        return copy
      })
    let tried = 0
    fc.assert(
      fc.property(mutated, (bytes) => {
        tried++
        try {
          readPlainDatabase(bytes)
        } catch (e) {
          if (!isCairnError(e)) throw e
        }
      }),
      { numRuns: 300, seed: 11 },
    )
    console.log(
      `authenticator-plus database: fuzzed ${tried} inputs, each a result or a CairnError`,
    )
    expect(tried).toBe(300)
  })

  it('is not claimed for a plain SQLite file or a zip of another app', () => {
    const plainDb = new Database(':memory:')
    plainDb.exec('CREATE TABLE accounts (email TEXT)')
    const sqlite = new Uint8Array(plainDb.serialize())
    plainDb.close()
    expect(authenticatorPlusImporter.sniff(sqlite, 'authplus.db')).toBe(0)
    expect(authenticatorPlusImporter.sniff(fixture('authplus.db'), 'backup.db')).toBe(1)
    expect(authenticatorPlusImporter.sniff(fixture('authplus.db'), 'data.bin')).toBe(0)
    const protonPass = new Uint8Array(readFileSync(join(DIR, '../protonpass/export.zip')))
    expect(authenticatorPlusImporter.sniff(protonPass, 'export.zip')).toBe(0)
    expect(detectImporter(protonPass, 'export.zip').id).toBe('protonpass-zip')
  })
})

/** What is missing to make the fixtures again, or null. */
function toolsMissing(): string | null {
  const absent = ['sqlcipher', '7zz', 'zip'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
  )
  return absent.length === 0
    ? null
    : `${absent.join(', ')} not installed (apt-get install sqlcipher 7zip zip)`
}

const missing = toolsMissing()
describe('Authenticator Plus files the real tools make now', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-authplus-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  // Under CI the check against the real tools must not quietly disappear: it runs, and fails.
  const skip = missing !== null && !process.env['CI']
  if (skip) console.log(`skipping fresh Authenticator Plus fixtures: ${missing}`)
  it.skipIf(skip)(
    'reads each file make-fixtures.sh writes, and sqlcipher opens the tests’ own sealing',
    async () => {
      execFileSync(join(DIR, 'make-fixtures.sh'), [dir])
      const read = (name: string) =>
        authenticatorPlusImporter.read(
          new Uint8Array(readFileSync(join(dir, name))),
          answer(PASSWORD),
        )
      expect(keysOf(await read('authplus.db'))).toEqual(DATABASE_KEYS)
      expect(keysOf(await read('backup-in-zip.zip'))).toEqual(DATABASE_KEYS)
      expect(keysOf(await read('export-aes.zip'))).toEqual(EXPORT_KEYS)
      expect(keysOf(await read('export-zipcrypto.zip'))).toEqual(EXPORT_KEYS)
      // The writer the hostile cases use makes files the real SQLCipher reads.
      const sealed = join(dir, 'sealed.db')
      const bytes = alteredBackup((db) =>
        db.exec("UPDATE accounts SET email = 'resealed' WHERE _id = 1"),
      )
      writeFileSync(sealed, bytes)
      const out = execFileSync('sqlcipher', [sealed], {
        input: `PRAGMA key = '${PASSWORD}';\nSELECT email FROM accounts ORDER BY _id LIMIT 1;\n`,
      }).toString()
      expect(out.trim()).toBe('resealed')
    },
    60_000,
  )
})
