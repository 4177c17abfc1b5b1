// Attacks by someone who can write the vault file but holds no credential, each done with plain
// SQL on a real file: putting back a spent one-time code or a revoked recovery key, planting a
// cheap password slot, deleting the manifest and rolling an HOTP counter back.
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomBytes } from '../../../src-main/core/crypto/random.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { ARGON2_FLOOR, isAtLeastFloor } from '../../../src-main/core/kdf/argon2-params.ts'
import { closeKdf } from '../../../src-main/core/kdf/derive-key.ts'
import {
  createOneTimeCodes,
  oneTimeCodeCredential,
} from '../../../src-main/core/recovery/one-time-codes.ts'
import {
  createRecoveryKey,
  recoveryKeyCredential,
  revokeRecoveryKey,
} from '../../../src-main/core/recovery/recovery-keys.ts'
import { rotateVaultKey } from '../../../src-main/core/recovery/key-rotation.ts'
import { createSlot, credentialSecret } from '../../../src-main/core/vault/key-slots.ts'
import { MANIFEST_ROW_ID } from '../../../src-main/core/vault/manifest.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import type { Credential } from '../../../src-main/core/vault/vault-api.ts'
import { createVault, openVault } from '../../../src-main/core/vault/vault-file.ts'
import { FAST_KDF, PASSWORD, newVault, note, otp, tempDir } from './vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let path: string
beforeEach(() => {
  tmp = tempDir()
  path = tmp.file('v.cairn')
})
afterEach(() => tmp.cleanup())
afterAll(() => closeKdf())

type Row = Record<string, unknown>

function sql<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const slotRow = (id: string) =>
  sql((db) => db.prepare('SELECT * FROM key_slots WHERE id = ?').get(id) as Row)

function insertSlot(row: Row): void {
  sql((db) =>
    db
      .prepare(
        `INSERT INTO key_slots (id, kind, label, created_at, last_used_at, kdf, kdf_params, salt, key_check, nonce, wrapped_key, digest)
         VALUES (@id, @kind, @label, @created_at, @last_used_at, @kdf, @kdf_params, @salt, @key_check, @nonce, @wrapped_key, @digest)`,
      )
      .run(row),
  )
}

const unlock = (c: Credential = { kind: 'password', password: PASSWORD }) =>
  openVault(path).unlock(c) as Promise<UnlockedVaultFile>

async function refusal(c: Credential): Promise<unknown> {
  try {
    ;(await unlock(c)).lock()
  } catch (e) {
    return e
  }
  return null
}

