// The items and tombstones tables and the state that says which rows they should hold. Every read
// of item rows goes through readAuditedState (list, get, backups, merge, and copies of the file
// read with the vault key), so a row one of them rejects is rejected by all. Writes happen inside
// the session's transaction (see recording): every row written records its state entry, and the
// state follows before commit.
import type Database from 'better-sqlite3'
import type { KeyObject } from 'node:crypto'
import type { AesKey } from '../crypto/aes-gcm.ts'
import { randomId } from '../crypto/random.ts'
import { CairnError } from '../errors.ts'
import type { DamagedRow, RowData, StoredRecord, Tombstone } from './item-types.ts'
import {
  isDamaged,
  itemAuthentic,
  newVersionId,
  nextLineage,
  openVersionedItem,
  parseLineage,
  sealItem,
  sealTombstone,
  tombstoneAuthentic,
  type ItemRow,
  type Lineage,
  type TombstoneRow,
  type VersionedRecord,
} from './item-rows.ts'
import { validateRowData } from './item-validation.ts'
import {
  boundEntry,
  indexedItem,
  readSearchIndex,
  updateSearchIndex,
  writeSearchIndex,
  type BoundEntry,
  type IndexedItem,
} from './search-index.ts'
import {
  Manifest,
  SELECT_MANIFEST_NONCE_SQL,
  isCanonicalId,
  manifestDisagreement,
  type ManifestEntry,
} from './manifest.ts'
import { ManifestAudit } from './manifest-audit.ts'
import {
  readHead,
  readVerifiedState,
  writeStateChanges,
  writeWholeState,
  type VerifiedState,
} from './state-entries.ts'
import type { Db } from './sqlite-file.ts'
import type { VaultSubkeys } from './vault-subkeys.ts'
import { FORMAT_VERSION } from './vault-format.ts'

export const ITEM_COLUMNS =
  'id, revision, created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt, nonce, ciphertext'
export const TOMBSTONE_COLUMNS = 'id, revision, purged_at AS purgedAt, nonce, tag'

/** Every row, with its rowid: list order is creation time, then rowid (see inCreationOrder). */
const SELECT_ALL_ITEMS_SQL = `SELECT rowid AS rowOrder, ${ITEM_COLUMNS} FROM items`
const SELECT_ITEM_SQL = `SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`
const SELECT_ROW_ORDER_SQL = 'SELECT rowid FROM items WHERE id = ?'
const INSERT_ITEM_SQL = `INSERT INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext)
  VALUES (@id, @revision, @createdAt, @updatedAt, @deletedAt, @nonce, @ciphertext)`
const REPLACE_ITEM_SQL = `INSERT OR REPLACE INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext)
  VALUES (@id, @revision, @createdAt, @updatedAt, @deletedAt, @nonce, @ciphertext)`
const OVERWRITE_ITEM_SQL = `UPDATE items SET revision = @revision, created_at = @createdAt,
  updated_at = @updatedAt, deleted_at = @deletedAt, nonce = @nonce, ciphertext = @ciphertext
  WHERE id = @id AND revision = @previousRevision`
const DELETE_ITEM_SQL = 'DELETE FROM items WHERE id = ?'
const COUNT_ITEMS_SQL = 'SELECT count(*) FROM items'

const SELECT_TOMBSTONES_SQL = `SELECT ${TOMBSTONE_COLUMNS} FROM tombstones ORDER BY purged_at, id`
const PUT_TOMBSTONE_SQL = `INSERT OR REPLACE INTO tombstones (id, revision, purged_at, nonce, tag)
  VALUES (@id, @revision, @purgedAt, @nonce, @tag)`
const DELETE_TOMBSTONE_SQL = 'DELETE FROM tombstones WHERE id = ?'
const DELETE_ALL_TOMBSTONES_SQL = 'DELETE FROM tombstones'

const USER_VERSION_SQL = 'PRAGMA user_version'

