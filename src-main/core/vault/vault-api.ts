// The contract of an open vault file. Implemented in vault-file.ts; used by the CLI, the app's
// services and backup/merge. Argon2id is asynchronous (it runs off the main thread); everything
// else is synchronous because better-sqlite3 is.
import type { DamagedRow, ItemData, ItemRecord, Tombstone } from './item-types.ts'
import type { SlotRow } from './key-slots.ts'

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

/**
 * An unlocked vault file with the key-slot and merge primitives that backups, recovery keys and
 * one-time codes build on. What createVault and openVault(...).unlock return.
 */
export interface ManagedVault extends UnlockedVault {
  readonly isLocked: boolean
  /** Wraps the vault key for one more credential. One-time-code slots are deleted on first use. */
  addSlot(credential: Credential, options?: SlotOptions): Promise<SlotInfo>
  /** Revokes a slot; the last password slot cannot be removed (CONFLICT). */
  removeSlot(slotId: string): void
  changePassword(newPassword: string, options?: SlotOptions): Promise<void>
  /**
   * New vault key, every row re-encrypted in one transaction, every old slot replaced by one
   * password slot and the `extra` slots (a new recovery key), in that same transaction.
   */
  rotateVaultKey(
    newPassword: string,
    options?: SlotOptions,
    extra?: readonly { credential: Credential; options?: SlotOptions }[],
  ): Promise<SlotInfo[]>
  /** Writes records verbatim (id, revision, timestamps) in one transaction: all or nothing. */
  importRecords(records: readonly ItemRecord[]): ItemRecord[]
  importRecord(record: ItemRecord): ItemRecord
  /** Removes the item if present and records the tombstone. */
  importTombstone(tombstone: Tombstone): void
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
  acceptCurrent(): { removedSlots: number; slotSetRebuilt: boolean }
  /** What the person should be told about this session: an upgrade, a weak slot, refused rows. */
  notices(): string[]
  /** The live slot rows of the given kinds, as they are (a backup carries copies of them). */
  slotRows(kinds: readonly SlotKind[]): SlotRow[]
}

export interface ManagedLockedVault extends LockedVault {
  unlock(credential: Credential, options?: UnlockOptions): Promise<ManagedVault>
}
