// An unlocked vault: one read-write connection and the vault key. Every write is one immediate
// transaction with a fresh nonce; lock() checkpoints, closes and zeroes the key.
import type Database from 'better-sqlite3'
import { hkdfSync, type KeyObject } from 'node:crypto'
import { randomBytes, randomId } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { ARGON2_FLOOR, isAtLeastFloor, validateNewArgon2Params } from '../kdf/argon2-params.ts'
import { calibrateArgon2 } from '../kdf/calibrate.ts'
import type { DamagedRow, ItemData, ItemRecord, Tombstone } from './item-types.ts'
import {
  ITEM_COLUMNS,
  TOMBSTONE_COLUMNS,
  isDamaged,
  itemAuthentic,
  newVersionId,
  nextLineage,
  openItem,
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
import { validateItemData } from './item-validation.ts'
import {
  INSERT_SLOT_SQL,
  SLOT_COLUMNS,
  createSlot,
  credentialSecret,
  isKnownSlotKind,
  slotInfo,
  type SlotKdf,
  type SlotRow,
} from './key-slots.ts'
import {
  MANIFEST_ROW_ID,
  Manifest,
  SELECT_MANIFEST_NONCE_SQL,
  isCanonicalId,
  manifestDisagreement,
  type ManifestEntry,
} from './manifest.ts'
import {
  readHead,
  readVerifiedState,
  writeStateChanges,
  writeWholeState,
  type VerifiedState,
} from './state-entries.ts'
import { ManifestAudit } from './manifest-audit.ts'
import {
  SELECT_SLOT_STATE_SQL,
  SlotState,
  UPSERT_SLOT_STATE_SQL,
  openSlotState,
  refusalText,
  type SlotStateRow,
} from './slot-state.ts'
import { checkpointTruncate, guardSqlite, type Db } from './sqlite-file.ts'
import { vaultSubkeys } from './vault-subkeys.ts'
import { readStateWithKey } from './vault-state-reader.ts'
import type {
  Credential,
  ListResult,
  ManagedVault,
  SlotInfo,
  SlotKind,
  SlotOptions,
  VaultHeader,
} from './vault-api.ts'
import { VAULT_KEY_BYTES } from './vault-format.ts'

/** An item as imported by restore or merge: its lineage is kept when given, else started afresh. */
export type ImportedRecord = ItemRecord & { lineage?: Lineage }

/** Everything a backup or a merge needs from an open vault. */
export interface VaultState {
  items: VersionedRecord[]
  tombstones: Tombstone[]
  damaged: DamagedRow[]
}

/** What accepting the current contents changed (see acceptCurrent). */
export interface AcceptedContents {
  /** Slot rows deleted because the authenticated slot set does not list them as they are. */
  removedSlots: number
  /** True when the slot set itself could not be verified and was rebuilt from the unlocking slot. */
  slotSetRebuilt: boolean
}

/** How this session was unlocked, beyond the SlotInfo: what changePassword may inherit. */
export interface SessionOrigin {
  /** The KDF of the authenticated slot that unwrapped the key, when it was an Argon2id slot. */
  kdf?: SlotKdf | null
  /** Things the person should be told about this unlock (upgrade, weak slot, refused slots). */
  notices?: readonly string[]
  /**
   * False when the slot set could not be verified at unlock (missing or damaged): it then counts
   * as absent until the contents are accepted, rather than as a key changed elsewhere.
   */
  slotSetVerified?: boolean
}

const KEY_CHANGED_ELSEWHERE =
  "This vault's key was changed elsewhere (or its slot set was damaged): unlock it again"

const STATE_UNVERIFIED =
  'The vault manifest or slot set is missing or fails authentication: nothing can be written until the current contents are accepted (vault settings, or cairn accept-current)'

/** Several slot changes committed in one transaction (see applySlotChanges). */
export interface SlotChanges {
  /** Replaces every password slot (keeping the old slots' Argon2id parameters unless given). */
  newPassword?: string
  add?: { credential: Credential; options?: SlotOptions }[]
  /** Slot ids to destroy. */
  remove?: readonly string[]
}

const DEFAULT_LABELS: Record<SlotKind, string> = {
  password: 'Master password',
  'recovery-key': 'Recovery key',
  'one-time-code': 'One-time code',
}

/**
 * The KDF for a new slot. Passwords get parameters calibrated to about a second; one-time codes the
 * floor (an unlock may have to try every code slot); recovery keys, being 256 random bits, HKDF.
 * HKDF is for recovery keys only, and createSlot also refuses one shorter than 32 bytes.
 */
export async function resolveSlotKdf(kind: SlotKind, o: SlotOptions): Promise<SlotKdf> {
  const family = o.kdf ?? (kind === 'recovery-key' ? 'hkdf-sha256' : 'argon2id')
  if (family === 'hkdf-sha256') {
    if (kind !== 'recovery-key') {
      throw new CairnError(
        'INVALID_ARGUMENT',
        `A ${kind.replace(/-/g, ' ')} slot must use Argon2id: hkdf-sha256 is for generated recovery keys only`,
      )
    }
    return { name: 'hkdf-sha256' }
  }
  if (o.unsafeKdfParamsForTests) {
    return {
      name: 'argon2id',
      params: validateNewArgon2Params(o.unsafeKdfParamsForTests, { allowBelowFloor: true }),
    }
  }
  if (o.kdfParams) return { name: 'argon2id', params: validateNewArgon2Params(o.kdfParams) }
  if (kind === 'one-time-code') return { name: 'argon2id', params: { ...ARGON2_FLOOR } }
  return { name: 'argon2id', params: (await calibrateArgon2()).params }
}

export class UnlockedVaultFile implements ManagedVault {
  readonly path: string
  readonly header: VaultHeader
  readonly unlockedWith: SlotInfo
  #db: Db | null
  /** The raw vault key: wiped on lock. Only wrapped into slots and fed to HKDF, never used as a cipher key. */
  #key: Buffer | null
  /** Row subkey (items, tombstones); released on lock, cleared when collected. */
  #rowKey: KeyObject | null
  /** State subkey (manifest, slot set). */
  #stateKey: KeyObject | null
  #origin: SessionOrigin
  #notices: string[]

  constructor(
    path: string,
    header: VaultHeader,
    db: Db,
    vaultKey: Buffer,
    unlockedWith: SlotInfo,
    origin: SessionOrigin = {},
  ) {
    this.path = path
    this.header = header
    this.unlockedWith = unlockedWith
    this.#db = db
    this.#key = vaultKey
    const keys = vaultSubkeys(vaultKey, header.formatVersion)
    this.#rowKey = keys.rows
    this.#stateKey = keys.state
    this.#origin = origin
    this.#notices = [...(origin.notices ?? [])]
  }

  get isLocked(): boolean {
    return this.#key === null
  }

  /** What the person should be told about this session (upgrade, weak slot, refused slot rows). */
  notices(): string[] {
    return [...this.#notices]
  }

  #session(): { db: Db; key: KeyObject; stateKey: KeyObject; rawKey: Buffer } {
    if (!this.#db || !this.#key || !this.#rowKey || !this.#stateKey)
      throw new CairnError('LOCKED', 'The vault is locked')
    return { db: this.#db, key: this.#rowKey, stateKey: this.#stateKey, rawKey: this.#key }
  }

  /**
   * Runs `fn` against the file after checking that the slot set still opens with this session's
   * key: another process that rotated the key resealed it, and this session must neither write
   * rows nobody can read nor report every row as damaged.
   */
  #sql<T>(fn: (db: Db, key: KeyObject) => T): T {
    const { db, key } = this.#session()
    return guardSqlite(this.path, () => {
      this.#slotStateOrNull(db)
      return fn(db, key)
    })
  }

  /** The slot set this session last verified or wrote, with the nonce it was stored under. */
  #slotStateCache: { nonce: Buffer; state: SlotState } | null = null

  /**
   * The stored slot set, or null when the row is missing. Throws CONFLICT when a row is there but
   * does not open with this session's key (rotated elsewhere, or damaged).
   */
  #slotStateOrNull(db: Db): SlotState | null {
    const { stateKey } = this.#session()
    const row = this.#statement(db, SELECT_SLOT_STATE_SQL).get() as SlotStateRow | undefined
    if (!row) return null
    const cached = this.#slotStateCache
    if (cached?.nonce.equals(row.nonce)) return cached.state
    const state = openSlotState(stateKey, this.header.vaultUuid, row)
    if (!state) {
      if (this.#origin.slotSetVerified === false) return null
      throw new CairnError('CONFLICT', KEY_CHANGED_ELSEWHERE)
    }
    this.#slotStateCache = { nonce: row.nonce, state }
    return state
  }

  /** The verified slot set; a vault without one takes no slot changes until accepted. */
  #slotState(db: Db): SlotState {
    const state = this.#slotStateOrNull(db)
    if (!state) throw new CairnError('DAMAGED_FILE', STATE_UNVERIFIED)
    return state
  }

  #putSlotState(db: Db, state: SlotState, key: KeyObject = this.#session().stateKey): void {
    const row = state.seal(key, this.header.vaultUuid)
    this.#statement(db, UPSERT_SLOT_STATE_SQL).run(row)
    this.#slotStateCache = { nonce: row.nonce, state }
  }

  /**
   * Why the last checkpoint after a commit failed (a full disk, say), or null. The commit stands:
   * SQLite keeps it in the -wal and copies it into the file at a later checkpoint or open.
   */
  checkpointProblem: CairnError | null = null

  #checkpointAfterCommit(): void {
    try {
      this.#sql((db) => checkpointTruncate(db))
      this.checkpointProblem = null
    } catch (e) {
      if (!(e instanceof CairnError)) throw e
      this.checkpointProblem = e
    }
  }

  /** Manifest entries set by the write transaction in progress (see #write). */
  #changes: Map<string, ManifestEntry> | null = null

  /**
   * One immediate transaction. Every item row or tombstone written inside records its manifest
   * entry, and the manifest is rewritten before commit, so rows and manifest always change
   * together. `sealWith` (key rotation) reseals the manifest under the new key.
   */
  #write<T>(
    fn: (db: Db, key: KeyObject) => T,
    seal?: { rows: KeyObject; state: KeyObject },
    { acceptingUnverified = false } = {},
  ): T {
    const { db, key, stateKey } = this.#session()
    return guardSqlite(this.path, () => {
      if (this.#changes) return fn(db, key) // already inside a write: part of it
      return db
        .transaction(() => {
          // Inside the immediate transaction: no other process can rotate the key meanwhile.
          const state = this.#slotStateOrNull(db) ? this.#verifiedState(db) : null
          if (!state && !acceptingUnverified) {
            throw new CairnError('DAMAGED_FILE', STATE_UNVERIFIED)
          }
          const changes = new Map<string, ManifestEntry>()
          this.#changes = changes
          try {
            const result = fn(db, key)
            if (state && seal) {
              // The digest is keyed by the state key: a new key needs every term again.
              const next = state.manifest.with(changes)
              this.#putManifest(db, seal.state, next, state.head.counter + 1)
            } else if (state && changes.size > 0) {
              this.#manifestCache = writeStateChanges(
                db,
                stateKey,
                this.header.vaultUuid,
                state,
                changes,
              )
            }
            return result
          } finally {
            this.#changes = null
          }
        })
        .immediate()
    })
  }

  /** The state this session last verified or wrote, and the nonce its head was stored under. */
  #manifestCache: (VerifiedState & { nonce: Buffer }) | null = null

  /**
   * The verified state's entries, or null when the head is missing, fails authentication or does
   * not match the entries. Every seal draws a fresh random nonce, so a stored head nonce equal to
   * the cached one means the state is still the one this session verified or wrote: only the
   * 12-byte nonce is read, and the entries are checked again only after another writer.
   */
  #manifest(db: Db): Manifest | null {
    return this.#verifiedState(db)?.manifest ?? null
  }

  #verifiedState(db: Db): VerifiedState | null {
    const key = this.#session().stateKey
    const nonce = this.#statement(db, SELECT_MANIFEST_NONCE_SQL).pluck().get() as Buffer | undefined
    if (!nonce) return null
    const cached = this.#manifestCache
    if (cached?.nonce.equals(nonce)) return cached
    this.#manifestCache = readVerifiedState(db, key, this.header.vaultUuid)
    return this.#manifestCache
  }

  /** Replaces the whole state (accepting the current rows, a new state key). */
  #putManifest(db: Db, key: KeyObject, manifest: Manifest, counter: number): void {
    this.#manifestCache = writeWholeState(db, key, this.header.vaultUuid, manifest, counter)
  }

  #note(id: string, entry: ManifestEntry): void {
    if (!this.#changes) throw new Error('item rows and tombstones are written inside #write only')
    this.#changes.set(id, entry)
  }

  #row(db: Db, id: string): ItemRow | undefined {
    return db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`).get(id) as
      ItemRow | undefined
  }

  #record(db: Db, key: KeyObject, id: string): ItemRecord {
    return this.#versioned(db, key, id).record
  }

  #versioned(db: Db, key: KeyObject, id: string): VersionedRecord {
    const row = this.#row(db, id)
    const manifest = this.#manifest(db)
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
    // A damaged index can hand back another row: the row must be the one asked for.
    if (row.id !== id) {
      throw new CairnError(
        'TAMPERED_ROW',
        `Item ${id}: the file returned another row in its place (its index is damaged)`,
      )
    }
    if (!manifest) throw new CairnError('DAMAGED_FILE', STATE_UNVERIFIED)
    const r = openVersionedItem(key, this.header.vaultUuid, row)
    if (isDamaged(r)) throw new CairnError('TAMPERED_ROW', `Item ${id} ${r.reason}`)
    const disagreement = manifest && manifestDisagreement(row, manifest.get(id))
    if (disagreement) throw new CairnError('TAMPERED_ROW', `Item ${id} ${disagreement}`)
    return r
  }

  #store(
    db: Db,
    key: KeyObject,
    r: ItemRecord,
    mode: 'insert' | 'replace',
    lineage: Lineage,
  ): ItemRecord {
    const row = sealItem(key, this.header.vaultUuid, r, r.data, lineage)
    const verb = mode === 'insert' ? 'INSERT' : 'INSERT OR REPLACE'
    const sql = `${verb} INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext)
       VALUES (@id, @revision, @createdAt, @updatedAt, @deletedAt, @nonce, @ciphertext)`
    this.#statement(db, sql).run(row)
    this.#note(r.id, { kind: 'item', revision: r.revision })
    return r
  }

  /** Statements prepared once per session (bulk imports write thousands of rows). */
  #statements = new Map<string, Database.Statement>()

  #statement(db: Db, sql: string): Database.Statement {
    let st = this.#statements.get(sql)
    if (!st) {
      st = db.prepare(sql)
      this.#statements.set(sql, st)
    }
    return st
  }

  /** Rewrites an existing row in place (its rowid, hence list order, stays). */
  #overwrite(
    db: Db,
    key: KeyObject,
    r: ItemRecord,
    previousRevision: number,
    lineage: Lineage,
  ): ItemRecord {
    const row = sealItem(key, this.header.vaultUuid, r, r.data, lineage)
    const changed = db
      .prepare(
        `UPDATE items SET revision = @revision, created_at = @createdAt, updated_at = @updatedAt,
         deleted_at = @deletedAt, nonce = @nonce, ciphertext = @ciphertext
         WHERE id = @id AND revision = @previousRevision`,
      )
      .run({ ...row, previousRevision }).changes
    if (changed !== 1) throw new CairnError('CONFLICT', `Item ${r.id} changed meanwhile`)
    this.#note(r.id, { kind: 'item', revision: r.revision })
    return r
  }

  /** Reads, checks and rewrites one item as its next revision. */
  #revise(
    id: string,
    change: (r: ItemRecord, now: number) => ItemRecord | null,
    expectedRevision?: number,
  ): ItemRecord {
    return this.#write((db, key) => {
      const { record: current, lineage } = this.#versioned(db, key, id)
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
        db,
        key,
        { ...next, revision: current.revision + 1, updatedAt: now },
        current.revision,
        nextLineage(lineage),
      )
    })
  }

  list(options: { includeTrash?: boolean } = {}): ListResult {
    return this.#sql((db, key) => {
      const { opened, damaged } = this.#openAudited(db, key, openItem)
      // The trash filter uses the authenticated deletedAt, so a damaged row is always reported.
      const items = opened.filter((r) => options.includeTrash || r.deletedAt === null)
      return { items, damaged }
    })
  }

  /**
   * Opens every item row in creation order. A row that fails to open, or that the manifest
   * disagrees with, is damaged; so is a manifest entry without its row.
   */
  #openAudited<T extends object>(
    db: Db,
    key: KeyObject,
    open: (key: KeyObject, vaultUuid: string, row: ItemRow) => T | DamagedRow,
  ): { opened: T[]; damaged: DamagedRow[] } {
    const rows = db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM items ORDER BY created_at, rowid`)
      .all() as ItemRow[]
    const opened: T[] = []
    const damaged: DamagedRow[] = []
    const audit = new ManifestAudit(this.#manifest(db), this.#authenticTombstones(db, key))
    for (const row of rows) {
      const r = open(key, this.header.vaultUuid, row)
      if (isDamaged(r)) {
        audit.saw(row.id)
        damaged.push(r)
        continue
      }
      const disagreement = audit.check(row)
      if (disagreement) damaged.push({ id: row.id, reason: disagreement })
      else opened.push(r)
    }
    damaged.push(...audit.leftovers())
    return { opened, damaged }
  }

  get(id: string): ItemRecord {
    return this.#sql((db, key) => this.#record(db, key, id))
  }

  add(data: ItemData): ItemRecord {
    const clean = validateItemData(data)
    return this.#write((db, key) => {
      const now = Date.now()
      const r: ItemRecord = {
        id: randomId(),
        revision: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        data: clean,
      }
      return this.#store(db, key, r, 'insert', [newVersionId()])
    })
  }

  /**
   * Adds `data` unless an item (live or in the trash) already matches `isTwin`, checked inside the
   * same immediate transaction: two processes adding the same thing at once store it once.
   */
  addUnlessPresent(
    data: ItemData,
    isTwin: (existing: ItemRecord) => boolean,
  ): { added: ItemRecord; twin: null } | { added: null; twin: ItemRecord } {
    const clean = validateItemData(data)
    return this.#write((db, key) => {
      const twin = this.#openAudited(db, key, openItem).opened.find(isTwin)
      if (twin) return { added: null, twin }
      const now = Date.now()
      const r: ItemRecord = {
        id: randomId(),
        revision: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        data: clean,
      }
      return { added: this.#store(db, key, r, 'insert', [newVersionId()]), twin: null }
    })
  }

  update(id: string, data: ItemData, expectedRevision?: number): ItemRecord {
    const clean = validateItemData(data)
    return this.#revise(id, (r) => ({ ...r, data: clean }), expectedRevision)
  }

  trash(id: string): ItemRecord {
    return this.#revise(id, (r, now) => (r.deletedAt === null ? { ...r, deletedAt: now } : null))
  }

  restore(id: string): ItemRecord {
    return this.#revise(id, (r) => (r.deletedAt === null ? null : { ...r, deletedAt: null }))
  }

  /**
   * Also clears away what list() reports as damaged: a row that fails authentication or disagrees
   * with the manifest, and an item the manifest lists whose row is gone.
   */
  purge(id: string): Tombstone {
    const t = this.#write((db, key) => {
      const row = this.#row(db, id)
      const entry = this.#manifest(db)?.get(id)
      if (!row && !entry) throw new CairnError('NOT_FOUND', `No item with id ${id}`)
      // Past every revision known for the id: the manifest's and the row's (when it is usable).
      const rowRevision =
        row && Number.isSafeInteger(row.revision + 1) && row.revision >= 0 ? row.revision : 0
      const revision = Math.max(rowRevision, entry?.revision ?? 0) + 1
      const tomb: Tombstone = { id, revision, purgedAt: Date.now() }
      db.prepare('DELETE FROM items WHERE id = ?').run(id)
      // A row whose id is not a UUID was never written by Cairn: it goes without a tombstone.
      if (isCanonicalId(id)) this.#putTombstone(db, key, tomb)
      return tomb
    })
    this.#checkpointAfterCommit()
    return t
  }

  #putTombstone(db: Db, key: KeyObject, t: Tombstone): void {
    const row = sealTombstone(key, this.header.vaultUuid, t)
    db.prepare(
      `INSERT OR REPLACE INTO tombstones (id, revision, purged_at, nonce, tag)
       VALUES (@id, @revision, @purgedAt, @nonce, @tag)`,
    ).run(row)
    this.#note(t.id, { kind: 'tombstone', revision: t.revision })
  }

  #authenticTombstones(db: Db, key: KeyObject): Tombstone[] {
    const rows = db
      .prepare(`SELECT ${TOMBSTONE_COLUMNS} FROM tombstones ORDER BY purged_at, id`)
      .all() as TombstoneRow[]
    return rows
      .filter((row) => tombstoneAuthentic(key, this.header.vaultUuid, row))
      .map(({ id, revision, purgedAt }) => ({ id, revision, purgedAt }))
  }

  /**
   * Authentic tombstones the manifest agrees with: a forged, damaged or put-back one is ignored
   * (it could delete data in a merge).
   */
  tombstones(): Tombstone[] {
    return this.#sql((db, key) => {
      const manifest = this.#manifest(db)
      return this.#authenticTombstones(db, key).filter((t) => {
        if (!manifest) return true
        const entry = manifest.get(t.id)
        return entry?.kind === 'tombstone' && entry.revision === t.revision
      })
    })
  }

  /**
   * Accepts the contents as they are now, after a person has seen a rollback, missing-row or
   * unverifiable-manifest report and chosen to keep the file's current state: the manifest is
   * rebuilt from every item row and tombstone that authenticates (rows that fail stay reported),
   * and slot rows the authenticated slot set refuses are deleted. When the slot set itself cannot
   * be verified, nothing says which slots are genuine: only the slot this session was unlocked
   * with is kept (a master password: unlock allows no other kind then), so recovery keys and
   * one-time codes must be issued again.
   */
  acceptCurrent(): AcceptedContents {
    const result = this.#write(
      (db, key) => {
        const entries = new Map<string, ManifestEntry>()
        for (const t of this.#authenticTombstones(db, key)) {
          if (isCanonicalId(t.id)) entries.set(t.id, { kind: 'tombstone', revision: t.revision })
        }
        const rows = db.prepare(`SELECT ${ITEM_COLUMNS} FROM items`).all() as ItemRow[]
        for (const row of rows) {
          if (isCanonicalId(row.id) && itemAuthentic(key, this.header.vaultUuid, row)) {
            entries.set(row.id, { kind: 'item', revision: row.revision })
          }
        }
        const counter = readHead(db, this.#session().stateKey, this.header.vaultUuid)?.head.counter
        this.#putManifest(
          db,
          this.#session().stateKey,
          Manifest.fromEntries(entries),
          (counter ?? 0) + 1,
        )
        const slotRows = this.#slotRows(db)
        const current = this.#slotStateOrNull(db)
        const keep = current
          ? slotRows.filter((r) => current.refusal(r) === null)
          : slotRows.filter((r) => r.id === this.unlockedWith.id)
        if (!keep.some((r) => r.kind === 'password')) {
          throw new CairnError(
            'CONFLICT',
            'No verified master-password slot would remain: unlock with the master password and try again',
          )
        }
        const kept = new Set(keep.map((r) => r.id))
        const drop = slotRows.filter((r) => !kept.has(r.id))
        for (const r of drop) db.prepare('DELETE FROM key_slots WHERE id = ?').run(r.id)
        if (!current) this.#putSlotState(db, SlotState.of(keep))
        return { removedSlots: drop.length, slotSetRebuilt: !current }
      },
      undefined,
      { acceptingUnverified: true },
    )
    this.#checkpointAfterCommit()
    return result
  }

  /** acceptCurrent under its older name. */
  resealManifest(): void {
    this.acceptCurrent()
  }

  /**
   * For restore and merge: writes `record` as it is (id, revision, timestamps, lineage if given),
   * replacing any row with that id and dropping any tombstone for it. Merge policy is the caller's.
   */
  importRecord(record: ImportedRecord): ItemRecord {
    return this.importRecords([record])[0]!
  }

  /** importRecord for many records in one transaction: all are written, or none. */
  importRecords(records: readonly ImportedRecord[]): ItemRecord[] {
    return this.applyChanges({ records }).records
  }

  /** For merge: removes the item if present and records the tombstone. */
  importTombstone(t: Tombstone): void {
    this.applyChanges({ tombstones: [t] })
  }

  /**
   * Records and tombstones written in one transaction (restore and merge): all or nothing. A
   * record replaces any row with its id and drops its tombstone; a tombstone deletes its row.
   * The manifest follows in the same transaction.
   */
  applyChanges(changes: {
    records?: readonly ImportedRecord[]
    tombstones?: readonly Tombstone[]
  }): { records: ItemRecord[]; tombstones: Tombstone[] } {
    const records = (changes.records ?? []).map((record) => {
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
          data: validateItemData(rest.data),
        },
        lineage: kept.length ? kept : [newVersionId()],
      }
    })
    const tombstones = (changes.tombstones ?? []).map((t) => {
      if (
        !isCanonicalId(t.id) ||
        ![t.revision, t.purgedAt].every((n) => Number.isSafeInteger(n) && n >= 0)
      ) {
        throw new CairnError('INVALID_ARGUMENT', 'Invalid tombstone')
      }
      return { id: t.id, revision: t.revision, purgedAt: t.purgedAt }
    })
    const written = this.#write((db, key) => {
      const dropTombstone = db.prepare('DELETE FROM tombstones WHERE id = ?')
      const dropItem = db.prepare('DELETE FROM items WHERE id = ?')
      const stored = records.map(({ record, lineage }) => {
        dropTombstone.run(record.id)
        return this.#store(db, key, record, 'replace', lineage)
      })
      for (const t of tombstones) {
        dropItem.run(t.id)
        this.#putTombstone(db, key, t)
      }
      return stored
    })
    // Deleted rows must not linger in the log.
    if (tombstones.length) this.#checkpointAfterCommit()
    return { records: written, tombstones }
  }

  /**
   * Every item (trash included) with its lineage, the tombstones and the damaged rows, judged as
   * list() judges them (a row the manifest disagrees with is damaged, not an item).
   */
  state(): VaultState {
    return this.#sql((db, key) => {
      const { opened: items, damaged } = this.#openAudited(db, key, openVersionedItem)
      return { items, tombstones: this.tombstones(), damaged }
    })
  }

  /**
   * Reads another copy of this vault file with this session's key (no credential needed while
   * the copies share a vault key). WRONG_CREDENTIAL when the copy's rows do not open with it (its
   * key was rotated): read it with its own credential instead (readVaultState).
   */
  readCopy(path: string): VaultState {
    const { rawKey } = this.#session()
    const { state } = readStateWithKey(path, this.header.vaultUuid, rawKey)
    if (state.items.length === 0 && state.damaged.length > 0) {
      throw new CairnError(
        'WRONG_CREDENTIAL',
        `${path} does not open with this vault's key (it was rotated): give its password`,
      )
    }
    return state
  }

  /**
   * A key derived from the vault key (HKDF-SHA256), for formats that the vault's slots protect,
   * such as backups. `info` names the purpose and must start with "cairn.".
   */
  deriveSubkey(info: string, salt: Uint8Array): Buffer {
    if (!info.startsWith('cairn.') || salt.length < 16) {
      throw new CairnError('INVALID_ARGUMENT', 'A subkey needs a cairn.* purpose and a salt')
    }
    const { rawKey } = this.#session()
    return Buffer.from(hkdfSync('sha256', rawKey, salt, info, VAULT_KEY_BYTES))
  }

  #slotRows(db: Db): SlotRow[] {
    return db
      .prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots ORDER BY kind <> 'password', created_at, id`)
      .all() as SlotRow[]
  }

  /** The slot rows the authenticated slot set lists exactly as they are; the others are reported. */
  #liveSlotRows(db: Db): SlotRow[] {
    const state = this.#slotStateOrNull(db)
    const rows = this.#slotRows(db).filter((r) => isKnownSlotKind(r.kind))
    if (!state) return rows.filter((r) => r.id === this.unlockedWith.id)
    return rows.filter((r) => {
      const refusal = state.refusal(r)
      if (refusal) this.#notice(refusalText(r, refusal))
      return refusal === null
    })
  }

  #notice(text: string): void {
    if (!this.#notices.includes(text)) this.#notices.push(text)
  }

  slots(): SlotInfo[] {
    return this.#sql((db) => this.#liveSlotRows(db).map(slotInfo))
  }

  /** The live slot rows of the given kinds, as they are (a backup carries copies of them). */
  slotRows(kinds: readonly SlotKind[]): SlotRow[] {
    return this.#sql((db) =>
      this.#liveSlotRows(db).filter((r) => kinds.includes(r.kind as SlotKind)),
    )
  }

  /** Wraps the vault key for one more credential (a recovery key, a one-time code, a password). */
  async addSlot(credential: Credential, options: SlotOptions = {}): Promise<SlotInfo> {
    const [info] = await this.applySlotChanges({ add: [{ credential, options }] })
    return info!
  }

  async #newSlot(credential: Credential, options: SlotOptions, kdf?: SlotKdf): Promise<SlotRow> {
    this.#session()
    const label = options.label ?? DEFAULT_LABELS[credential.kind]
    if (options.slotId !== undefined && !isCanonicalId(options.slotId)) {
      throw new CairnError('INVALID_ARGUMENT', 'A slot id must be a lower-case UUID')
    }
    const slotKdf = kdf ?? (await resolveSlotKdf(credential.kind, options))
    const secret = credentialSecret(credential)
    try {
      if (secret.length === 0) throw new CairnError('INVALID_ARGUMENT', 'The credential is empty')
      // If the vault is locked while the KDF runs, the slot is never stored: #write throws LOCKED.
      return await createSlot(this.header.vaultUuid, this.#session().rawKey, {
        id: options.slotId,
        kind: credential.kind,
        label,
        secret,
        kdf: slotKdf,
        createdAt: Date.now(),
      })
    } finally {
      wipe(secret)
    }
  }

  /**
   * Destroys a slot (revocation). The last password slot cannot be removed: every vault keeps a
   * master password (change it with changePassword), so spending a one-time code never leaves a
   * vault without slots.
   */
  removeSlot(slotId: string): void {
    this.#write((db) => {
      const state = this.#slotState(db)
      const slot = this.#slotRows(db).find((r) => r.id === slotId)
      if (!slot || state.refusal(slot) !== null) {
        throw new CairnError('NOT_FOUND', `No key slot with id ${slotId}`)
      }
      const passwords = [...state.live.values()].filter((s) => s.kind === 'password').length
      if (slot.kind === 'password' && passwords <= 1) {
        throw new CairnError(
          'CONFLICT',
          'The master password slot cannot be removed; change the password instead',
        )
      }
      db.prepare('DELETE FROM key_slots WHERE id = ?').run(slotId)
      this.#putSlotState(db, state.with({ revoked: [slotId] }))
    })
    this.#checkpointAfterCommit()
  }

  /**
   * Replaces every password slot with one for `newPassword`; other slots (recovery keys) stay
   * valid. See applySlotChanges for the Argon2id parameters it gets.
   */
  async changePassword(newPassword: string, options: SlotOptions = {}): Promise<void> {
    await this.applySlotChanges({ newPassword }, options)
  }

  /**
   * The KDF for a new master-password slot: the parameters asked for, else those of the
   * authenticated slot this session was unlocked with when they meet the RFC 9106 floor, else a
   * fresh calibration. Never the parameters of any other row in the file: a planted slot could
   * otherwise make the next password cheap to guess.
   */
  async #newPasswordKdf(options: SlotOptions): Promise<SlotKdf> {
    if (options.kdfParams || options.unsafeKdfParamsForTests) {
      return resolveSlotKdf('password', options)
    }
    const origin = this.#origin.kdf
    if (origin?.name === 'argon2id' && isAtLeastFloor(origin.params)) return origin
    return resolveSlotKdf('password', {})
  }

  /**
   * Slot changes in one transaction: a new password (replacing every password slot), new slots
   * and destroyed slots. All key derivation runs first; then everything is stored, or nothing.
   * `passwordOptions` applies to the new password slot. A master password always remains.
   */
  async applySlotChanges(
    changes: SlotChanges,
    passwordOptions: SlotOptions = {},
  ): Promise<SlotInfo[]> {
    const { newPassword } = changes
    if (
      newPassword !== undefined &&
      (typeof newPassword !== 'string' || newPassword.length === 0)
    ) {
      throw new CairnError('INVALID_ARGUMENT', 'The new password is empty')
    }
    // Refused before any key derivation when the slot set cannot be verified.
    this.#sql((db) => this.#slotState(db))
    const remove = [...(changes.remove ?? [])]
    const rows: SlotRow[] = []
    if (newPassword !== undefined) {
      const previous = this.#sql((db) => this.#liveSlotRows(db).find((r) => r.kind === 'password'))
      rows.push(
        await this.#newSlot(
          { kind: 'password', password: newPassword },
          { label: previous?.label, ...passwordOptions },
          await this.#newPasswordKdf(passwordOptions),
        ),
      )
    }
    for (const { credential, options } of changes.add ?? []) {
      rows.push(await this.#newSlot(credential, options ?? {}))
    }
    this.#write((db) => {
      const state = this.#slotState(db)
      const live = this.#slotRows(db).filter((r) => state.refusal(r) === null)
      const revoked: string[] = []
      for (const id of remove) {
        if (!live.some((r) => r.id === id)) {
          throw new CairnError('NOT_FOUND', `No key slot with id ${id}`)
        }
        revoked.push(id)
      }
      if (newPassword !== undefined) {
        for (const r of live) if (r.kind === 'password') revoked.push(r.id)
      }
      const gone = new Set(revoked)
      for (const id of gone) db.prepare('DELETE FROM key_slots WHERE id = ?').run(id)
      for (const row of rows) db.prepare(INSERT_SLOT_SQL).run(row)
      // Every vault keeps a master password (see removeSlot).
      const passwords =
        live.filter((r) => r.kind === 'password' && !gone.has(r.id)).length +
        rows.filter((r) => r.kind === 'password').length
      if (passwords === 0) {
        throw new CairnError(
          'CONFLICT',
          'The master password slot cannot be removed; change the password instead',
        )
      }
      this.#putSlotState(db, state.with({ added: rows, revoked: [...gone] }))
    })
    this.#checkpointAfterCommit()
    return rows.map(slotInfo)
  }

  /**
   * A new random vault key: every item and tombstone re-encrypted, every old slot destroyed and
   * replaced by one password slot, plus the slots in `extra` (wrapping the new key, such as a new
   * recovery key), all in one transaction. Refused while damaged rows exist.
   */
  async rotateVaultKey(
    newPassword: string,
    options: SlotOptions = {},
    extra: readonly { credential: Credential; options?: SlotOptions }[] = [],
  ): Promise<SlotInfo[]> {
    if (typeof newPassword !== 'string' || newPassword.length === 0) {
      throw new CairnError('INVALID_ARGUMENT', 'The new password is empty')
    }
    const { items, damaged, tombstones } = this.state()
    if (damaged.some((d) => d.id === MANIFEST_ROW_ID)) {
      throw new CairnError(
        'CONFLICT',
        'The vault manifest cannot be verified: accept the current rows before rotating the vault key',
      )
    }
    if (damaged.length) {
      throw new CairnError(
        'CONFLICT',
        `Purge the ${damaged.length} damaged item(s) before rotating the vault key`,
      )
    }
    this.#sql((db) => this.#slotState(db))
    const newKey = randomBytes(VAULT_KEY_BYTES)
    const newKeys = vaultSubkeys(newKey, this.header.formatVersion)
    const secret = credentialSecret({ kind: 'password', password: newPassword })
    let committed = false
    try {
      const slots = [
        await createSlot(this.header.vaultUuid, newKey, {
          kind: 'password',
          label: options.label ?? DEFAULT_LABELS.password,
          secret,
          kdf: await this.#newPasswordKdf(options),
          createdAt: Date.now(),
        }),
      ]
      for (const { credential, options: o } of extra) {
        const extraSecret = credentialSecret(credential)
        try {
          slots.push(
            await createSlot(this.header.vaultUuid, newKey, {
              id: o?.slotId,
              kind: credential.kind,
              label: o?.label ?? DEFAULT_LABELS[credential.kind],
              secret: extraSecret,
              kdf: await resolveSlotKdf(credential.kind, o ?? {}),
              createdAt: Date.now(),
            }),
          )
        } finally {
          wipe(extraSecret)
        }
      }
      this.#write((db) => {
        const rowCount = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n
        if (rowCount !== items.length)
          throw new CairnError('CONFLICT', 'The vault changed during rotation; try again')
        for (const { record, lineage } of items) {
          this.#overwrite(db, newKeys.rows, record, record.revision, lineage)
        }
        db.prepare('DELETE FROM tombstones').run()
        for (const t of tombstones) this.#putTombstone(db, newKeys.rows, t)
        const old = this.#slotRows(db).map((r) => r.id)
        db.prepare('DELETE FROM key_slots').run()
        for (const slot of slots) db.prepare(INSERT_SLOT_SQL).run(slot)
        this.#putSlotState(
          db,
          new SlotState({ live: [], spent: [], revoked: old }).with({ added: slots }),
          newKeys.state,
        )
      }, newKeys)
      committed = true
      wipe(this.#key)
      this.#key = newKey
      this.#rowKey = newKeys.rows
      this.#stateKey = newKeys.state
      this.#manifestCache = null
      this.#slotStateCache = null
      return slots.map(slotInfo)
    } finally {
      wipe(secret)
      if (!committed) wipe(newKey)
      this.#checkpointAfterCommit()
    }
  }

  /** The connection's durability settings, for diagnostics and tests. */
  storageSettings(): { journalMode: string; synchronous: number; secureDelete: number } {
    return this.#sql((db) => ({
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
      synchronous: db.pragma('synchronous', { simple: true }) as number,
      secureDelete: db.pragma('secure_delete', { simple: true }) as number,
    }))
  }

  lock(): void {
    const db = this.#db
    this.#db = null
    wipe(this.#key)
    this.#key = null
    this.#rowKey = null
    this.#stateKey = null
    this.#statements.clear()
    this.#manifestCache = null
    this.#slotStateCache = null
    if (!db) return
    try {
      guardSqlite(this.path, () => checkpointTruncate(db))
    } catch (e) {
      // Locking must not fail over it: every commit is safe in the -wal (see checkpointProblem).
      if (!(e instanceof CairnError)) throw e
      this.checkpointProblem = e
    } finally {
      db.close()
    }
  }
}