/** Changes whenever another connection (another process, sqlite3) commits to the file. */
const DATA_VERSION_SQL = 'PRAGMA data_version'

/** Everything a backup or a merge needs from a vault. */
export interface VaultState {
  items: VersionedRecord[]
  tombstones: Tombstone[]
  damaged: DamagedRow[]
}

/** An item as imported by restore or merge: its lineage is kept when given, else started afresh. */
export type ImportedRecord = StoredRecord & { lineage?: Lineage }

export const STATE_UNVERIFIED =
  'The vault manifest or slot set is missing or fails authentication: nothing can be written until the current contents are accepted (vault settings, or cairn accept-current)'

type ListedRow = ItemRow & { rowOrder: number }

/**
 * The rows in list order (created_at, then rowid). Rows are almost always stored in that order
 * already, so they are sorted here only when they are not: cheaper than SQLite sorting every
 * ciphertext. A damaged row's timestamp may not be a number; such rows sort last.
 */
function inCreationOrder(rows: ListedRow[]): ListedRow[] {
  const at = (r: ListedRow) => (typeof r.createdAt === 'number' ? r.createdAt : Infinity)
  const before = (a: ListedRow, b: ListedRow) =>
    at(a) < at(b) || (at(a) === at(b) && a.rowOrder < b.rowOrder)
  for (let i = 1; i < rows.length; i++) {
    if (!before(rows[i - 1]!, rows[i]!)) return rows.sort((a, b) => (before(a, b) ? -1 : 1))
  }
  return rows
}

/** The tombstone rows that authenticate under `rowKey` (whatever the state says of them). */
function authenticTombstones(db: Db, rowKey: AesKey, vaultUuid: string): Tombstone[] {
  const rows = db.prepare(SELECT_TOMBSTONES_SQL).all() as TombstoneRow[]
  return rows
    .filter((row) => tombstoneAuthentic(rowKey, vaultUuid, row))
    .map(({ id, revision, purgedAt }) => ({ id, revision, purgedAt }))
}

/** Authentic tombstones the state agrees with: a forged or put-back one could delete data in a merge. */
function agreedTombstones(authentic: readonly Tombstone[], manifest: Manifest | null): Tombstone[] {
  if (!manifest) return [...authentic]
  return authentic.filter((t) => {
    const entry = manifest.get(t.id)
    return entry?.kind === 'tombstone' && entry.revision === t.revision
  })
}

/**
 * Every item row opened in creation order and judged against the state: a row that fails to
 * open, or that the state disagrees with (rolled back, put back, added), is damaged, and so is
 * an entry whose row or tombstone is gone. `manifest` null means the state could not be verified:
 * every authentic row is accepted then, and the state itself is reported.
 */
export function readAuditedState(
  db: Db,
  rowKey: AesKey,
  vaultUuid: string,
  manifest: Manifest | null,
): VaultState {
  const authentic = authenticTombstones(db, rowKey, vaultUuid)
  const audit = new ManifestAudit(manifest, authentic)
  const items: VersionedRecord[] = []
  const damaged: DamagedRow[] = []
  const rows = inCreationOrder(db.prepare(SELECT_ALL_ITEMS_SQL).all() as ListedRow[])
  for (const row of rows) {
    const r = openVersionedItem(rowKey, vaultUuid, row)
    if (isDamaged(r)) {
      audit.saw(row.id)
      damaged.push(r)
      continue
    }
    const disagreement = audit.check(row)
    if (disagreement) damaged.push({ id: row.id, reason: disagreement })
    else items.push(r)
  }
  damaged.push(...audit.leftovers())
  return { items, tombstones: agreedTombstones(authentic, manifest), damaged }
}

/**
 * Writes the rows of a new vault file (create, restore, upgrade) and returns the state listing
 * them; the caller writes that state.
 */
