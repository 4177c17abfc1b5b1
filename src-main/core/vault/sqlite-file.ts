// Everything about the vault as an SQLite file: recognising it before SQLite touches it, opening
// it read-only (locked) or read-write (unlocked) with Cairn's pragmas, and mapping SQLite's
// failures to CairnErrors.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { CairnError } from '../errors.ts'
import { CAIRN_APPLICATION_ID, FORMAT_VERSION, schemaObjects } from './vault-format.ts'

export type Db = Database.Database

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const HEADER_BYTES = 100

/**
 * Checks the first 100 bytes of the file (the SQLite header) without opening it: presence, SQLite
 * magic, and that the file is as long as its header says (a truncated copy fails here).
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
  const rawPageSize = head.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const changeCounter = head.readUInt32BE(24)
  const pages = head.readUInt32BE(28)
  const validFor = head.readUInt32BE(92)
  // The in-header page count is reliable only when "version-valid-for" matches the change counter.
  if (pages > 0 && validFor === changeCounter && size < pages * pageSize) {
    throw new CairnError(
      'DAMAGED_FILE',
      `${path} is truncated (${size} of ${pages * pageSize} bytes): the vault is damaged`,
    )
  }
}

/** Translates SQLite's own errors; anything else is rethrown untouched. */
export function asCairnError(e: unknown, path: string): unknown {
  if (e instanceof CairnError) return e
  const code = (e as { code?: unknown }).code
  if (code === 'SQLITE_NOTADB') {
    return new CairnError('NOT_SQLITE', `${path} is not a Cairn vault (not an SQLite database)`, {
      cause: e,
    })
  }
  if (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_CORRUPT_VTAB' ||
    code === 'SQLITE_IOERR_SHORT_READ'
  ) {
    return new CairnError('DAMAGED_FILE', `${path} is damaged (SQLite reports corruption)`, {
      cause: e,
    })
  }
  return e
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
    return version
  })
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

/** Copies the log into the file and empties it, so deleted content does not linger in the -wal. */
export function checkpointTruncate(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
}
