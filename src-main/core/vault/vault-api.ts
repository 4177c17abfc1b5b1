// The contract of an open vault file. Implemented in vault-file.ts; used by the CLI, the app's
// services and backup/merge. Argon2id is asynchronous (it runs off the main thread); everything
// else is synchronous because better-sqlite3 is.
import type { CairnError } from '../errors.ts'
import type { ImportedRecord, VaultState } from './item-store.ts'
import type {
  DamagedRow,
  GroupRecord,
  ItemData,
  ItemRecord,
  StoredRecord,
  Tombstone,
} from './item-types.ts'
import type { SlotRow } from './key-slots.ts'
import type { IndexedItem } from './search-index.ts'

export interface Argon2Params {
  /** KiB of memory. */
  memoryKiB: number
  /** Passes over memory (t). */
  iterations: number
  /** Lanes (p). */
  parallelism: number
}

/** A way to unlock: every kind is one more key slot wrapping the same vault key. */
export type Credential =
  | { kind: 'password'; password: string }
  | { kind: 'recovery-key'; key: string }
  | { kind: 'one-time-code'; code: string }

export type SlotKind = Credential['kind']

export interface SlotInfo {
  id: string
  kind: SlotKind
  label: string
  createdAt: number
  lastUsedAt: number | null
}

export interface VaultHeader {
  vaultUuid: string
  name: string
  formatVersion: number
  createdAt: number
}

export interface ListResult {
  items: ItemRecord[]
  damaged: DamagedRow[]
}

/** Group changes written together (see UnlockedVault.regroup). */
export interface GroupChanges {
  /** New kept groups, by path. */
  add?: readonly (readonly string[])[]
  /** Kept groups given a new path (renamed, or moved under another group). */
  reshape?: readonly { id: string; path: readonly string[] }[]
  /** Kept groups removed for good (tombstones, like purged items). */
  drop?: readonly string[]
  /** Items put into a group; an empty path is the top level. */
  move?: readonly { id: string; group: readonly string[] }[]
}

export interface UnlockOptions {
  /**
   * Store this unlock as the slot's last use (default true). The CLI passes false: reading a code
   * should not rewrite the file (synced folders would see a change on every lookup), and a command
   * that fails after unlocking must leave the file byte-identical. A one-time code is spent either way.
   */
  recordUse?: boolean
  /** Told after each durable step of a format upgrade (crash tests stop the process there). */
  onUpgradeStep?: (step: 'checkpointed' | 'kept' | 'built' | 'replaced') => void
}

export interface LockedVault {
  readonly path: string
  readonly header: VaultHeader
  slots(): SlotInfo[]
  /** Throws CairnError WRONG_PASSWORD / WRONG_CREDENTIAL and leaves the file untouched. */
  unlock(credential: Credential, options?: UnlockOptions): Promise<UnlockedVault>
  close(): void
}

export interface UnlockedVault {
  readonly path: string
  readonly header: VaultHeader
  /** Which slot opened this session (a recovery-key unlock must force a new password). */
  readonly unlockedWith: SlotInfo
  /** Live items, or with includeTrash also those in the trash. Damaged rows are listed apart. */
  list(options?: { includeTrash?: boolean }): ListResult
  get(id: string): ItemRecord
  /** The groups kept on their own, even while empty; other groups exist through their items. */
  groups(): GroupRecord[]
  /** Adds, reshapes and drops kept groups and moves items, in one transaction. */
  regroup(changes: GroupChanges): void
  add(data: ItemData): ItemRecord
  /** expectedRevision guards against a stale edit (CairnError CONFLICT). */
  update(id: string, data: ItemData, expectedRevision?: number): ItemRecord
  trash(id: string): ItemRecord
  restore(id: string): ItemRecord
  /** Removes the row for good and leaves a tombstone. */
  purge(id: string): Tombstone
  tombstones(): Tombstone[]
  slots(): SlotInfo[]
  changePassword(newPassword: string): Promise<void>
  /** Drops and zeroes the vault key and closes the file. */
  lock(): void
}

/** How a new key slot derives its key (see docs/vault-format.md §4). */
export interface SlotOptions {
  label?: string
  /** Argon2id parameters; never below RFC 9106's second recommendation. */
  kdfParams?: Argon2Params
  /** Test suites only: Argon2id parameters below that floor. Never set by the app or the CLI. */
  unsafeKdfParamsForTests?: Argon2Params
  /**
   * 'hkdf-sha256' only for credentials that are uniformly random with >= 128 bits: it is refused
   * (INVALID_ARGUMENT) for any kind but 'recovery-key', and for a recovery key shorter than 32
   * characters once normalised (Cairn's generated keys have 56). Default: hkdf-sha256 for recovery
   * keys, argon2id otherwise.
   */
  kdf?: 'argon2id' | 'hkdf-sha256'
  /** A preset slot id (a lower-case UUID): a one-time code names its slot by the id's first digits. */
  slotId?: string
}

