// Opens an SQLite database that came out of another app's file, from bytes in memory only: no
// plaintext copy ever touches the disk. The database is a stranger's, so it is opened read-only
// with SQLite's defences on (no functions run from its schema, every cell's size checked), and
// any SQLite error it causes becomes one CairnError. The handle is always closed and the
// plaintext bytes wiped, whatever happens.
import Database from 'better-sqlite3'
import { CairnError } from '../errors.ts'

const SQLITE_HEADER = 'SQLite format 3\0'
/** Header bytes 18 and 19: the file format versions, 2 meaning write-ahead logging. */
const FORMAT_VERSION_OFFSETS = [18, 19]

export function withForeignDatabase<T>(
  plain: Buffer,
  what: string,
  use: (db: Database.Database) => T,
): T {
  let db: Database.Database | undefined
  try {
    if (plain.length < 100 || plain.toString('latin1', 0, 16) !== SQLITE_HEADER) {
      throw new CairnError('MALFORMED_BACKUP', `${what} does not hold an SQLite database`)
    }
    // A database in memory cannot use a write-ahead log; the pages hold every committed row.
    for (const at of FORMAT_VERSION_OFFSETS) if (plain[at] === 2) plain[at] = 1
    db = new Database(plain, { readonly: true })
    db.pragma('trusted_schema = OFF')
    db.pragma('cell_size_check = ON')
    db.pragma('query_only = ON')
    // Sorting or grouping must not spill decrypted rows into a temporary file.
    db.pragma('temp_store = MEMORY')
    return use(db)
  } catch (e) {
    if (e instanceof Database.SqliteError) {
      throw new CairnError('MALFORMED_BACKUP', `${what} holds a damaged or unexpected database`)
    }
    throw e
  } finally {
    db?.close()
    plain.fill(0)
  }
}

/**
 * Whether `name` is an ordinary table: not a view, a virtual table or one with generated columns,
 * each of which would run the file's own expressions when read.
 */
export function isPlainTable(db: Database.Database, name: string): boolean {
  const row = db
    .prepare('SELECT type, sql FROM sqlite_master WHERE name = ? COLLATE NOCASE')
    .get(name) as { type?: unknown; sql?: unknown } | undefined
  if (row?.type !== 'table' || typeof row.sql !== 'string') return false
  if (!/^\s*CREATE\s+TABLE\b/i.test(row.sql)) return false
  const generated = db
    .prepare('SELECT count(*) AS n FROM pragma_table_xinfo(?) WHERE hidden != 0')
    .get(name) as { n: number }
  return generated.n === 0
}

/** The column names of a table known to exist, lower-cased. */
export function columnsOf(db: Database.Database, table: string): Set<string> {
  const rows = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: unknown }[]
  return new Set(rows.map((r) => String(r.name).toLowerCase()))
}
