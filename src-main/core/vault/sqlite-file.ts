// Everything about the vault as an SQLite file: recognising it before SQLite touches it, opening
// it read-only (locked) or read-write (unlocked) with Cairn's pragmas, and mapping SQLite's
// failures to CairnErrors.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { CairnError } from '../errors.ts'
import { asCairnError } from './sqlite-errors.ts'
import { CAIRN_APPLICATION_ID, FORMAT_VERSION, schemaObjects, schemaSql } from './vault-format.ts'

export type Db = Database.Database

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const HEADER_BYTES = 100

/**
 * Checks the first 100 bytes of the file (the SQLite header) without opening it: presence and
 * SQLite magic. Its length is judged by SQLite after it opened the file: a checkpoint interrupted by
 * a crash or a full disk leaves the main file shorter than its header says, and only SQLite knows
 * whether the -wal still holds the missing pages.
 */
export function probeSqliteHeader(path: string): void {
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new CairnError('NOT_SQLITE', `${path} is not a file`)
    size = st.size
  } catch (e) {
    if (e instanceof CairnError) throw e
    throw new CairnError('FILE_NOT_FOUND', `No vault file at ${path}`, { cause: e })
  }
  if (size === 0) throw new CairnError('DAMAGED_FILE', `${path} is empty: not a usable vault`)

  const head = Buffer.alloc(HEADER_BYTES)
  const fd = openSync(path, 'r')
  let read: number
  try {
    read = readSync(fd, head, 0, HEADER_BYTES, 0)
  } finally {
    closeSync(fd)
  }
  const magicLen = Math.min(read, SQLITE_MAGIC.length)
  if (!head.subarray(0, magicLen).equals(SQLITE_MAGIC.subarray(0, magicLen))) {
    throw new CairnError('NOT_SQLITE', `${path} is not a Cairn vault (not an SQLite database)`)
  }
  if (read < HEADER_BYTES) {
    throw new CairnError(
      'DAMAGED_FILE',
      `${path} is truncated (${size} bytes): the vault is damaged`,
    )
  }
}

export function guardSqlite<T>(path: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw asCairnError(e, path)
  }
}

function hardenConnection(db: Db): void {
  // A crafted file must not run SQL functions from its schema; catch damaged pages early.
  db.pragma('trusted_schema = OFF')
  db.pragma('cell_size_check = ON')
}

export function openReadOnly(path: string): Db {
  return guardSqlite(path, () => {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    hardenConnection(db)
    return db
  })
}

export function openReadWrite(path: string, { create = false } = {}): Db {
  return guardSqlite(path, () => {
    const db = new Database(path, { fileMustExist: !create })
    hardenConnection(db)
    // WAL is persistent in the file; the other two are per connection and must be set every time.
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('secure_delete = ON')
    return db
  })
}

/**
 * Recognises a Cairn vault on an open connection: application id, format version, schema. Returns
 * the format version (1 is read only to be upgraded).
 */
export function checkCairnFile(db: Db, path: string): number {
  return guardSqlite(path, () => {
    const appId = db.pragma('application_id', { simple: true }) as number
    if (appId !== CAIRN_APPLICATION_ID) {
      throw new CairnError('NOT_CAIRN_VAULT', `${path} is an SQLite database but not a Cairn vault`)
    }
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > FORMAT_VERSION) {
      throw new CairnError(
        'NEWER_FORMAT',
        `${path} uses vault format ${version}; this Cairn reads format ${FORMAT_VERSION}: update Cairn`,
      )
    }
    if (version < 1) {
      throw new CairnError(
        'DAMAGED_FILE',
        `${path} has no vault format version: the vault is damaged`,
      )
    }
    const objects = db.prepare('SELECT type, name FROM sqlite_schema').all() as {
      type: string
      name: string
    }[]
    const found = new Set(objects.map((o) => `${o.type}:${o.name}`))
    const expected = schemaObjects(version)
    const unexpected = [...found].filter((o) => !expected.has(o))
    const missing = [...expected].filter((o) => !found.has(o))
    if (unexpected.length || missing.length) {
      throw new CairnError(
        'DAMAGED_FILE',
        `${path} does not have the vault schema (${[...missing.map((m) => `missing ${m}`), ...unexpected.map((u) => `unexpected ${u}`)].join(', ')})`,
      )
    }
    const differing = [...expectedDefinitions(version)].filter(
      ([table, definition]) => tableDefinition(db, table) !== definition,
    )
    if (differing.length) {
      throw new CairnError(
        'DAMAGED_FILE',
        `${path} does not have the vault schema (the columns of ${differing.map(([t]) => t).join(', ')} differ): the vault is damaged`,
      )
    }
    return version
  })
}

/** A table's columns (name, type, NOT NULL, default, key position) and its STRICT flag, as text. */
function tableDefinition(db: Db, table: string): string {
  const columns = db
    .prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_xinfo(?)')
    .all(table)
  const strict = db.prepare('SELECT strict FROM pragma_table_list(?)').pluck().get(table)
  return JSON.stringify({ columns, strict })
}

const expectedByVersion = new Map<number, Map<string, string>>()

/** The definitions of every vault table, read from a database built in memory from the schema. */
function expectedDefinitions(version: number): Map<string, string> {
  const known = expectedByVersion.get(version)
  if (known) return known
  const reference = new Database(':memory:')
  try {
    reference.exec(schemaSql(version))
    const tables = reference
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[]
    const expected = new Map(tables.map((t) => [t, tableDefinition(reference, t)]))
    expectedByVersion.set(version, expected)
    return expected
  } finally {
    reference.close()
  }
}

export function sidecarsExist(path: string): boolean {
  return existsSync(`${path}-wal`) || existsSync(`${path}-shm`)
}

/**
 * A read-only connection leaves empty -wal/-shm files behind when it closes. If they were not there
 * before we looked, a read-write open and close lets SQLite remove them (it deletes them only when
 * it is the last connection and the log is empty, so another process's files are never touched).
 */
export function removeIdleSidecars(path: string): void {
  try {
    const db = new Database(path, { fileMustExist: true })
    // SQLite opens lazily: without a read, close would not look at the log at all.
    db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get()
    db.close()
  } catch {
    // Best effort: leftover empty sidecars are harmless.
  }
}

/** SQLite's full consistency check (integrity_check: indexes too): the first problem it names, or null. */
export function firstIntegrityProblem(db: Db): string | null {
  try {
    const first = db.prepare('PRAGMA integrity_check(1)').pluck().get()
    return first === 'ok' ? null : String(first)
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

/** Copies the log into the file and empties it, so deleted content does not linger in the -wal. */
export function checkpointTruncate(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
}
