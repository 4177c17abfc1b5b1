// The search index of a format-3 vault: for every item row the vault state lists, its id,
// revision, type, trash mark and the fields a query is matched against (title, issuer, account,
// username), so that a command looking for one item decrypts that item only. It is encrypted
// under its own subkey in buckets chosen by the first byte of the item id, so one write
// re-encrypts one small bucket whatever the size of the vault. A sealed head binds the buckets to
// the vault state: it names the state's write counter and each bucket's version, and every
// bucket's associated data carries its version. A head written for another state, a bucket that
// fails authentication, or entries that differ from the verified state entries make the index
// unusable, and readers then decrypt every row as before. Layout: docs/vault-format.md section 8.
import { AuthenticationError, open, seal, type AesKey } from '../crypto/aes-gcm.ts'
import { wipe } from '../crypto/wipe.ts'
import { encodeFields, int64 } from './field-encoding.ts'
import type {
  LoginData,
  NoteData,
  OtpData,
  RecoveryCodesData,
  RowData,
  StoredRecord,
} from './item-types.ts'
import type { Manifest } from './manifest.ts'
import type Database from 'better-sqlite3'
import type { Db } from './sqlite-file.ts'
import type { VerifiedState } from './state-entries.ts'

/** Buckets by the first 10 bits of the item id. */
const BUCKET_BITS = 10
export const SEARCH_BUCKETS = 2 ** BUCKET_BITS
const HEAD_BYTES = 8 + SEARCH_BUCKETS * 8
/** Bucket plaintext is padded like item rows, so its size shows only to the nearest 256 bytes. */
const PAD_BYTES = 256

/** The fields a query is matched against, as the item holds them. */
export type SearchFields =
  | Pick<OtpData, 'type' | 'title' | 'issuer' | 'account'>
  | Pick<LoginData, 'type' | 'title' | 'username'>
  | Pick<RecoveryCodesData, 'type' | 'title' | 'issuer'>
  | Pick<NoteData, 'type' | 'title'>

/** A group kept on its own: indexed by its id only, since queries never match groups. */
export interface GroupMark {
  type: 'group'
}

/** One row as the index holds it. */
export interface IndexedItem {
  id: string
  revision: number
  trashed: boolean
  fields: SearchFields | GroupMark
}

export function searchFieldsOf(data: RowData): SearchFields | GroupMark {
  switch (data.type) {
    case 'group':
      return { type: 'group' }
    case 'otp':
      return { type: 'otp', title: data.title, issuer: data.issuer, account: data.account }
    case 'login':
      return { type: 'login', title: data.title, username: data.username }
    case 'recovery-codes':
      return { type: 'recovery-codes', title: data.title, issuer: data.issuer }
    case 'note':
      return { type: 'note', title: data.title }
  }
}

export function indexedItem(record: StoredRecord): IndexedItem {
  return {
    id: record.id,
    revision: record.revision,
    trashed: record.deletedAt !== null,
    fields: searchFieldsOf(record.data),
  }
}

/** An entry with the nonce of the row it describes: binds it to that very row, not only to an
 * id and revision another copy of the vault may share with different content. */
export interface BoundEntry {
  item: IndexedItem
  /** The item row's nonce, base64. */
  nonce: string
}

export function boundEntry(record: StoredRecord, rowNonce: Uint8Array): BoundEntry {
  return { item: indexedItem(record), nonce: Buffer.from(rowNonce).toString('base64') }
}

/** True when two items' index entries say the same. */
export function sameIndexedItem(a: IndexedItem, b: IndexedItem): boolean {
  return JSON.stringify(storedEntry(a)) === JSON.stringify(storedEntry(b))
}

/** The bucket of a canonical id: the first bits of its first three hex digits. */
export function bucketOf(id: string): number {
  return parseInt(id.slice(0, 3), 16) >> (12 - BUCKET_BITS)
}

/**
 * The head's plaintext: the state head's write counter this index describes, then each bucket's
 * version (the state counter it was last sealed at; 0 for an empty bucket), all unsigned 64-bit
 * big-endian. Kept as bytes: a write reads and changes only the versions of its own buckets.
 */
class SearchHead {
  readonly bytes: Buffer

