// createVault and openVault: the two ways into a vault file. A locked vault is a snapshot of the
// header and key slots read through a read-only connection that is closed at once, so a wrong
// password (or any failure before unlock) leaves the file byte-identical. Only after a slot opens
// is the file reopened read-write.
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import { randomBytes, randomId } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import type { Argon2Params } from '../kdf/argon2-params.ts'
import {
  INSERT_SLOT_SQL,
  MAX_SLOTS_TRIED,
  SLOT_COLUMNS,
  createSlot,
  credentialSecret,
  isKnownSlotKind,
  slotInfo,
  slotIntact,
  slotsTried,
  tamperedSlot,
  unwrapSlot,
  type SlotRow,
} from './key-slots.ts'
import { Manifest, UPSERT_MANIFEST_SQL } from './manifest.ts'
import {
  checkCairnFile,
  checkpointTruncate,
  guardSqlite,
  openReadOnly,
  openReadWrite,
  probeSqliteHeader,
  removeIdleSidecars,
  sidecarsExist,
  type Db,
} from './sqlite-file.ts'
import { UnlockedVaultFile, resolveSlotKdf } from './unlocked-vault-file.ts'
import type {
  Credential,
  ManagedLockedVault,
  ManagedVault,
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

function readHeader(db: Db, path: string): VaultHeader {
  const rows = db
    .prepare(
      'SELECT vault_id AS vaultId, name, format_version AS formatVersion, created_at AS createdAt FROM vault_header',
    )
    .all() as VaultHeader[]
  const h = rows[0]
  if (
    rows.length !== 1 ||
    !h ||
    h.formatVersion !== FORMAT_VERSION ||
    !/^[0-9a-f-]{36}$/.test(h.vaultId)
  ) {
    throw new CairnError('DAMAGED_FILE', `${path} has a damaged vault header`)
  }
  return h
}

function readSlots(db: Db): SlotRow[] {
  return db
    .prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots ORDER BY created_at, id`)
    .all() as SlotRow[]
}

/** Opens a vault file for unlocking. Reads only; throws a CairnError naming what is wrong. */
export function openVault(path: string): ManagedLockedVault {
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
  return new LockedVaultFile(path, header, slots)
}

class LockedVaultFile implements ManagedLockedVault {
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

  async unlock(credential: Credential, options: UnlockOptions = {}): Promise<ManagedVault> {
    if (!this.#slots) throw new CairnError('LOCKED', 'This vault handle was closed')
    const wrong =
      credential.kind === 'password'
        ? new CairnError('WRONG_PASSWORD', 'Wrong password')
        : new CairnError('WRONG_CREDENTIAL', `Wrong ${credential.kind.replace(/-/g, ' ')}`)
    const candidates = this.#slots.filter((s) => s.kind === credential.kind)
    if (candidates.length === 0) {
      throw new CairnError(
        wrong.code,
        `This vault has no ${credential.kind.replace(/-/g, ' ')} to unlock with`,
      )
    }
    const { tried, untried } = slotsTried(candidates)
    const vaultId = this.header.vaultId
    const secret = credentialSecret(credential)
    try {
      const tampered: SlotRow[] = []
      for (const slot of tried) {
        if (!slotIntact(vaultId, slot)) {
          tampered.push(slot)
          continue
        }
        const key = await unwrapSlot(vaultId, slot, secret)
        if (key) return this.#session(slot, key, options.recordUse !== false)
      }
      // The right credential may belong to the slot that no longer verifies: say so, not "wrong".
      if (tampered[0]) throw tamperedSlot(tampered[0])
      if (untried) {
        throw new CairnError(
          wrong.code,
          `${wrong.message}, or it belongs to one of the ${untried} ${credential.kind.replace(/-/g, ' ')} slot(s) past the first ${MAX_SLOTS_TRIED}, which unlock does not try`,
        )
      }
      throw wrong
    } finally {
      wipe(secret)
    }
  }

  /** Reopens read-write and confirms the slot is still the one we unwrapped. Owns `key`. */
  #session(slot: SlotRow, key: Buffer, recordUse: boolean): ManagedVault {
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

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is still atomic.
  }
}

/** Moves the finished file into place without ever replacing an existing file. */
function publish(tmp: string, path: string): void {
  try {
    linkSync(tmp, path)
    rmSync(tmp)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new CairnError('FILE_EXISTS', `${path} already exists`)
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (existsSync(path)) throw new CairnError('FILE_EXISTS', `${path} already exists`)
    renameSync(tmp, path)
  }
  syncDirectory(dirname(path))
}

/**
 * Creates a new vault file with one master-password slot and returns it unlocked. The file is built
 * under a temporary name in the same folder and moved into place complete, or not at all.
 */
export async function createVault(
  path: string,
  options: CreateVaultOptions,
): Promise<ManagedVault> {
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
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.creating`)
  let handedOver = false
  try {
    const slot = await createSlot(header.vaultId, key, {
      kind: 'password',
      label: 'Master password',
      secret,
      kdf,
      createdAt: header.createdAt,
    })
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
        db.prepare(INSERT_SLOT_SQL).run(slot)
        db.prepare(UPSERT_MANIFEST_SQL).run(Manifest.empty().seal(key, header.vaultId))
      })()
      checkpointTruncate(db)
    } finally {
      db.close()
    }
    publish(tmp, path)
    const session = openReadWrite(path)
    handedOver = true
    return new UnlockedVaultFile(path, header, session, key, slotInfo(slot))
  } finally {
    wipe(secret)
    if (!handedOver) wipe(key)
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  }
}
