// An unlocked vault: the session that owns the vault key and its subkeys, one read-write
// connection and the locking. Items live in the item store, key slots in the slot store; both get
// the keys from here on every call. Every write is one immediate transaction with a fresh nonce;
// lock() checkpoints, closes and zeroes the key.
import { hkdfSync } from 'node:crypto'
import { randomBytes } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import {
  isGroupRecord,
  isItemRecord,
  type GroupRecord,
  type ItemData,
  type ItemRecord,
  type StoredRecord,
  type Tombstone,
} from './item-types.ts'
import { ItemStore, STATE_UNVERIFIED, type ImportedRecord, type VaultState } from './item-store.ts'
import { validateGroupData, validateItemData } from './item-validation.ts'
import {
  createSlot,
  credentialSecret,
  parseSlotKdf,
  slotInfo,
  type SlotKdf,
  type SlotRow,
} from './key-slots.ts'
import { MANIFEST_ROW_ID } from './manifest.ts'
import {
  DEFAULT_LABELS,
  SlotStore,
  newPasswordKdf,
  newSlotRow,
  type SlotStoreContext,
} from './slot-store.ts'
import { upgradeFormat2InPlace } from './format-upgrade.ts'
import type { IndexedItem } from './search-index.ts'
import { checkpointTruncate, guardSqlite, type Db } from './sqlite-file.ts'
import { vaultSubkeys, type VaultSubkeys } from './vault-subkeys.ts'
import { readStateWithKey } from './vault-state-reader.ts'
import type {
  AcceptedContents,
  Credential,
  GroupChanges,
  ListResult,
  ManagedVault,
  SlotInfo,
  SlotChanges,
  SlotKind,
  SlotOptions,
  VaultHeader,
} from './vault-api.ts'
import { VAULT_KEY_BYTES } from './vault-format.ts'

export type { ImportedRecord, VaultState } from './item-store.ts'
export type { AcceptedContents, SlotChanges } from './vault-api.ts'
export { resolveSlotKdf } from './slot-store.ts'

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

/** The open connection and the keys, while unlocked. */
interface Open {
  db: Db
  /** The raw vault key: only wrapped into slots and fed to HKDF, never used as a cipher key. */
  rawKey: Buffer
  keys: VaultSubkeys
}

/** An item row, or NOT_FOUND: a kept group is no item (callers asking by id meant an item). */
function onlyItem(r: StoredRecord): ItemRecord {
  if (!isItemRecord(r)) throw new CairnError('NOT_FOUND', `No item with id ${r.id}`)
  return r
}

function onlyGroup(r: StoredRecord): GroupRecord {
  if (!isGroupRecord(r)) throw new CairnError('NOT_FOUND', `No group with id ${r.id}`)
  return r
}