  constructor(bytes: Buffer) {
    this.bytes = bytes
  }

  static empty(): SearchHead {
    return new SearchHead(Buffer.alloc(HEAD_BYTES))
  }

  #read(at: number): number {
    return this.bytes.readUInt32BE(at) * 2 ** 32 + this.bytes.readUInt32BE(at + 4)
  }

  #write(at: number, n: number): void {
    this.bytes.writeUInt32BE(Math.floor(n / 2 ** 32), at)
    this.bytes.writeUInt32BE(n % 2 ** 32, at + 4)
  }

  get stateCounter(): number {
    return this.#read(0)
  }

  set stateCounter(n: number) {
    this.#write(0, n)
  }

  version(bucket: number): number {
    return this.#read(8 + bucket * 8)
  }

  setVersion(bucket: number, version: number): void {
    this.#write(8 + bucket * 8, version)
  }
}

const headAad = (vaultUuid: string) => encodeFields(['cairn.search-head.v3', vaultUuid])

function bucketAad(vaultUuid: string, bucket: number, version: number): Buffer {
  return encodeFields(['cairn.search-bucket.v3', vaultUuid, int64(bucket), int64(version)])
}

const SELECT_HEAD_SQL = 'SELECT nonce, ciphertext FROM search_head WHERE singleton = 1'
const UPSERT_HEAD_SQL =
  'INSERT OR REPLACE INTO search_head (singleton, nonce, ciphertext) VALUES (1, @nonce, @ciphertext)'
const SELECT_BUCKETS_SQL = 'SELECT bucket, nonce, ciphertext FROM search_buckets'
const SELECT_BUCKET_SQL = 'SELECT bucket, nonce, ciphertext FROM search_buckets WHERE bucket = ?'
const UPSERT_BUCKET_SQL =
  'INSERT OR REPLACE INTO search_buckets (bucket, nonce, ciphertext) VALUES (@bucket, @nonce, @ciphertext)'
const DELETE_BUCKET_SQL = 'DELETE FROM search_buckets WHERE bucket = ?'
const SELECT_ROW_NONCES_SQL = 'SELECT id, nonce FROM items'

interface SealedRow {
  nonce: unknown
  ciphertext: unknown
}

/** Opens a sealed row; null when it is malformed or fails authentication. */
function openRow(key: AesKey, row: SealedRow | undefined, aad: Buffer): Buffer | null {
  if (!row || !Buffer.isBuffer(row.nonce) || !Buffer.isBuffer(row.ciphertext)) return null
  try {
    return open(key, row.nonce, row.ciphertext, aad)
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError) return null
    throw e
  }
}

function readHead(db: Db, key: AesKey, vaultUuid: string): SearchHead | null {
  const row = statement(db, SELECT_HEAD_SQL).get() as SealedRow | undefined
  const plain = openRow(key, row, headAad(vaultUuid))
  if (!plain || plain.length !== HEAD_BYTES) return null
  return new SearchHead(plain)
}

function writeHead(db: Db, key: AesKey, vaultUuid: string, head: SearchHead): void {
  statement(db, UPSERT_HEAD_SQL).run(seal(key, head.bytes, headAad(vaultUuid)))
}

/** Statements prepared once per connection: a write runs several of them. */
const prepared = new WeakMap<Db, Map<string, Database.Statement>>()

function statement(db: Db, sql: string): Database.Statement {
  let forDb = prepared.get(db)
  if (!forDb) {
    forDb = new Map()
    prepared.set(db, forDb)
  }
  let st = forDb.get(sql)
  if (!st) {
    st = db.prepare(sql)
    forDb.set(sql, st)
  }
  return st
}

/**
 * An entry as stored: a JSON array, [id, revision, trashed, type] followed by the type's search
 * fields: title, issuer, account (otp); title, username (login); title, issuer (recovery-codes);
 * title (note); none (a kept group); then, in a bucket, the row's nonce. Arrays, not objects: a
 * cold read parses one entry per item.
 */
type StoredEntry = [string, number, boolean, string, ...string[]]

