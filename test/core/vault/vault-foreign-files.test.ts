// Files that are not (usable) Cairn vaults each get their own clear error, and are never changed.
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError, type CairnErrorCode } from '../../../src-main/core/errors.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { CAIRN_APPLICATION_ID } from '../../../src-main/core/vault/vault-format.ts'
import { newVault, tempDir } from './vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())

function openError(path: string): unknown {
  try {
    openVault(path)
  } catch (e) {
    return e
  }
  return undefined
}

function expectRefused(path: string, code: CairnErrorCode, message: RegExp): void {
  const before = readFileSync(path)
  const listing = readdirSync(tmp.dir)
  const error = openError(path)
  expect(isCairnError(error, code), `expected ${code}, got ${String(error)}`).toBe(true)
  expect((error as Error).message).toMatch(message)
  expect(readFileSync(path).equals(before)).toBe(true)
  expect(readdirSync(tmp.dir)).toEqual(listing)
}

function sqliteFile(path: string, setup: (db: Database.Database) => void): void {
  const db = new Database(path)
  setup(db)
  db.close()
}

describe('foreign files', () => {
  it('a text file is NOT_SQLITE', () => {
    const p = tmp.file('notes.txt')
    writeFileSync(p, 'Shopping list\n- eggs\n- milk\n'.repeat(20))
    expectRefused(p, 'NOT_SQLITE', /not a Cairn vault \(not an SQLite database\)/)
  })

  it('random bytes are NOT_SQLITE', () => {
    const p = tmp.file('random.bin')
    writeFileSync(p, randomBytes(8192))
    expectRefused(p, 'NOT_SQLITE', /not an SQLite database/)
  })

  it("another program's SQLite database is NOT_CAIRN_VAULT", () => {
    const p = tmp.file('contacts.db')
    sqliteFile(p, (db) => {
      db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
      db.pragma('user_version = 1')
    })
    expectRefused(p, 'NOT_CAIRN_VAULT', /SQLite database but not a Cairn vault/)
  })

  it('a Cairn vault from a newer version is NEWER_FORMAT', async () => {
    const p = tmp.file('future.cairn')
    ;(await newVault(p)).lock()
    sqliteFile(p, (db) => db.pragma('user_version = 4'))
    expectRefused(p, 'NEWER_FORMAT', /vault format 4; this Cairn reads format 3: update Cairn/)
  })

  it("a file with Cairn's application id but a foreign schema is DAMAGED_FILE", () => {
    const p = tmp.file('odd.cairn')
    sqliteFile(p, (db) => {
      db.exec('CREATE TABLE items (x)')
      db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`)
      db.pragma('user_version = 1')
    })
    expectRefused(p, 'DAMAGED_FILE', /does not have the vault schema/)
  })

  it('a vault with an extra trigger is DAMAGED_FILE (no foreign SQL runs on our writes)', async () => {
    const p = tmp.file('trigger.cairn')
    ;(await newVault(p)).lock()
    sqliteFile(p, (db) =>
      db.exec('CREATE TRIGGER spy AFTER INSERT ON items BEGIN DELETE FROM key_slots; END'),
    )
    expectRefused(p, 'DAMAGED_FILE', /unexpected trigger:spy/)
  })

  it('a missing file is FILE_NOT_FOUND; an empty file DAMAGED_FILE; a folder NOT_SQLITE', () => {
    const missing = openError(tmp.file('missing.cairn'))
    expect(isCairnError(missing, 'FILE_NOT_FOUND')).toBe(true)
    const empty = tmp.file('empty.cairn')
    writeFileSync(empty, '')
    expectRefused(empty, 'DAMAGED_FILE', /is empty/)
    const folder = tmp.file('folder.cairn')
    mkdirSync(folder)
    expect(isCairnError(openError(folder), 'NOT_SQLITE')).toBe(true)
  })

  it('identifies itself with application_id "CARN" (0x4341524e) at header offset 68', async () => {
    const p = tmp.file('id.cairn')
    ;(await newVault(p)).lock()
    const head = readFileSync(p).subarray(0, 100)
    expect(head.subarray(68, 72).toString('latin1')).toBe('CARN')
    // user_version 3: a Cairn that reads only formats 1 and 2 refuses the file as NEWER_FORMAT.
    expect(head.readUInt32BE(60)).toBe(3)
  })
})