export class UnlockedVaultFile implements ManagedVault {
  readonly path: string
  readonly header: VaultHeader
  #unlockedWith: SlotInfo
  #open: Open | null
  readonly #items: ItemStore
  readonly #slots: SlotStore
  readonly #slotContext: SlotStoreContext
  #origin: SessionOrigin
  readonly #notices: string[]
  /** Known to hold the search index (format 3); a format-2 file gains it at its first write. */
  #searchable = false

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
    this.#unlockedWith = unlockedWith
    this.#open = { db, rawKey: vaultKey, keys: vaultSubkeys(vaultKey, header.formatVersion) }
    this.#origin = origin
    this.#notices = [...(origin.notices ?? [])]
    this.#items = new ItemStore(db, header.vaultUuid)
    this.#slotContext = {
      vaultUuid: header.vaultUuid,
      unlockedWithId: unlockedWith.id,
      slotSetVerified: origin.slotSetVerified !== false,
      notice: (text) => {
        if (!this.#notices.includes(text)) this.#notices.push(text)
      },
    }
    this.#slots = new SlotStore(db, this.#slotContext)
  }

  /**
   * The slot this session counts as its own: the one that unlocked it, until this session
   * replaces it with a new master-password slot (a password change, a re-tune, a rotation).
   */
  get unlockedWith(): SlotInfo {
    return this.#unlockedWith
  }

  /**
   * After this session wrote a new master-password slot in place of its own: later password
   * slots take that slot's parameters, never the replaced (cheaper) ones.
   */
  #adoptPasswordSlot(row: SlotRow): void {
    this.#unlockedWith = slotInfo(row)
    this.#origin = { ...this.#origin, kdf: parseSlotKdf(row) }
    this.#slotContext.unlockedWithId = row.id
  }

  get isLocked(): boolean {
    return this.#open === null
  }

  /** What the person should be told about this session (upgrade, weak slot, refused slot rows). */
  notices(): string[] {
    return [...this.#notices]
  }

  #session(): Open {
    if (!this.#open) throw new CairnError('LOCKED', 'The vault is locked')
    return this.#open
  }

  /**
   * Runs `fn` against the file after checking that the slot set still opens with this session's
   * key (see SlotStore.stateOrNull).
   */
  #sql<T>(fn: (keys: VaultSubkeys) => T): T {
    const { keys } = this.#session()
    return guardSqlite(this.path, () => {
      this.#slots.stateOrNull(keys.state)
      return fn(keys)
    })
  }

  /**
   * One immediate transaction. Every item row or tombstone written inside records its state
   * entry, and the state is updated before commit, so rows and state always change together.
   * `reseal` (key rotation) rewrites the state under the new state key.
   */
  #write<T>(
    fn: (keys: VaultSubkeys) => T,
    {
      reseal,
      acceptingUnverified = false,
    }: { reseal?: VaultSubkeys; acceptingUnverified?: boolean } = {},
  ): T {
    const { db, keys } = this.#session()
    return guardSqlite(this.path, () => {
      if (this.#items.writing) return fn(keys) // already inside a write: part of it
      const result = db
        .transaction(() => {
          // Inside the immediate transaction: no other process can rotate the key meanwhile.
          // A format-2 file gets its search index with its first write (rolled back with it).
          const upgrading = !this.#searchable && upgradeFormat2InPlace(db)
          const state = this.#slots.stateOrNull(keys.state)
            ? this.#items.verifiedState(keys.state)
            : null
          if (!state && !acceptingUnverified) {
            throw new CairnError('DAMAGED_FILE', STATE_UNVERIFIED)
          }
          return this.#items.recording(state, keys, () => fn(keys), {
            reseal,
            rebuildSearch: upgrading,
          })
        })
        .immediate()
      this.#searchable = true
      return result
    })
  }

  /**
   * Why the last checkpoint after a commit failed (a full disk, say), or null. The commit stands:
   * SQLite keeps it in the -wal and copies it into the file at a later checkpoint or open.
   */
  checkpointProblem: CairnError | null = null

  #checkpointAfterCommit(): void {
    try {
      const { db } = this.#session()
      this.#sql(() => checkpointTruncate(db))
      this.checkpointProblem = null
    } catch (e) {
      if (!(e instanceof CairnError)) throw e
      this.checkpointProblem = e
    }
  }

  // ---- items ------------------------------------------------------------------------------------

  list(options: { includeTrash?: boolean } = {}): ListResult {
    return this.#sql((keys) => {
      const { items, damaged } = this.#items.read(keys)
      // The trash filter uses the authenticated deletedAt, so a damaged row is always reported.
      const records = items
        .map((v) => v.record)
        .filter(isItemRecord)
        .filter((r) => options.includeTrash || r.deletedAt === null)
      return { items: records, damaged }
    })
  }

  get(id: string): ItemRecord {
    return this.#sql((keys) => onlyItem(this.#items.get(keys, id).record))
  }

  /** The groups kept on their own (see GroupData); the rest exist through their items. */
  groups(): GroupRecord[] {
    // The shared read: an edit that keeps its group asks this, and the file rarely changed since.
    return this.#sql((keys) =>
      this.#items
        .readShared(keys)
        .items.map((v) => v.record)
        .filter(isGroupRecord)
        .filter((r) => r.deletedAt === null),
    )
  }

  /**
   * Group changes in one transaction: kept groups added, reshaped (renamed or moved) or dropped,
   * and items put into groups. Everything is checked first, so a bad change writes nothing.
   */
  regroup(changes: GroupChanges): void {
    const add = (changes.add ?? []).map((path) => validateGroupData({ type: 'group', path }))
    const reshape = (changes.reshape ?? []).map(({ id, path }) => ({
      id,
      data: validateGroupData({ type: 'group', path }),
    }))
    const moves = (changes.move ?? []).map(({ id, group }) => ({
      id,
      group: group.length ? validateGroupData({ type: 'group', path: group }).path : null,
    }))
    const drop = [...(changes.drop ?? [])]
    if (!add.length && !reshape.length && !moves.length && !drop.length) return
    this.#write((keys) => {
      for (const data of add) this.#items.add(keys.rows, data)
      for (const { id, data } of reshape) {
        this.#items.revise(keys, id, (r) => ({ ...onlyGroup(r), data }))
      }
      for (const { id, group } of moves) {
        this.#items.revise(keys, id, (r) => {
          const { group: _old, ...rest } = onlyItem(r).data
          const data = validateItemData(group ? { ...rest, group } : rest)
          return { ...r, data } as ItemRecord
        })
      }
      for (const id of drop) {
        onlyGroup(this.#items.get(keys, id).record)
        this.#items.purge(keys, id)
      }
    })
    if (drop.length) this.#checkpointAfterCommit()
  }

  /**
   * The search index (every item's id, revision, type, trash mark, title, issuer, account and
   * username), if it describes exactly the verified state of the file; null when it cannot be
   * used (a format-2 file, a stale, rolled-back or damaged index) and list() must be used instead.
   */
  searchIndex(): IndexedItem[] | null {
    return this.#sql((keys) => this.#items.searchIndex(keys))
  }

  /** Several items by id, each checked as get() checks it, in list order. */
  getMany(ids: readonly string[]): ItemRecord[] {
    return this.#sql((keys) => this.#items.getMany(keys, ids).map(onlyItem))
  }

  add(data: ItemData): ItemRecord {
    const clean = validateItemData(data)
    return this.#write((keys) => this.#items.add(keys.rows, clean))
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
    return this.#write((keys) => {
      const twin = this.#items
        .read(keys)
        .items.map((v) => v.record)
        .filter(isItemRecord)
        .find(isTwin)
      if (twin) return { added: null, twin }
      return { added: this.#items.add(keys.rows, clean), twin: null }
    })
  }

  update(id: string, data: ItemData, expectedRevision?: number): ItemRecord {
    const clean = validateItemData(data)
    return this.#write((keys) =>
      onlyItem(
        this.#items.revise(keys, id, (r) => ({ ...onlyItem(r), data: clean }), expectedRevision),
      ),
    )
  }

  trash(id: string): ItemRecord {
    return this.#write((keys) =>
      onlyItem(
        this.#items.revise(keys, id, (r, now) =>
          onlyItem(r).deletedAt === null ? { ...r, deletedAt: now } : null,
        ),
      ),
    )
  }

  restore(id: string): ItemRecord {
    return this.#write((keys) =>
      onlyItem(
        this.#items.revise(keys, id, (r) =>
          onlyItem(r).deletedAt === null ? null : { ...r, deletedAt: null },
        ),
      ),
    )
  }

  /**
   * Also clears away what list() reports as damaged: a row that fails authentication or disagrees
   * with the manifest, and an item the manifest lists whose row is gone.
   */
  purge(id: string): Tombstone {
    const t = this.#write((keys) => this.#items.purge(keys, id))
    this.#checkpointAfterCommit()
    return t
  }

  /**
   * Authentic tombstones the manifest agrees with: a forged, damaged or put-back one is ignored
   * (it could delete data in a merge).
   */
  tombstones(): Tombstone[] {
    return this.#sql((keys) => this.#items.tombstones(keys))
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
      (keys) => {
        this.#items.acceptCurrent(keys)
        return this.#slots.acceptCurrent(keys.state)
      },
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
  importRecord(record: ImportedRecord): StoredRecord {
    return this.importRecords([record])[0]!
  }

  /** importRecord for many records in one transaction: all are written, or none. */
  importRecords(records: readonly ImportedRecord[]): StoredRecord[] {
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
  }): { records: StoredRecord[]; tombstones: Tombstone[] } {
    const checked = ItemStore.prepareChanges(changes)
    const records = this.#write((keys) => this.#items.applyChanges(keys.rows, checked))
    // Deleted rows must not linger in the log.
    if (checked.tombstones.length) this.#checkpointAfterCommit()
    return { records, tombstones: checked.tombstones }
  }

  /**
   * Every item (trash included) with its lineage, the tombstones and the damaged rows, judged as
   * list() judges them (a row the manifest disagrees with is damaged, not an item). Read again
   * only when the file changed since the last call (see ItemStore.readShared); the records are
   * frozen.
   */
  state(): VaultState {
    return this.#sql((keys) => this.#items.readShared(keys))
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

  // ---- key slots --------------------------------------------------------------------------------

  slots(): SlotInfo[] {
    return this.#sql((keys) => this.#slots.liveRows(keys.state).map(slotInfo))
  }

  /** The live slot rows of the given kinds, as they are (a backup carries copies of them). */
  slotRows(kinds: readonly SlotKind[]): SlotRow[] {
    return this.#sql((keys) =>
      this.#slots.liveRows(keys.state).filter((r) => kinds.includes(r.kind as SlotKind)),
    )
  }

  /** Wraps the vault key for one more credential (a recovery key, a one-time code, a password). */
  async addSlot(credential: Credential, options: SlotOptions = {}): Promise<SlotInfo> {
    const [info] = await this.applySlotChanges({ add: [{ credential, options }] })
    return info!
  }

  /**
   * Destroys a slot (revocation). The last password slot cannot be removed: every vault keeps a
   * master password (change it with changePassword), so spending a one-time code never leaves a
   * vault without slots.
   */
  removeSlot(slotId: string): void {
    this.#write((keys) => this.#slots.remove(keys.state, slotId))
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
   * Slot changes in one transaction: a new password (replacing every password slot), new slots
   * and destroyed slots. All key derivation runs first; then everything is stored, or nothing.
   * `passwordOptions` applies to the new password slot, whose Argon2id parameters are those asked
   * for, else the authenticated unlocking slot's when they meet the floor, else calibrated (see
   * newPasswordKdf). A master password always remains.
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
    this.#sql((keys) => this.#slots.state(keys.state))
    const uuid = this.header.vaultUuid
    const added: SlotRow[] = []
    if (newPassword !== undefined) {
      const previous = this.#sql((keys) =>
        this.#slots.liveRows(keys.state).find((r) => r.kind === 'password'),
      )
      const kdf = await newPasswordKdf(this.#origin.kdf, passwordOptions)
      added.push(
        await newSlotRow(
          uuid,
          this.#session().rawKey,
          { kind: 'password', password: newPassword },
          { label: previous?.label, ...passwordOptions },
          kdf,
        ),
      )
    }
    for (const { credential, options } of changes.add ?? []) {
      // If the vault is locked while the KDF runs, the slot is never stored: #write throws LOCKED.
      added.push(await newSlotRow(uuid, this.#session().rawKey, credential, options ?? {}))
    }
    const remove = [...(changes.remove ?? [])]
    this.#write((keys) =>
      this.#slots.apply(keys.state, {
        added,
        remove,
        replacePasswords: newPassword !== undefined,
      }),
    )
    const ownReplaced = newPassword !== undefined || remove.includes(this.#unlockedWith.id)
    const newPasswordSlot = added.find((r) => r.kind === 'password')
    if (ownReplaced && newPasswordSlot) this.#adoptPasswordSlot(newPasswordSlot)
    this.#checkpointAfterCommit()
    return added.map(slotInfo)
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
    const current = this.state()
    if (current.damaged.some((d) => d.id === MANIFEST_ROW_ID)) {
      throw new CairnError(
        'CONFLICT',
        'The vault manifest cannot be verified: accept the current rows before rotating the vault key',
      )
    }
    if (current.damaged.length) {
      throw new CairnError(
        'CONFLICT',
        `Purge the ${current.damaged.length} damaged item(s) before rotating the vault key`,
      )
    }
    this.#sql((keys) => this.#slots.state(keys.state))
    const uuid = this.header.vaultUuid
    const newKey = randomBytes(VAULT_KEY_BYTES)
    const newKeys = vaultSubkeys(newKey, this.header.formatVersion)
    const secret = credentialSecret({ kind: 'password', password: newPassword })
    let committed = false
    try {
      const slots = [
        await createSlot(uuid, newKey, {
          kind: 'password',
          label: options.label ?? DEFAULT_LABELS.password,
          secret,
          kdf: await newPasswordKdf(this.#origin.kdf, options),
          createdAt: Date.now(),
        }),
      ]
      for (const { credential, options: o } of extra) {
        slots.push(await newSlotRow(uuid, newKey, credential, o ?? {}))
      }
      this.#write(
        () => {
          this.#items.reencrypt(newKeys.rows, current)
          this.#slots.replaceAll(newKeys.state, slots)
        },
        { reseal: newKeys },
      )
      committed = true
      const open = this.#session()
      wipe(open.rawKey)
      this.#open = { db: open.db, rawKey: newKey, keys: newKeys }
      this.#adoptPasswordSlot(slots[0]!)
      // Verified again, under the new key, on next use.
      this.#items.forget()
      this.#slots.forget()
      return slots.map(slotInfo)
    } finally {
      wipe(secret)
      if (!committed) wipe(newKey)
      this.#checkpointAfterCommit()
    }
  }

  /** The connection's durability settings, for diagnostics and tests. */
  storageSettings(): { journalMode: string; synchronous: number; secureDelete: number } {
    const { db } = this.#session()
    return this.#sql(() => ({
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
      synchronous: db.pragma('synchronous', { simple: true }) as number,
      secureDelete: db.pragma('secure_delete', { simple: true }) as number,
    }))
  }

  lock(): void {
    const open = this.#open
    this.#open = null
    this.#items.forget()
    this.#slots.forget()
    if (!open) return
    wipe(open.rawKey)
    try {
      guardSqlite(this.path, () => checkpointTruncate(open.db))
    } catch (e) {
      // Locking must not fail over it: every commit is safe in the -wal (see checkpointProblem).
      if (!(e instanceof CairnError)) throw e
      this.checkpointProblem = e
    } finally {
      open.db.close()
    }
  }
}