function storedEntry(e: IndexedItem): StoredEntry {
  const f = e.fields
  const head: StoredEntry = [e.id, e.revision, e.trashed, f.type]
  switch (f.type) {
    case 'otp':
      return [...head, f.title, f.issuer, f.account]
    case 'login':
      return [...head, f.title, f.username]
    case 'recovery-codes':
      return [...head, f.title, f.issuer]
    case 'note':
      return [...head, f.title]
    case 'group':
      return head
  }
}

const isString = (v: unknown): v is string => typeof v === 'string'

function parseFields(a: readonly unknown[]): SearchFields | GroupMark | null {
  const [, , , type, title, second, third] = a
  if (type === 'group') return a.length === 4 ? { type } : null
  if (!isString(title)) return null
  switch (type) {
    case 'otp':
      return a.length === 7 && isString(second) && isString(third)
        ? { type, title, issuer: second, account: third }
        : null
    case 'login':
      return a.length === 6 && isString(second) ? { type, title, username: second } : null
    case 'recovery-codes':
      return a.length === 6 && isString(second) ? { type, title, issuer: second } : null
    case 'note':
      return a.length === 5 ? { type, title } : null
    default:
      return null
  }
}

function parseEntry(value: unknown): BoundEntry | null {
  if (!Array.isArray(value) || value.length < 5) return null
  const nonce = value[value.length - 1] as unknown
  const rest = value.slice(0, -1) as unknown[]
  const [id, revision, trashed] = rest
  const fields = parseFields(rest)
  if (
    !fields ||
    !isString(nonce) ||
    !isString(id) ||
    !Number.isSafeInteger(revision) ||
    typeof trashed !== 'boolean'
  ) {
    return null
  }
  return { item: { id, revision: revision as number, trashed, fields }, nonce }
}

function sealBucket(
  db: Db,
  key: AesKey,
  vaultUuid: string,
  bucket: number,
  version: number,
  entries: readonly BoundEntry[],
): void {
  if (entries.length === 0) {
    statement(db, DELETE_BUCKET_SQL).run(bucket)
    return
  }
  const json = JSON.stringify(entries.map((e) => [...storedEntry(e.item), e.nonce]))
  const bytes = Buffer.byteLength(json, 'utf8')
  const plain = Buffer.alloc(Math.ceil(bytes / PAD_BYTES) * PAD_BYTES, 0x20)
  plain.write(json, 0, 'utf8')
  try {
    const sealed = seal(key, plain, bucketAad(vaultUuid, bucket, version))
    statement(db, UPSERT_BUCKET_SQL).run({ bucket, ...sealed })
  } finally {
    wipe(plain)
  }
}

/** A bucket's entries if it opens at `version` and is well-formed; null otherwise. */
function openBucket(
  key: AesKey,
  vaultUuid: string,
  row: SealedRow | undefined,
  bucket: number,
  version: number,
): BoundEntry[] | null {
  if (version === 0) return row ? null : []
  const plain = openRow(key, row, bucketAad(vaultUuid, bucket, version))
  if (!plain) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(plain.toString('utf8'))
  } catch {
    return null
  } finally {
    wipe(plain)
  }
  if (!Array.isArray(parsed)) return null
  const entries: BoundEntry[] = []
  for (const value of parsed) {
    const entry = parseEntry(value)
    if (!entry || bucketOf(entry.item.id) !== bucket) return null
    entries.push(entry)
  }
  return entries
}

/**
 * Every entry of the index, if the index describes exactly the verified `state` and the rows in
 * the file: its head authenticates and names the state's write counter, every bucket opens at the
 * version the head gives it, the entries are the state's item entries, one each, at their
 * revisions, and each names the nonce of the row there now (a row or an index from another copy
 * of the vault at the same revision differs in it). Null otherwise (no index, stale, rolled back,
 * swapped or damaged): the caller reads every row then.
 */
export function readSearchIndex(
  db: Db,
  key: AesKey,
  vaultUuid: string,
  state: VerifiedState,
): IndexedItem[] | null {
  const head = readHead(db, key, vaultUuid)
  if (!head || head.stateCounter !== state.head.counter) return null
  const rows = new Map<unknown, SealedRow>()
  for (const row of db.prepare(SELECT_BUCKETS_SQL).all() as (SealedRow & { bucket: unknown })[]) {
    rows.set(row.bucket, row)
  }
  const all: IndexedItem[] = []
  const nonces = rowNonces(db)
  for (let b = 0; b < SEARCH_BUCKETS; b++) {
    const entries = openBucket(key, vaultUuid, rows.get(b), b, head.version(b))
    if (!entries) return null
    rows.delete(b)
    for (const e of entries) {
      if (nonces.get(e.item.id) !== e.nonce) return null
      all.push(e.item)
    }
  }
  if (rows.size > 0) return null
  return describesState(all, state.manifest) ? all : null
}