describe('the slot set is authenticated', () => {
  it('a spent one-time code put back into the file never unlocks again', async () => {
    const v = await newVault(path)
    const [issued] = await createOneTimeCodes(v, 1, {
      slotOptions: { unsafeKdfParamsForTests: FAST_KDF },
    })
    v.lock()
    const saved = slotRow(issued!.slot.id)
    const credential = oneTimeCodeCredential(issued!.code)
    const spent = await unlock(credential)
    expect(spent.unlockedWith.id).toBe(issued!.slot.id)
    expect(spent.notices().join('\n')).toMatch(/one-time code was used.*rotate the vault key/)
    spent.lock()

    insertSlot(saved)
    const error = await refusal(credential)
    expect(isCairnError(error, 'WRONG_CREDENTIAL')).toBe(true)
    expect((error as Error).message).toMatch(/already been used/)

    // The password still opens the vault; the put-back row is not offered as a slot.
    const owner = await unlock()
    expect(owner.slots().map((s) => s.kind)).toEqual(['password'])
    expect(owner.notices().join('\n')).toMatch(/was already used; its row was put back/)
    owner.lock()
  })

  it('a revoked recovery key put back into the file never unlocks again', async () => {
    const v = await newVault(path)
    const issued = await createRecoveryKey(v)
    const saved = slotRow(issued.slot.id)
    revokeRecoveryKey(v, issued.slot.id)
    v.lock()

    insertSlot(saved)
    const error = await refusal(recoveryKeyCredential(issued.key))
    expect(isCairnError(error, 'WRONG_CREDENTIAL')).toBe(true)
    expect((error as Error).message).toMatch(/revoked/)
  })

  it('an edited label or KDF parameter (digest recomputed) makes the slot unusable', async () => {
    const v = await newVault(path)
    const issued = await createRecoveryKey(v)
    v.lock()
    const { slotDigest } = await import('../../../src-main/core/vault/key-slots.ts')
    const row = slotRow(issued.slot.id)
    const vaultId = openVault(path).header.vaultUuid
    const label = 'Printed at the office'
    const digest = slotDigest(vaultId, {
      id: row.id as string,
      kind: row.kind as string,
      label,
      createdAt: row.created_at as number,
      kdf: row.kdf as string,
      kdfParams: row.kdf_params as string,
      salt: row.salt as Buffer,
      keyCheck: row.key_check as Buffer,
      nonce: row.nonce as Buffer,
      wrappedKey: row.wrapped_key as Buffer,
    })
    sql((db) =>
      db
        .prepare('UPDATE key_slots SET label = ?, digest = ? WHERE id = ?')
        .run(label, digest, row.id),
    )
    const error = await refusal(recoveryKeyCredential(issued.key))
    expect(isCairnError(error, 'WRONG_CREDENTIAL')).toBe(true)
    expect((error as Error).message).toMatch(
      /not in the vault's authenticated slot set \(altered\)/,
    )
  })
})

