// createVault and openVault: the two ways into a vault file. A locked vault is a snapshot of the
// header and key slots read through a read-only connection that is closed at once, so a wrong
// password (or any failure before unlock) leaves the file byte-identical. Only after a slot opens
// is the file reopened read-write.
import { closeSync, existsSync, openSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import { aesKey } from '../crypto/aes-gcm.ts'
import { randomBytes, randomId } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { publishNew, removeStaleTemps, tempPathFor } from '../fs/atomic-file.ts'
import type { Argon2Params } from '../kdf/argon2-params.ts'
import type { Tombstone } from './item-types.ts'
import { sealItem, sealTombstone, type VersionedRecord } from './item-rows.ts'
import {
  INSERT_SLOT_SQL,
  SLOT_COLUMNS,
  createSlot,
  credentialSecret,
  isKnownSlotKind,
  slotInfo,
  type SlotRow,
} from './key-slots.ts'
import { Manifest, UPSERT_MANIFEST_SQL, type ManifestEntry } from './manifest.ts'
import { openSlot } from './slot-unlock.ts'
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
import { UnlockedVaultFile, resolveSlotKdf, type VaultState } from './unlocked-vault-file.ts'
import type {
  Credential,
  ManagedLockedVault,
  SlotInfo,
  UnlockOptions,
  VaultHeader,
} from './vault-api.ts'
import { CAIRN_APPLICATION_ID, FORMAT_VERSION, SCHEMA_V1, VAULT_KEY_BYTES } from './vault-format.ts'

export interface CreateVaultOptions {
  password: string
  name: string
  /** Argon2id parameters for the password slot (never below the RFC 9106 floor). Default: calibrated. */
  kdfParams?: Argon2Params
  /** Test suites only: fast Argon2id parameters below the floor. Never use in the app or CLI. */
  unsafeKdfParamsForTests?: Argon2Params
}

function readSlots(db: Db): SlotRow[] {
  return db
    .prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots ORDER BY created_at, id`)
    .all() as SlotRow[]
}

/** Opens a vault file for unlocking. Reads only; throws a CairnError naming what is wrong. */
export function openVault(path: string): LockedVaultFile {
  const { header, slots } = readLockedFile(path)
  return new LockedVaultFile(path, header, slots)
}

function readLockedFile(path: string): { header: VaultHeader; slots: SlotRow[] } {
  probeSqliteHeader(path)
  const hadSidecars = sidecarsExist(path)
  const db = openReadOnly(path)
  let header: VaultHeader
  let slots: SlotRow[]
  try {
    checkCairnFile(db, path)
    ;({ header, slots } = guardSqlite(path, () => ({
      header: readHeader(db, path),
      slots: readSlots(db),
    })))
  } finally {
    db.close()
    if (!hadSidecars) removeIdleSidecars(path)
  }
  return { header, slots }
}

/** A locked vault file; its unlock gives the full UnlockedVaultFile (backups, slots, merge). */
export class LockedVaultFile implements ManagedLockedVault {
  readonly path: string
  readonly header: VaultHeader
  #slots: SlotRow[] | null

  constructor(path: string, header: VaultHeader, slots: SlotRow[]) {
    this.path = path
    this.header = header
    this.#slots = slots
  }

  slots(): SlotInfo[] {
    return (this.#slots ?? []).filter((r) => isKnownSlotKind(r.kind)).map(slotInfo)
  }

  async unlock(credential: Credential, options: UnlockOptions = {}): Promise<UnlockedVaultFile> {
    if (!this.#slots) throw new CairnError('LOCKED', 'This vault handle was closed')
    const { slot, key } = await openSlot(this.header.vaultId, this.#slots, credential)
    return this.#session(slot, key, options.recordUse !== false)
  }

  /** Reopens read-write and confirms the slot is still the one we unwrapped. Owns `key`. */
  #session(slot: SlotRow, key: Buffer, recordUse: boolean): UnlockedVaultFile {
    let db: Db | null = null
    try {
      db = openReadWrite(this.path)
      checkCairnFile(db, this.path)
      const live = guardSqlite(this.path, () => {
        const header = readHeader(db!, this.path)
        const row = db!
          .prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots WHERE id = ?`)
          .get(slot.id) as SlotRow | undefined
        return header.vaultId === this.header.vaultId ? row : undefined
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
      // A one-time code is spent by its first use, whether or not the use is recorded.
      const spend = slot.kind === 'one-time-code'
      if (spend || recordUse) {
        guardSqlite(this.path, () =>
          db!
            .transaction(() => {
              if (spend) db!.prepare('DELETE FROM key_slots WHERE id = ?').run(slot.id)
              else
                db!.prepare('UPDATE key_slots SET last_used_at = ? WHERE id = ?').run(now, slot.id)
            })
            .immediate(),
        )
      }
      if (spend) checkpointTruncate(db)
      const info = slotInfo(slot)
      return new UnlockedVaultFile(this.path, this.header, db, key, {
        ...info,
        lastUsedAt: recordUse || spend ? now : info.lastUsedAt,
      })
    } catch (e) {
      wipe(key)
      db?.close()
      throw e
    }
  }

  close(): void {
    this.#slots = null
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
    vaultId: randomId(),
    name,
    formatVersion: FORMAT_VERSION,
    createdAt: Date.now(),
  }
  const key = randomBytes(VAULT_KEY_BYTES)
  const secret = credentialSecret({ kind: 'password', password: options.password })
  let handedOver = false
  try {
    const slot = await createSlot(header.vaultId, key, {
      kind: 'password',
      label: 'Master password',
      secret,
      kdf,
      createdAt: header.createdAt,
    })
    writeVaultFile(path, { header, slots: [slot], items: [], tombstones: [] }, key)
    const session = openReadWrite(path)
    handedOver = true
    return new UnlockedVaultFile(path, header, session, key, slotInfo(slot))
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
  const { header } = contents
  const rowKey = aesKey(vaultKey)
  removeStaleTemps(path)
  const tmp = tempPathFor(path, 'creating')
  try {
    // Owner-only from the first byte: SQLite gives its -wal and -shm files the database's mode.
    closeSync(openSync(tmp, 'wx', 0o600))
    const db = openReadWrite(tmp, { create: true })
    try {
      db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`)
      db.pragma(`user_version = ${FORMAT_VERSION}`)
      db.transaction(() => {
        db.exec(SCHEMA_V1)
        db.prepare(
          'INSERT INTO vault_header (singleton, vault_id, name, format_version, created_at) VALUES (1, ?, ?, ?, ?)',
        ).run(header.vaultId, header.name, header.formatVersion, header.createdAt)
        const slot = db.prepare(INSERT_SLOT_SQL)
        for (const row of contents.slots) slot.run(row)
        const item = db.prepare(
          `INSERT INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext)
           VALUES (@id, @revision, @createdAt, @updatedAt, @deletedAt, @nonce, @ciphertext)`,
        )
        for (const { record, lineage } of contents.items) {
          item.run(sealItem(rowKey, header.vaultId, record, record.data, lineage))
        }
        const tomb = db.prepare(
          `INSERT INTO tombstones (id, revision, purged_at, nonce, tag)
           VALUES (@id, @revision, @purgedAt, @nonce, @tag)`,
        )
        for (const t of contents.tombstones) tomb.run(sealTombstone(rowKey, header.vaultId, t))
        const entries = new Map<string, ManifestEntry>()
        for (const { record } of contents.items) {
          entries.set(record.id, { kind: 'item', revision: record.revision })
        }
        for (const t of contents.tombstones) {
          entries.set(t.id, { kind: 'tombstone', revision: t.revision })
        }
        db.prepare(UPSERT_MANIFEST_SQL).run(
          Manifest.fromEntries(entries).seal(rowKey, header.vaultId),
        )
      })()
      checkpointTruncate(db)
    } finally {
      db.close()
    }
    publishNew(tmp, path)
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
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
  const { header, slots } = readLockedFile(path)
  const { key } = await openSlot(header.vaultId, slots, credential)
  const rowKey = aesKey(key)
  wipe(key)
  return readStateWithKey(path, header.vaultId, rowKey)
}