/** Each item row's nonce (base64) by id: read without decrypting anything. */
function rowNonces(db: Db): Map<string, string> {
  const nonces = new Map<string, string>()
  // Raw rows in one call: stepping a statement row by row cost several times as much here.
  const rows = statement(db, SELECT_ROW_NONCES_SQL).raw(true).all() as [unknown, unknown][]
  for (const [id, nonce] of rows) {
    if (typeof id === 'string' && Buffer.isBuffer(nonce)) nonces.set(id, nonce.toString('base64'))
  }
  return nonces
}

/** The entries are the manifest's item entries, each once, at the manifest's revision. */
function describesState(entries: readonly IndexedItem[], manifest: Manifest): boolean {
  const seen = new Set<string>()
  for (const e of entries) {
    const listed = manifest.get(e.id)
    if (listed?.kind !== 'item' || listed.revision !== e.revision || seen.has(e.id)) return false
    seen.add(e.id)
  }
  return seen.size === manifest.countOf('item')
}

/**
 * Applies the entries a write changed (null: the item's row is gone) to an index that described
 * the state before the write (`previousCounter`), and binds it to the state after it. False when
 * the index did not describe that state (some buckets may be rewritten already): the caller
 * rebuilds the whole index in the same transaction.
 */
export function updateSearchIndex(
  db: Db,
  key: AesKey,
  vaultUuid: string,
  previousCounter: number,
  state: VerifiedState,
  changes: ReadonlyMap<string, BoundEntry | null>,
): boolean {
  const head = readHead(db, key, vaultUuid)
  if (!head || head.stateCounter !== previousCounter) return false
  const byBucket = new Map<number, [string, BoundEntry | null][]>()
  for (const change of changes) {
    const b = bucketOf(change[0])
    byBucket.set(b, [...(byBucket.get(b) ?? []), change])
  }
  const version = state.head.counter
  for (const [b, bucketChanges] of byBucket) {
    const row = statement(db, SELECT_BUCKET_SQL).get(b) as SealedRow | undefined
    const entries = openBucket(key, vaultUuid, row, b, head.version(b))
    if (!entries) return false
    const changed = new Map(bucketChanges)
    const kept = entries.filter((e) => !changed.has(e.item.id))
    for (const e of changed.values()) if (e) kept.push(e)
    sealBucket(db, key, vaultUuid, b, kept.length ? version : 0, kept)
    head.setVersion(b, kept.length ? version : 0)
  }
  head.stateCounter = version
  try {
    writeHead(db, key, vaultUuid, head)
  } finally {
    wipe(head.bytes)
  }
  return true
}

/**
 * Writes the whole index for `items` (the state's item rows, as written in this transaction) and
 * binds it to `state` and to the rows' nonces.
 */
export function writeSearchIndex(
  db: Db,
  key: AesKey,
  vaultUuid: string,
  state: VerifiedState,
  items: readonly IndexedItem[],
): void {
  const nonces = rowNonces(db)
  const buckets = Array.from({ length: SEARCH_BUCKETS }, (): BoundEntry[] => [])
  for (const item of items) {
    const nonce = nonces.get(item.id)
    // A record without its row cannot be bound: left out, the index then fails to describe the
    // state and lookups read every row.
    if (nonce !== undefined) buckets[bucketOf(item.id)]!.push({ item, nonce })
  }
  db.prepare('DELETE FROM search_buckets').run()
  const version = state.head.counter
  const head = SearchHead.empty()
  head.stateCounter = version
  buckets.forEach((entries, b) => {
    if (entries.length === 0) return
    sealBucket(db, key, vaultUuid, b, version, entries)
    head.setVersion(b, version)
  })
  writeHead(db, key, vaultUuid, head)
}