/** Several slot changes committed in one transaction (see ManagedVault.applySlotChanges). */
export interface SlotChanges {
  /** Replaces every password slot (keeping the old slots' Argon2id parameters unless given). */
  newPassword?: string
  add?: { credential: Credential; options?: SlotOptions }[]
  /** Slot ids to destroy. */
  remove?: readonly string[]
}

/** What accepting the current contents changed (see ManagedVault.acceptCurrent). */
export interface AcceptedContents {
  /** Slot rows deleted because the authenticated slot set does not list them as they are. */
  removedSlots: number
  /** True when the slot set itself could not be verified and was rebuilt from the unlocking slot. */
  slotSetRebuilt: boolean
}

/**
 * An unlocked vault file with the key-slot and merge primitives that backups, recovery keys,
 * one-time codes, imports and sync build on. What createVault and openVault(...).unlock return,
 * and what the app's services and the CLI hold.
 */
export interface ManagedVault extends UnlockedVault {
  readonly isLocked: boolean
  /**
   * Why the last checkpoint after a commit failed (a full disk, say), or null. The commit stands:
   * SQLite keeps it in the -wal and copies it into the file at a later checkpoint or open.
   */
  readonly checkpointProblem: CairnError | null
  /**
   * Adds `data` unless an item (live or in the trash) already matches `isTwin`, checked inside the
   * same immediate transaction: two processes adding the same thing at once store it once.
   */
  addUnlessPresent(
    data: ItemData,
    isTwin: (existing: ItemRecord) => boolean,
  ): { added: ItemRecord; twin: null } | { added: null; twin: ItemRecord }
  /** Wraps the vault key for one more credential. One-time-code slots are deleted on first use. */
  addSlot(credential: Credential, options?: SlotOptions): Promise<SlotInfo>
  /** Revokes a slot; the last password slot cannot be removed (CONFLICT). */
  removeSlot(slotId: string): void
  changePassword(newPassword: string, options?: SlotOptions): Promise<void>
  /**
   * Slot changes in one transaction: a new password (replacing every password slot), new slots
   * and destroyed slots; all key derivation first, then everything is stored, or nothing.
   */
  applySlotChanges(changes: SlotChanges, passwordOptions?: SlotOptions): Promise<SlotInfo[]>
  /** The live slot rows of the given kinds, as they are (a backup carries copies of them). */
  slotRows(kinds: readonly SlotKind[]): SlotRow[]
  /**
   * New vault key, every row re-encrypted in one transaction, every old slot replaced by one
   * password slot and the `extra` slots (a new recovery key), in that same transaction.
   */
  rotateVaultKey(
    newPassword: string,
    options?: SlotOptions,
    extra?: readonly { credential: Credential; options?: SlotOptions }[],
  ): Promise<SlotInfo[]>
  /**
   * Every item (trash included) with its lineage, the tombstones and the damaged rows, judged as
   * list() judges them. Unlike list(), it reuses its last read while nobody changed the file, and
   * its records are frozen (they are shared with that later read).
   */
  state(): VaultState
  /** Another copy of this vault file read with this session's key (WRONG_CREDENTIAL if rotated). */
  readCopy(path: string): VaultState
  /** A key derived from the vault key for a cairn.* purpose (backups), with a salt of 16+ bytes. */
  deriveSubkey(info: string, salt: Uint8Array): Buffer
  /** Writes records verbatim (id, revision, timestamps, lineage) in one transaction: all or nothing. */
  importRecords(records: readonly ImportedRecord[]): StoredRecord[]
  importRecord(record: ImportedRecord): StoredRecord
  /** Removes the item if present and records the tombstone. */
  importTombstone(tombstone: Tombstone): void
  /** Records and tombstones in one transaction (restore, merge): all or nothing. */
  applyChanges(changes: {
    records?: readonly ImportedRecord[]
    tombstones?: readonly Tombstone[]
  }): { records: StoredRecord[]; tombstones: Tombstone[] }
  /**
   * Accepts the rows as they are now: rebuilds the vault manifest from every row that
   * authenticates, after a person chose to keep a vault whose list() reported rolled-back,
   * missing or unexpected rows, or an unverifiable manifest.
   */
  resealManifest(): void
  /**
   * The same, and also drops slot rows the authenticated slot set refuses (or, when the slot set
   * itself cannot be verified, every slot but the one that unlocked). Says what it removed.
   */
  acceptCurrent(): AcceptedContents
  /**
   * The search index: every item's id, revision, type, trash mark, title, issuer, account and
   * username, if it describes exactly the verified state of the file; null when it cannot be
   * used (a format-2 file, or an index stale, rolled back or damaged): read list() instead.
   */
  searchIndex(): IndexedItem[] | null
  /** Several items by id, each checked as get() checks it, in list order. */
  getMany(ids: readonly string[]): ItemRecord[]
  /** What the person should be told about this session: an upgrade, a weak slot, refused rows. */
  notices(): string[]
  /** The connection's durability settings, for diagnostics and tests. */
  storageSettings(): { journalMode: string; synchronous: number; secureDelete: number }
}

export interface ManagedLockedVault extends LockedVault {
  unlock(credential: Credential, options?: UnlockOptions): Promise<ManagedVault>
}