describe('a new password slot is never weaker than the RFC 9106 floor', () => {
  /** A well-formed password slot at 8 KiB / 1 pass, first in stored order, wrapping a junk key. */
  async function plantCheapSlot(): Promise<void> {
    const vaultId = openVault(path).header.vaultUuid
    const cheap = { memoryKiB: 8, iterations: 1, parallelism: 1 }
    const row = await createSlot(vaultId, randomBytes(32), {
      kind: 'password',
      label: 'Master password',
      secret: credentialSecret({ kind: 'password', password: 'attacker knows this one' }),
      kdf: { name: 'argon2id', params: cheap },
      createdAt: 0,
    })
    insertSlot({
      id: row.id,
      kind: row.kind,
      label: row.label,
      created_at: row.createdAt,
      last_used_at: null,
      kdf: row.kdf,
      kdf_params: row.kdfParams,
      salt: row.salt,
      key_check: row.keyCheck,
      nonce: row.nonce,
      wrapped_key: row.wrappedKey,
      digest: row.digest,
    })
  }

  const passwordParams = () =>
    sql(
      (db) =>
        db
          .prepare("SELECT kdf_params FROM key_slots WHERE kind = 'password'")
          .pluck()
          .all() as string[],
    ).map((p) => JSON.parse(p))

  it('changing the password after a cheap slot was planted keeps the unlocking slot parameters', async () => {
    ;(
      await createVault(path, { password: PASSWORD, name: 'Floor', kdfParams: ARGON2_FLOOR })
    ).lock()
    await plantCheapSlot()
    const v = await unlock()
    expect(v.slots()).toHaveLength(1)
    expect(v.notices().join('\n')).toMatch(/not in the vault's authenticated slot set/)
    await v.changePassword('the new master password')
    v.lock()
    const params = passwordParams()
    // The planted row stays in the file (never used); the new slot has the floor, not 8 KiB.
    expect(params).toContainEqual({ ...ARGON2_FLOOR })
    expect(params).toContainEqual({ memoryKiB: 8, iterations: 1, parallelism: 1 })
    const fresh = await unlock({ kind: 'password', password: 'the new master password' })
    expect(fresh.slots()).toHaveLength(1)
    fresh.lock()
  })

  it('unlocking through a slot below the floor warns, and a new password is calibrated to at least the floor', async () => {
    const v = await newVault(path)
    expect(v.notices().join('\n')).toMatch(/below the RFC 9106 floor/)
    v.lock()
    await plantCheapSlot()
    const again = await unlock()
    expect(again.notices().join('\n')).toMatch(/below the RFC 9106 floor/)
    await again.changePassword('the new master password')
    again.lock()
    const fresh = passwordParams().filter(
      (p) => p.memoryKiB !== 8 && p.memoryKiB !== FAST_KDF.memoryKiB,
    )
    expect(fresh).toHaveLength(1)
    expect(isAtLeastFloor(fresh[0])).toBe(true)
    const { memoryKiB, iterations, parallelism } = fresh[0]
    console.log(
      `calibrated master-password slot after a cheap one: ${memoryKiB} KiB, ${iterations} passes, ${parallelism} lanes`,
    )
  }, 60_000)
})

describe('the manifest is required', () => {
  it('deleted manifest and a rolled-back HOTP row: damaged, no code issued again, accept-current reseals, rotation works', async () => {
    const v = await newVault(path)
    const hotp = v.add(otp({ kind: 'hotp', counter: 0 }))
    v.add(note({ title: 'other' }))
    const rev1 = sql((db) => db.prepare('SELECT * FROM items WHERE id = ?').get(hotp.id) as Row)
    // Five codes issued: the counter moved on.
    v.update(hotp.id, otp({ kind: 'hotp', counter: 5 }))
    v.lock()

    sql((db) => {
      db.prepare('DELETE FROM manifest').run()
      db.prepare('DELETE FROM items WHERE id = ?').run(hotp.id)
      db.prepare(
        'INSERT INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext) VALUES (@id, @revision, @created_at, @updated_at, @deleted_at, @nonce, @ciphertext)',
      ).run(rev1)
    })

    const s = await unlock()
    expect(s.list().damaged.map((d) => d.id)).toEqual([MANIFEST_ROW_ID])
    // Reading the key to show a code, or advancing its counter, is refused: no code is re-issued.
    expect(() => s.get(hotp.id)).toThrow(expect.objectContaining({ code: 'DAMAGED_FILE' }))
    expect(() => s.update(hotp.id, otp({ kind: 'hotp', counter: 1 }))).toThrow(
      expect.objectContaining({ code: 'DAMAGED_FILE' }),
    )
    await expect(
      rotateVaultKey(s, 'rotated', { passwordOptions: { unsafeKdfParamsForTests: FAST_KDF } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })

    expect(s.acceptCurrent()).toEqual({ removedSlots: 0, slotSetRebuilt: false })
    expect(s.list().damaged).toEqual([])
    expect(s.get(hotp.id).revision).toBe(1)
    await rotateVaultKey(s, 'rotated', { passwordOptions: { unsafeKdfParamsForTests: FAST_KDF } })
    s.lock()
    const after = await unlock({ kind: 'password', password: 'rotated' })
    expect(after.list().items).toHaveLength(2)
    after.lock()
  })

  it('a deleted slot set: only the master password opens; accepting keeps only that slot', async () => {
    const v = await newVault(path)
    const issued = await createRecoveryKey(v)
    v.add(note())
    v.lock()
    sql((db) => db.prepare('DELETE FROM slot_state').run())

    const error = await refusal(recoveryKeyCredential(issued.key))
    expect((error as Error).message).toMatch(/only the master password can open it/)
    const s = await unlock()
    expect(() => s.add(note())).toThrow(expect.objectContaining({ code: 'DAMAGED_FILE' }))
    expect(s.acceptCurrent()).toEqual({ removedSlots: 1, slotSetRebuilt: true })
    s.add(note({ title: 'after accepting' }))
    expect(s.slots().map((x) => x.kind)).toEqual(['password'])
    s.lock()
    expect(await refusal(recoveryKeyCredential(issued.key))).toMatchObject({
      code: 'WRONG_CREDENTIAL',
    })
  })
})