export function insertRows(
  db: Db,
  rowKey: AesKey,
  vaultUuid: string,
  items: readonly VersionedRecord[],
  tombstones: readonly Tombstone[],
): Manifest {
  const item = db.prepare(INSERT_ITEM_SQL)
  for (const { record, lineage } of items) {
    item.run(sealItem(rowKey, vaultUuid, record, record.data, lineage))
  }
  const tomb = db.prepare(PUT_TOMBSTONE_SQL)
  for (const t of tombstones) tomb.run(sealTombstone(rowKey, vaultUuid, t))
  const entries = new Map<string, ManifestEntry>()
  for (const { record } of items)
    entries.set(record.id, { kind: 'item', revision: record.revision })
  for (const t of tombstones) entries.set(t.id, { kind: 'tombstone', revision: t.revision })
  return Manifest.fromEntries(entries)
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/** A copy of the arrays (callers may sort or extend them); the frozen records are shared. */
function copyOfState(s: VaultState): VaultState {
  return { items: [...s.items], tombstones: [...s.tombstones], damaged: [...s.damaged] }
}

/** Checks a record given to applyChanges (restore, merge) and gives it a lineage. */
function importable(record: ImportedRecord): { record: StoredRecord; lineage: Lineage } {
  const { lineage, ...rest } = record
  const ints = [rest.revision, rest.createdAt, rest.updatedAt, rest.deletedAt ?? 0]
  if (
    !isCanonicalId(rest.id) ||
    !ints.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    rest.revision < 1
  ) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      'Invalid item record: its id must be a lower-case UUID, and revision and timestamps integers',
    )
  }
  const kept = lineage === undefined ? [] : parseLineage(lineage)
  if (lineage !== undefined && kept.length !== lineage.length) {
    throw new CairnError('INVALID_ARGUMENT', `Invalid lineage for item ${rest.id}`)
  }
  return {
    record: {
      id: rest.id,
      revision: rest.revision,
      createdAt: rest.createdAt,
      updatedAt: rest.updatedAt,
      deletedAt: rest.deletedAt,
      data: validateRowData(rest.data),
    } as StoredRecord,
    lineage: kept.length ? kept : [newVersionId()],
  }
}

function importableTombstone(t: Tombstone): Tombstone {
  if (
    !isCanonicalId(t.id) ||
    ![t.revision, t.purgedAt].every((n) => Number.isSafeInteger(n) && n >= 0)
  ) {
    throw new CairnError('INVALID_ARGUMENT', 'Invalid tombstone')
  }
  return { id: t.id, revision: t.revision, purgedAt: t.purgedAt }
}

/**
 * The items of one open vault file. It holds no key: the session passes its subkeys to every
 * call, so locking the session leaves nothing here to use.
 */
export class ItemStore {
  readonly #db: Db
  readonly #vaultUuid: string
  /** Statements prepared once per session (bulk imports write thousands of rows). */
  readonly #statements = new Map<string, Database.Statement>()
  /** The state this store last verified or wrote, and the nonce its head was stored under. */
  #state: (VerifiedState & { nonce: Buffer }) | null = null
  /** State entries set by the write in progress (see recording). */
  #changes: Map<string, ManifestEntry> | null = null
  /** Search index entries set by the write in progress: null where the item's row went. */
  #searchChanges: Map<string, BoundEntry | null> | null = null
  /** Set when the write in progress replaced the whole state (accepting the current rows). */
  #wholeStateWritten = false
  /** Set when this store found the search index unusable: its next write rebuilds it. */
  #searchIndexUnusable = false
  /**
   * The last audited read, and what the file was when it was made: the connection's data version
   * (which moves when anyone else commits) and the state head's nonce. This store's own writes
   * drop it. While both are unchanged SQLite would hand back the same rows, already judged.
   */
  #lastRead: { dataVersion: number; nonce: Buffer | null; state: VaultState } | null = null

