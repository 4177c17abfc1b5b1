// createVault and openVault: the two ways into a vault file. A locked vault is a snapshot of the
// header and key slots read through a read-only connection that is closed at once, so a wrong
// password (or any failure before unlock) leaves the file byte-identical. Only after a slot opens
// is the file reopened read-write.
import { closeSync, existsSync, openSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import { randomBytes, randomId } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { publishNew, removeStaleTemps, tempPathFor } from '../fs/atomic-file.ts'
import { isAtLeastFloor, type Argon2Params } from '../kdf/argon2-params.ts'
import type { Tombstone } from './item-types.ts'
import type { VersionedRecord } from './item-rows.ts'
import { insertRows, type VaultState } from './item-store.ts'
import {
  DELETE_SLOT_SQL,
  INSERT_SLOT_SQL,
  RECORD_SLOT_USE_SQL,
  SELECT_SLOTS_BY_AGE_SQL,
  SELECT_SLOT_SQL,
  createSlot,
  credentialSecret,
  isKnownSlotKind,
  parseSlotKdf,
  slotInfo,
  type SlotRow,
} from './key-slots.ts'
import { writeWholeState } from './state-entries.ts'
import { indexedItem, writeSearchIndex } from './search-index.ts'
import { shownId } from './manifest.ts'
import { openSlot, type SlotAcceptance } from './slot-unlock.ts'
import {
  SELECT_SLOT_STATE_SQL,
  SlotState,
  UPSERT_SLOT_STATE_SQL,
  openSlotState,
  type SlotStateRow,
} from './slot-state.ts'
import { removeUpgradedOriginal, upgradeFormat1 } from './format-upgrade.ts'
import { vaultSubkeys } from './vault-subkeys.ts'
import { readHeader, readStateWithKey } from './vault-state-reader.ts'
import {
  checkCairnFile,
  checkpointTruncate,
  firstIntegrityProblem,
  guardSqlite,
  openReadOnly,
  openReadWrite,
  probeSqliteHeader,
  removeIdleSidecars,
  sidecarsExist,
  type Db,
} from './sqlite-file.ts'
import { resolveSlotKdf } from './slot-store.ts'
import { UnlockedVaultFile } from './unlocked-vault-file.ts'
import type {
  Credential,
  ManagedLockedVault,
  SlotInfo,
  UnlockOptions,
  VaultHeader,
} from './vault-api.ts'
import {
  CAIRN_APPLICATION_ID,
  FORMAT_VERSION,
  FORMAT_VERSION_1,
  FORMAT_VERSION_2,
  SCHEMA_V3,
  VAULT_KEY_BYTES,
} from './vault-format.ts'

export interface CreateVaultOptions {
  password: string
  name: string
  /** Argon2id parameters for the password slot (never below the RFC 9106 floor). Default: calibrated. */
  kdfParams?: Argon2Params
  /** Test suites only: fast Argon2id parameters below the floor. Never use in the app or CLI. */
  unsafeKdfParamsForTests?: Argon2Params
}

function readSlots(db: Db): SlotRow[] {
  return db.prepare(SELECT_SLOTS_BY_AGE_SQL).all() as SlotRow[]
}

/** Opens a vault file for unlocking. Reads only; throws a CairnError naming what is wrong. */
export function openVault(path: string): LockedVaultFile {
  return new LockedVaultFile(path, readLockedFile(path))
}

/** What a locked vault is: header, slot rows and the sealed slot set (absent in version 1). */
interface LockedFile {
  header: VaultHeader
  slots: SlotRow[]
  slotState: SlotStateRow | null
}

function readLockedFile(path: string): LockedFile {
  probeSqliteHeader(path)
  const hadSidecars = sidecarsExist(path)
  const db = openReadOnly(path)
  try {
    const version = checkCairnFile(db, path)
    return guardSqlite(path, () => ({
      header: readHeader(db, path, version),
      slots: readSlots(db),
      slotState:
        version === FORMAT_VERSION_1
          ? null
          : ((db.prepare(SELECT_SLOT_STATE_SQL).get() as SlotStateRow | undefined) ?? null),
    }))
  } finally {
    db.close()
    if (!hadSidecars) removeIdleSidecars(path)
  }
}

/** The slot set sealed in the file, opened with the vault key just unwrapped; null if it fails. */
function verifiedSlotState(file: LockedFile, key: Buffer): SlotState | null {
  if (!file.slotState) return null
  return openSlotState(
    vaultSubkeys(key, FORMAT_VERSION).state,
    file.header.vaultUuid,
    file.slotState,
  )
}

const UNLOCK_REFUSALS: Record<string, string> = {
  spent: 'This one-time code has already been used',
  revoked: 'This recovery key was revoked',
}

/**
 * Version 2: a slot that unwrapped is used only if the authenticated slot set lists it exactly as
 * it is. When the set is missing or fails, nothing says which rows are genuine; only a master
 * password may open the vault then (to look, and to accept the current contents).
 */
function slotSetAcceptance(file: LockedFile, notices: string[]): SlotAcceptance {
  return (slot, key) => {
    const state = verifiedSlotState(file, key)
    if (!state) {
      if (slot.kind === 'password') return null
      return `The vault's slot set is missing or damaged: only the master password can open it now`
    }
    const refusal = state.refusal(slot)
    if (refusal === null) return null
    notices.push(`A ${slot.kind.replace(/-/g, ' ')} slot in the file was refused (${refusal})`)
    return (
      UNLOCK_REFUSALS[refusal] ??
      `Key slot ${shownId(slot.id)} is not in the vault's authenticated slot set (${refusal}): it is ignored`
    )
  }
}

/** Notices about the slot that opened the vault: below the RFC 9106 floor. */
function slotNotices(slot: SlotRow): string[] {
  const kdf = parseSlotKdf(slot)
  if (kdf?.name === 'argon2id' && !isAtLeastFloor(kdf.params)) {
    return [
      `This vault was unlocked through a ${slot.kind.replace(/-/g, ' ')} slot whose Argon2id parameters are below the RFC 9106 floor (64 MiB, 3 passes, 4 lanes): change the master password to re-tune it`,
    ]
  }
  return []
}

/** Said whenever the slot set cannot be verified: without it, spent codes cannot be counted. */
const SLOT_SET_UNVERIFIED =
  "The vault's slot set is missing or fails authentication: spent one-time codes and revoked recovery keys cannot be checked, and nothing can be written until the current contents are accepted (vault settings → Integrity, or cairn accept-current); rotate the vault key after accepting"

/**
 * A master-password unlock after one-time codes were spent: each computer a code was typed on
 * learned the vault key, and only a rotation (which empties the spent list) cuts those copies off.
 */
function spentCodeNotices(slot: SlotRow, state: SlotState | null): string[] {
  const spent = state?.spent.size ?? 0
  if (slot.kind !== 'password' || spent === 0) return []
  return [
    `${spent === 1 ? 'A one-time code was' : `${spent} one-time codes were`} used since the vault key was made; the computer${spent === 1 ? ' it was' : 's they were'} typed on learned the key: rotate the vault key so that ${spent === 1 ? "that computer's copy stops" : "those computers' copies stop"} working`,
  ]
}

/** A locked vault file; its unlock gives the full UnlockedVaultFile (backups, slots, merge). */
export class LockedVaultFile implements ManagedLockedVault {
  readonly path: string
  readonly header: VaultHeader
  #file: LockedFile | null

  constructor(path: string, file: LockedFile) {
    this.path = path
    this.header = file.header
    this.#file = file
  }

  /** The slot rows of known kinds (not yet verified: the slot set opens only with the key). */
  slots(): SlotInfo[] {
    return (this.#file?.slots ?? []).filter((r) => isKnownSlotKind(r.kind)).map(slotInfo)
  }

  async unlock(credential: Credential, options: UnlockOptions = {}): Promise<UnlockedVaultFile> {
    const file = this.#file
    if (!file) throw new CairnError('LOCKED', 'This vault handle was closed')
    const notices: string[] = []
    if (file.header.formatVersion === FORMAT_VERSION_1) {
      const { slot, key } = await openSlot(this.header.vaultUuid, file.slots, credential)
      try {
        notices.push(...upgradeFormat1(this.path, key, options.onUpgradeStep))
      } catch (e) {
        wipe(key)
        throw e
      }
      const upgraded = readLockedFile(this.path)
      this.#file = upgraded
      return this.#session(upgraded, slot, key, options.recordUse !== false, notices)
    }
    const accept = slotSetAcceptance(file, notices)
    const { slot, key } = await openSlot(this.header.vaultUuid, file.slots, credential, accept)
    notices.push(...removeUpgradedOriginal(this.path, this.header.vaultUuid))
    return this.#session(file, slot, key, options.recordUse !== false, notices)
  }

  /** Reopens read-write and confirms the slot is still the one we unwrapped. Owns `key`. */
  #session(
    file: LockedFile,
    slot: SlotRow,
    key: Buffer,
    recordUse: boolean,
    notices: string[],
  ): UnlockedVaultFile {
    let db: Db | null = null
    try {
      db = openReadWrite(this.path)
      const version = checkCairnFile(db, this.path)
      if (version !== FORMAT_VERSION && version !== FORMAT_VERSION_2) {
        throw new CairnError(
          'CONFLICT',
          'The vault changed while it was being unlocked: open it again',
        )
      }
      const stateKey = vaultSubkeys(key, FORMAT_VERSION).state
      const live = guardSqlite(this.path, () => {
        const header = readHeader(db!, this.path, version)
        const row = db!.prepare(SELECT_SLOT_SQL).get(slot.id) as SlotRow | undefined
        return header.vaultUuid === this.header.vaultUuid ? row : undefined
      })
      // timingSafeEqual throws on different lengths: a shorter digest is a change like any other.
      if (
        !live ||
        live.digest.length !== slot.digest.length ||
        !timingSafeEqual(live.digest, slot.digest)
      ) {
        // A damaged index finds no row, or another one: only an intact file means a real change.
        const problem = firstIntegrityProblem(db)
        if (problem) {
          throw new CairnError(
            'DAMAGED_FILE',
            `${this.path} is damaged (SQLite's check reports: ${problem}). Restore it from a backup, or open a copy of it.`,
          )
        }
        throw new CairnError(
          'CONFLICT',
          'The vault changed while it was being unlocked: open it again',
        )
      }
      const now = Date.now()
      // A one-time code is spent by its first use, whether or not the use is recorded: its row
      // goes and the slot set records it as spent, in one transaction.
      const spend = slot.kind === 'one-time-code'
      if (spend || recordUse) {
        guardSqlite(this.path, () =>
          db!
            .transaction(() => {
              if (spend) {
                const row = db!.prepare(SELECT_SLOT_STATE_SQL).get() as SlotStateRow | undefined
                const state = row && openSlotState(stateKey, this.header.vaultUuid, row)
                if (!state || state.refusal(slot) !== null) {
                  throw new CairnError(
                    'CONFLICT',
                    'The vault changed while it was being unlocked: open it again',
                  )
                }
                db!.prepare(DELETE_SLOT_SQL).run(slot.id)
                const next = state.with({ spent: [slot.id] })
                db!.prepare(UPSERT_SLOT_STATE_SQL).run(next.seal(stateKey, this.header.vaultUuid))
              } else {
                db!.prepare(RECORD_SLOT_USE_SQL).run(now, slot.id)
              }
            })
            .immediate(),
        )
      }
      if (spend) {
        checkpointTruncate(db)
        notices.push(
          `A one-time code was used on ${new Date(now).toISOString().slice(0, 10)}; the computer it was typed on learned the vault key: next time, with the master password, rotate the vault key so that computer's copy stops working`,
        )
      }
      const info = slotInfo(slot)
      const state = verifiedSlotState(file, key)
      return new UnlockedVaultFile(
        this.path,
        file.header,
        db,
        key,
        { ...info, lastUsedAt: recordUse || spend ? now : info.lastUsedAt },
        {
          kdf: parseSlotKdf(slot),
          notices: [
            ...notices,
            ...slotNotices(slot),
            ...spentCodeNotices(slot, state),
            ...(state === null ? [SLOT_SET_UNVERIFIED] : []),
          ],
          slotSetVerified: state !== null,
        },
      )
    } catch (e) {
      wipe(key)
      db?.close()
      throw e
    }
  }

  close(): void {
    this.#file = null
  }
}

/**
 * Creates a new vault file with one master-password slot and returns it unlocked. The file is built
 * under a temporary name in the same folder and moved into place complete, or not at all.
 */
export async function createVault(
  path: string,
  options: CreateVaultOptions,
): Promise<UnlockedVaultFile> {
  if (existsSync(path)) throw new CairnError('FILE_EXISTS', `${path} already exists`)
  if (!existsSync(dirname(path))) {
    throw new CairnError('FILE_NOT_FOUND', `The folder ${dirname(path)} does not exist`)
  }
  if (typeof options.password !== 'string' || options.password.length === 0) {
    throw new CairnError('INVALID_ARGUMENT', 'The master password is empty')
  }
  const name = typeof options.name === 'string' ? options.name.trim() : ''
  if (!name) throw new CairnError('INVALID_ARGUMENT', 'The vault needs a name')

  const kdf = await resolveSlotKdf('password', {
    kdfParams: options.kdfParams,
    unsafeKdfParamsForTests: options.unsafeKdfParamsForTests,
  })
  const header: VaultHeader = {
    vaultUuid: randomId(),
    name,
    formatVersion: FORMAT_VERSION,
    createdAt: Date.now(),
  }
  const key = randomBytes(VAULT_KEY_BYTES)
  const secret = credentialSecret({ kind: 'password', password: options.password })
  let handedOver = false
  try {
    const slot = await createSlot(header.vaultUuid, key, {
      kind: 'password',
      label: 'Master password',
      secret,
      kdf,
      createdAt: header.createdAt,
    })
    writeVaultFile(path, { header, slots: [slot], items: [], tombstones: [] }, key)
    const session = openReadWrite(path)
    handedOver = true
    return new UnlockedVaultFile(path, header, session, key, slotInfo(slot), {
      kdf: parseSlotKdf(slot),
      notices: slotNotices(slot),
    })
  } finally {
    wipe(secret)
    if (!handedOver) wipe(key)
  }
}

/** What a complete vault file holds: restore writes a backup's contents as one. */
export interface VaultFileContents {
  header: VaultHeader
  /** Slot rows as stored (they must wrap the vault key given with them). */
  slots: readonly SlotRow[]
  items: readonly VersionedRecord[]
  tombstones: readonly Tombstone[]
}

/**
 * Writes a complete vault file: built under a temporary name in the same folder and moved into
 * place complete, or not at all (FILE_EXISTS if `path` exists; it is never replaced).
 */
export function writeVaultFile(path: string, contents: VaultFileContents, vaultKey: Buffer): void {
  if (existsSync(path)) throw new CairnError('FILE_EXISTS', `${path} already exists`)
  if (!existsSync(dirname(path))) {
    throw new CairnError('FILE_NOT_FOUND', `The folder ${dirname(path)} does not exist`)
  }
  removeStaleTemps(path)
  const tmp = tempPathFor(path, 'creating')
  try {
    buildVaultFile(tmp, contents, vaultKey)
    publishNew(tmp, path)
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  }
}

/**
 * Writes a complete version-2 vault into a new file at `tmp` (which must not exist), checkpointed
 * so that the main file holds everything. The caller moves it into place.
 */
export function buildVaultFile(tmp: string, contents: VaultFileContents, vaultKey: Buffer): void {
  const header = { ...contents.header, formatVersion: FORMAT_VERSION }
  const keys = vaultSubkeys(vaultKey, FORMAT_VERSION)
  // Owner-only from the first byte: SQLite gives its -wal and -shm files the database's mode.
  closeSync(openSync(tmp, 'wx', 0o600))
  const db = openReadWrite(tmp, { create: true })
  try {
    db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`)
    db.pragma(`user_version = ${FORMAT_VERSION}`)
    db.transaction(() => {
      db.exec(SCHEMA_V3)
      db.prepare(
        'INSERT INTO vault_header (singleton, vault_id, name, format_version, created_at) VALUES (1, ?, ?, ?, ?)',
      ).run(header.vaultUuid, header.name, header.formatVersion, header.createdAt)
      const slot = db.prepare(INSERT_SLOT_SQL)
      for (const row of contents.slots) slot.run(row)
      const manifest = insertRows(
        db,
        keys.rows,
        header.vaultUuid,
        contents.items,
        contents.tombstones,
      )
      const state = writeWholeState(db, keys.state, header.vaultUuid, manifest, 1)
      writeSearchIndex(
        db,
        keys.search,
        header.vaultUuid,
        state,
        contents.items
          .filter((v) => manifest.get(v.record.id)?.kind === 'item')
          .map((v) => indexedItem(v.record)),
      )
      db.prepare(UPSERT_SLOT_STATE_SQL).run(
        SlotState.of(contents.slots).seal(keys.state, header.vaultUuid),
      )
    })()
    checkpointTruncate(db)
  } finally {
    db.close()
  }
}

/**
 * Reads a whole vault with a credential without changing the file (no last-used time, no spent
 * code): the source side of a merge. One-time codes are refused here, since they could not be
 * spent.
 */
export async function readVaultState(
  path: string,
  credential: Credential,
): Promise<{ header: VaultHeader; state: VaultState }> {
  if (credential.kind === 'one-time-code') {
    throw new CairnError(
      'INVALID_ARGUMENT',
      'A one-time code can only unlock a vault, not read a copy of it',
    )
  }
  const file = readLockedFile(path)
  const accept =
    file.header.formatVersion === FORMAT_VERSION_1 ? undefined : slotSetAcceptance(file, [])
  const { key } = await openSlot(file.header.vaultUuid, file.slots, credential, accept)
  try {
    return readStateWithKey(path, file.header.vaultUuid, key)
  } finally {
    wipe(key)
  }
}
