// Rotating the vault key: no row decrypts under the old key afterwards, every old slot (password,
// recovery key, one-time code) is cut off, an old slot put back into the file opens nothing, and a
// fresh recovery key is issued. Old backups and copies keep what they held, under old credentials.
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openBackup } from '../../../src-main/core/backup/backup-reader.ts'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { aesKey } from '../../../src-main/core/crypto/aes-gcm.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { rotateVaultKey } from '../../../src-main/core/recovery/key-rotation.ts'
import {
  createOneTimeCodes,
  oneTimeCodeCredential,
} from '../../../src-main/core/recovery/one-time-codes.ts'
import {
  createRecoveryKey,
  recoveryKeyCredential,
} from '../../../src-main/core/recovery/recovery-keys.ts'
import { isDamaged, openItem, type ItemRow } from '../../../src-main/core/vault/item-rows.ts'
import { ITEM_COLUMNS } from '../../../src-main/core/vault/item-store.ts'
import {
  INSERT_SLOT_SQL,
  SLOT_COLUMNS,
  type SlotRow,
} from '../../../src-main/core/vault/key-slots.ts'
import { openSlot } from '../../../src-main/core/vault/slot-unlock.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import type { Credential } from '../../../src-main/core/vault/vault-api.ts'
import {
  FAST_KDF,
  PASSWORD,
  everyType,
  seededVault,
  type TempDir,
} from '../vault/vault-fixtures.ts'

let tmp: TempDir
let path: string
let v: UnlockedVaultFile
beforeEach(async () => {
  ;({ tmp, path, v } = await seededVault(everyType))
})
afterEach(() => {
  v.lock()
  tmp.cleanup()
})

const password: Credential = { kind: 'password', password: PASSWORD }
const unlock = async (c: Credential, file = path) =>
  (await openVault(file).unlock(c)) as UnlockedVaultFile

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (isCairnError(e)) return e.code
    throw e
  }
  return 'OK'
}

function read<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

describe('vault key rotation', () => {
  it('cuts off every old slot and the old key; issues a fresh recovery key', async () => {
    const oldRecovery = await createRecoveryKey(v)
    const [oldCode] = await createOneTimeCodes(v, 1, {
      slotOptions: { unsafeKdfParamsForTests: FAST_KDF },
    })
    const before = v.list().items
    await writeBackup(v, tmp.file('old.cairnbackup'), { protection: { kind: 'vault-slots' } })
    v.lock()
    copyFileSync(path, tmp.file('old-copy.cairn'))
    const oldSlots = read(path, (db) =>
      db.prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots`).all(),
    ) as SlotRow[]
    const { vaultUuid: vaultId } = openVault(path).header
    const { key: oldKey } = await openSlot(vaultId, oldSlots, password)

    v = await unlock(password)
    const result = await rotateVaultKey(v, 'rotated password', {
      passwordOptions: { unsafeKdfParamsForTests: FAST_KDF },
    })
    expect(result.revokedSlots.map((s) => s.kind).sort()).toEqual([
      'one-time-code',
      'password',
      'recovery-key',
    ])
    expect(result.recoveryKey).not.toBeNull()
    expect(v.slots().map((s) => s.kind)).toEqual(['password', 'recovery-key'])
    expect(v.list().items).toEqual(before)
    v.lock()

    // No row of the rotated file decrypts under the old key.
    const rows = read(path, (db) =>
      db.prepare(`SELECT ${ITEM_COLUMNS} FROM items`).all(),
    ) as ItemRow[]
    expect(rows).toHaveLength(before.length)
    const oldRowKey = aesKey(oldKey)
    expect(rows.filter((r) => !isDamaged(openItem(oldRowKey, vaultId, r)))).toEqual([])

    // Old credentials are refused; the new password and the fresh recovery key open it.
    expect(await code(unlock(password))).toBe('WRONG_PASSWORD')
    expect(await code(unlock(recoveryKeyCredential(oldRecovery.key)))).toBe('WRONG_CREDENTIAL')
    expect(await code(unlock(oneTimeCodeCredential(oldCode!.code)))).toBe('WRONG_CREDENTIAL')
    v = await unlock(recoveryKeyCredential(result.recoveryKey!.key))
    expect(v.list().items).toEqual(before)
    v.lock()

    // An old slot put back into the rotated file unwraps only the old key: nothing opens with it.
    const db = new Database(path)
    db.prepare(INSERT_SLOT_SQL).run(oldSlots.find((s) => s.kind === 'password'))
    db.close()
    v = await unlock(password)
    const seen = v.list({ includeTrash: true })
    expect(seen.items).toEqual([])
    // Every row fails, and so does the manifest (sealed with the new key too).
    expect(seen.damaged.map((d) => d.id).sort()).toEqual(
      [...before.map((i) => i.id), 'manifest'].sort(),
    )
    v.lock()

    // An old backup does not open with the new password; with the old one it shows its old contents.
    expect(
      await code(
        openBackup(tmp.file('old.cairnbackup'), { kind: 'password', password: 'rotated password' }),
      ),
    ).toBe('WRONG_PASSWORD')
    const old = await openBackup(tmp.file('old.cairnbackup'), password)
    expect(old.payload.items.map((i) => i.record)).toEqual(before)
    old.vaultKey?.fill(0)
    v = await unlock({ kind: 'password', password: 'rotated password' })
    oldKey.fill(0)
  })

  it('without recovery keys before, none is issued unless asked', async () => {
    const result = await rotateVaultKey(v, 'r', {
      passwordOptions: { unsafeKdfParamsForTests: FAST_KDF },
    })
    expect(result.recoveryKey).toBeNull()
    expect(v.slots().map((s) => s.kind)).toEqual(['password'])
  })
})