  constructor(db: Db, vaultUuid: string) {
    this.#db = db
    this.#vaultUuid = vaultUuid
  }

  #statement(sql: string): Database.Statement {
    let st = this.#statements.get(sql)
    if (!st) {
      st = this.#db.prepare(sql)
      this.#statements.set(sql, st)
    }
    return st
  }

  /** Drops what this store remembers (on lock, and after the state key changed). */
  forget(): void {
    this.#state = null
    this.#lastRead = null
    this.#statements.clear()
  }

  /**
   * The verified state, or null when the head is missing, fails authentication or does not match
   * the entries. Every seal draws a fresh random nonce, so a stored head nonce equal to the cached
   * one means the state is still the one this store verified or wrote: only the 12-byte nonce is
   * read, and the entries are checked again only after another writer.
   */
  verifiedState(stateKey: KeyObject): VerifiedState | null {
    const nonce = this.#statement(SELECT_MANIFEST_NONCE_SQL).pluck().get() as Buffer | undefined
    if (!nonce) return null
    if (this.#state?.nonce.equals(nonce)) return this.#state
    this.#state = readVerifiedState(this.#db, stateKey, this.#vaultUuid)
    return this.#state
  }

  #manifest(stateKey: KeyObject): Manifest | null {
    return this.verifiedState(stateKey)?.manifest ?? null
  }

  /** True inside `recording`: a nested write is then part of the one in progress. */
  get writing(): boolean {
    return this.#changes !== null
  }

  /**
   * Runs `fn` (inside the session's immediate transaction) recording the state entry of every
   * row it writes, then updates the state: the changed entries only, or, with `reseal` (new
   * keys: the digest is keyed, so every term changes), the whole state. The search index follows
   * the state in the same transaction: the changed entries only, or rebuilt from every row when
   * it did not describe the state before the write, when the whole state was replaced, or when
   * `rebuildSearch` asks for it (a vault just given its index).
   */
  recording<T>(
    state: VerifiedState | null,
    keys: VaultSubkeys,
    fn: () => T,
    { reseal, rebuildSearch = false }: { reseal?: VaultSubkeys; rebuildSearch?: boolean } = {},
  ): T {
    const changes = new Map<string, ManifestEntry>()
    const searchChanges = new Map<string, BoundEntry | null>()
    this.#changes = changes
    this.#searchChanges = searchChanges
    this.#wholeStateWritten = false
    this.#lastRead = null
    try {
      const result = fn()
      let stateWritten = this.#wholeStateWritten
      if (state && reseal) {
        this.#state = writeWholeState(
          this.#db,
          reseal.state,
          this.#vaultUuid,
          state.manifest.with(changes),
          state.head.counter + 1,
        )
        stateWritten = true
      } else if (state && changes.size > 0) {
        this.#state = writeStateChanges(this.#db, keys.state, this.#vaultUuid, state, changes)
        stateWritten = true
      }
      const rebuild = rebuildSearch || this.#searchIndexUnusable
      if (stateWritten || rebuild) {
        const incremental = !reseal && !this.#wholeStateWritten && !rebuild
        this.#keepSearchIndex(reseal ?? keys, incremental ? state : null, searchChanges)
        this.#searchIndexUnusable = false
      }
      return result
    } finally {
      this.#changes = null
      this.#searchChanges = null
      this.#wholeStateWritten = false
      // A read made inside the write (addUnlessPresent) no longer describes the file.
      this.#lastRead = null
    }
  }

  /**
   * Brings the search index in line with the state just written: the changed entries when the
   * index described `before` (the state before the write), else every row read again.
   */
  #keepSearchIndex(
    keys: VaultSubkeys,
    before: VerifiedState | null,
    changes: ReadonlyMap<string, BoundEntry | null>,
  ): void {
    const after = this.#state
    if (!after) return
    const db = this.#db
    const uuid = this.#vaultUuid
    if (before && updateSearchIndex(db, keys.search, uuid, before.head.counter, after, changes)) {
      return
    }
    const { items } = readAuditedState(db, keys.rows, uuid, after.manifest)
    writeSearchIndex(
      db,
      keys.search,
      uuid,
      after,
      items.map((v) => indexedItem(v.record)),
    )
  }

  #note(id: string, entry: ManifestEntry, indexed: BoundEntry | null): void {
    if (!this.#changes || !this.#searchChanges)
      throw new Error('item rows and tombstones are written inside recording only')
    this.#changes.set(id, entry)
    this.#searchChanges.set(id, indexed)
  }

  // ---- reads ------------------------------------------------------------------------------------

  /** Every item (trash included) with its lineage, the agreed tombstones and the damaged rows. */
  read(keys: VaultSubkeys): VaultState {
    return readAuditedState(this.#db, keys.rows, this.#vaultUuid, this.#manifest(keys.state))
  }

  /**
   * read(), reusing the last such read while the file is unchanged (a sync pass reads the state
   * for every device file it merges and again to write its own). Its records are frozen, since
   * later reads share them.
   */
  readShared(keys: VaultSubkeys): VaultState {
    const dataVersion = this.#statement(DATA_VERSION_SQL).pluck().get() as number
    const manifest = this.#manifest(keys.state)
    const nonce = manifest ? this.#state!.nonce : null
    const last = this.#lastRead
    if (
      last &&
      !this.writing &&
      last.dataVersion === dataVersion &&
      (last.nonce === null ? nonce === null : nonce !== null && last.nonce.equals(nonce))
    ) {
      return copyOfState(last.state)
    }
    const state = deepFreeze(readAuditedState(this.#db, keys.rows, this.#vaultUuid, manifest))
    if (!this.writing) this.#lastRead = { dataVersion, nonce, state }
    return copyOfState(state)
  }

  /**
   * The search index, if it describes exactly the verified state of the file (see
   * readSearchIndex); null when it cannot be used and every row must be read instead.
   */
  searchIndex(keys: VaultSubkeys): IndexedItem[] | null {
    return this.#db
      .transaction(() => {
        // A format-2 file has no index until its first write.
        if (this.#statement(USER_VERSION_SQL).pluck().get() !== FORMAT_VERSION) return null
        const state = this.verifiedState(keys.state)
        if (!state) return null
        const index = readSearchIndex(this.#db, keys.search, this.#vaultUuid, state)
        if (!index) this.#searchIndexUnusable = true
        return index
      })
      .deferred()
  }

  /**
   * Several items by id, each checked as get() checks it, in list order (creation time, then
   * storage order).
   */
  getMany(keys: VaultSubkeys, ids: readonly string[]): StoredRecord[] {
    const found = ids.map((id) => ({
      record: this.get(keys, id).record,
      rowOrder: this.#statement(SELECT_ROW_ORDER_SQL).pluck().get(id) as number,
    }))
    return found
      .sort((a, b) => a.record.createdAt - b.record.createdAt || a.rowOrder - b.rowOrder)
      .map((f) => f.record)
  }

  tombstones(keys: VaultSubkeys): Tombstone[] {
    return agreedTombstones(
      authenticTombstones(this.#db, keys.rows, this.#vaultUuid),
      this.#manifest(keys.state),
    )
  }

  /**
   * One item, checked as list() checks it, and also that the file returned the row asked for (a
   * damaged index can hand back another row).
   */
  get(keys: VaultSubkeys, id: string): VersionedRecord {
    const row = this.#statement(SELECT_ITEM_SQL).get(id) as ItemRow | undefined
    const manifest = this.#manifest(keys.state)
    if (!row) {
      const entry = manifest?.get(id)
      if (entry?.kind === 'item') {
        throw new CairnError(
          'TAMPERED_ROW',
          `Item ${id} is missing: the vault manifest lists revision ${entry.revision} but the row is gone`,
        )
      }
      throw new CairnError('NOT_FOUND', `No item with id ${id}`)
    }
    if (row.id !== id) {
      throw new CairnError(
        'TAMPERED_ROW',
        `Item ${id}: the file returned another row in its place (its index is damaged)`,
      )
    }
    if (!manifest) throw new CairnError('DAMAGED_FILE', STATE_UNVERIFIED)
    const r = openVersionedItem(keys.rows, this.#vaultUuid, row)
    if (isDamaged(r)) throw new CairnError('TAMPERED_ROW', `Item ${id} ${r.reason}`)
    const disagreement = manifestDisagreement(row, manifest.get(id))
    if (disagreement) throw new CairnError('TAMPERED_ROW', `Item ${id} ${disagreement}`)
    return r
  }

  count(): number {
    return this.#statement(COUNT_ITEMS_SQL).pluck().get() as number
  }

  // ---- writes (inside recording) ------------------------------------------------------------

  #put<R extends StoredRecord>(rowKey: AesKey, r: R, lineage: Lineage, sql: string): R {
    const row = sealItem(rowKey, this.#vaultUuid, r, r.data, lineage)
    this.#statement(sql).run(row)
    this.#note(r.id, { kind: 'item', revision: r.revision }, boundEntry(r, row.nonce))
    return r
  }

  /** Rewrites an existing row in place (its rowid, hence list order, stays). */
  #overwrite(
    rowKey: AesKey,
    r: StoredRecord,
    previousRevision: number,
    lineage: Lineage,
  ): StoredRecord {
    const row = sealItem(rowKey, this.#vaultUuid, r, r.data, lineage)
    const changed = this.#statement(OVERWRITE_ITEM_SQL).run({ ...row, previousRevision }).changes
    if (changed !== 1) throw new CairnError('CONFLICT', `Item ${r.id} changed meanwhile`)
    this.#note(r.id, { kind: 'item', revision: r.revision }, boundEntry(r, row.nonce))
    return r
  }

  #putTombstone(rowKey: AesKey, t: Tombstone): void {
    this.#statement(PUT_TOMBSTONE_SQL).run(sealTombstone(rowKey, this.#vaultUuid, t))
    this.#note(t.id, { kind: 'tombstone', revision: t.revision }, null)
  }

  /** A new item or kept group from checked data (validateItemData, validateGroupData). */
  add<D extends RowData>(rowKey: AesKey, clean: D): Extract<StoredRecord, { data: D }> {
    const now = Date.now()
    const r = {
      id: randomId(),
      revision: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      data: clean,
    } as Extract<StoredRecord, { data: D }>
    return this.#put(rowKey, r, [newVersionId()], INSERT_ITEM_SQL)
  }

  /** Reads, checks and rewrites one item as its next revision (unchanged when `change` says null). */
  revise(
    keys: VaultSubkeys,
    id: string,
    change: (r: StoredRecord, now: number) => StoredRecord | null,
    expectedRevision?: number,
  ): StoredRecord {
    const { record: current, lineage } = this.get(keys, id)
    if (expectedRevision !== undefined && current.revision !== expectedRevision) {
      throw new CairnError(
        'CONFLICT',
        `Item ${id} changed meanwhile (revision ${current.revision}, expected ${expectedRevision})`,
      )
    }
    const now = Math.max(Date.now(), current.updatedAt)
    const next = change(current, now)
    if (!next) return current
    return this.#overwrite(
      keys.rows,
      { ...next, revision: current.revision + 1, updatedAt: now },
      current.revision,
      nextLineage(lineage),
    )
  }

  /**
   * Deletes an item and records its tombstone. Also clears away what list() reports as damaged: a
   * row that fails authentication or disagrees with the state, and an entry whose row is gone.
   */
  purge(keys: VaultSubkeys, id: string): Tombstone {
    const row = this.#statement(SELECT_ITEM_SQL).get(id) as ItemRow | undefined
    const entry = this.#manifest(keys.state)?.get(id)
    if (!row && !entry) throw new CairnError('NOT_FOUND', `No item with id ${id}`)
    // Past every revision known for the id: the state's and the row's (when it is usable).
    const rowRevision =
      row && Number.isSafeInteger(row.revision + 1) && row.revision >= 0 ? row.revision : 0
    const revision = Math.max(rowRevision, entry?.revision ?? 0) + 1
    const tomb: Tombstone = { id, revision, purgedAt: Date.now() }
    this.#statement(DELETE_ITEM_SQL).run(id)
    // A row whose id is not a UUID was never written by Cairn: it goes without a tombstone.
    if (isCanonicalId(id)) this.#putTombstone(keys.rows, tomb)
    return tomb
  }

  /**
   * Records and tombstones as given (restore, merge), checked first so that a bad one writes
   * nothing: a record replaces any row with its id and drops its tombstone; a tombstone deletes
   * its row. The caller runs `write` inside recording.
   */
  static prepareChanges(changes: {
    records?: readonly ImportedRecord[]
    tombstones?: readonly Tombstone[]
  }): { records: { record: StoredRecord; lineage: Lineage }[]; tombstones: Tombstone[] } {
    return {
      records: (changes.records ?? []).map(importable),
      tombstones: (changes.tombstones ?? []).map(importableTombstone),
    }
  }

  applyChanges(
    rowKey: AesKey,
    checked: ReturnType<typeof ItemStore.prepareChanges>,
  ): StoredRecord[] {
    const stored = checked.records.map(({ record, lineage }) => {
      this.#statement(DELETE_TOMBSTONE_SQL).run(record.id)
      return this.#put(rowKey, record, lineage, REPLACE_ITEM_SQL)
    })
    for (const t of checked.tombstones) {
      this.#statement(DELETE_ITEM_SQL).run(t.id)
      this.#putTombstone(rowKey, t)
    }
    return stored
  }

  /**
   * Every item and tombstone re-encrypted under `newRowKey` (key rotation), from a state read
   * before the transaction: refused when the number of rows changed meanwhile.
   */
  reencrypt(newRowKey: AesKey, state: Pick<VaultState, 'items' | 'tombstones'>): void {
    if (this.count() !== state.items.length) {
      throw new CairnError('CONFLICT', 'The vault changed during rotation; try again')
    }
    for (const { record, lineage } of state.items) {
      this.#overwrite(newRowKey, record, record.revision, lineage)
    }
    this.#statement(DELETE_ALL_TOMBSTONES_SQL).run()
    for (const t of state.tombstones) this.#putTombstone(newRowKey, t)
  }

  /**
   * Rebuilds the whole state from every item row and tombstone that authenticates (rows that
   * fail stay reported), after a person chose to keep the file's current contents.
   */
  acceptCurrent(keys: VaultSubkeys): void {
    const entries = new Map<string, ManifestEntry>()
    for (const t of authenticTombstones(this.#db, keys.rows, this.#vaultUuid)) {
      if (isCanonicalId(t.id)) entries.set(t.id, { kind: 'tombstone', revision: t.revision })
    }
    const rows = this.#db.prepare(`SELECT ${ITEM_COLUMNS} FROM items`).all() as ItemRow[]
    for (const row of rows) {
      if (isCanonicalId(row.id) && itemAuthentic(keys.rows, this.#vaultUuid, row)) {
        entries.set(row.id, { kind: 'item', revision: row.revision })
      }
    }
    const counter = readHead(this.#db, keys.state, this.#vaultUuid)?.head.counter ?? 0
    this.#wholeStateWritten = true
    this.#state = writeWholeState(
      this.#db,
      keys.state,
      this.#vaultUuid,
      Manifest.fromEntries(entries),
      counter + 1,
    )
  }
}
