// A master-password slot that unlocks far under the target is re-tuned by a fresh calibration
// (real Argon2id, real file); the same password still opens the vault and the old, cheap slot
// row is gone. A slow unlock, another credential, or a calibration that asks for no more work
// leaves the file alone.
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ARGON2_FLOOR, isAtLeastFloor } from '../../../src-main/core/kdf/argon2-params.ts'
import {
  createRecoveryKey,
  recoveryKeyCredential,
} from '../../../src-main/core/recovery/recovery-keys.ts'
import {
  RETUNE_BELOW_MS,
  retuneFastPasswordSlot,
} from '../../../src-main/core/recovery/slot-retune.ts'
import { parseSlotKdf, SLOT_COLUMNS, type SlotRow } from '../../../src-main/core/vault/key-slots.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { createVault, openVault } from '../../../src-main/core/vault/vault-file.ts'
import type { Credential } from '../../../src-main/core/vault/vault-api.ts'
import { FAST_KDF, PASSWORD, seededVault, tempDir, type TempDir } from '../vault/vault-fixtures.ts'

let tmp: TempDir
let path: string
let v: UnlockedVaultFile
beforeEach(async () => {
  ;({ tmp, path, v } = await seededVault([]))
})
afterEach(() => {
  v.lock()
  tmp.cleanup()
})

function passwordRows(): SlotRow[] {
  const db = new Database(path, { readonly: true })
  try {
    return (db.prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots`).all() as SlotRow[]).filter(
      (r) => r.kind === 'password',
    )
  } finally {
    db.close()
  }
}

async function unlockTimed(credential: Credential = { kind: 'password', password: PASSWORD }) {
  const start = performance.now()
  const vault = (await openVault(path).unlock(credential)) as UnlockedVaultFile
  return { vault, ms: performance.now() - start }
}

describe('re-tuning a fast master-password slot', () => {
  it('replaces a cheap slot with a calibrated one that the same password opens', async () => {
    v.lock()
    const { vault, ms } = await unlockTimed()
    v = vault
    expect(ms).toBeLessThan(RETUNE_BELOW_MS)
    const [before] = passwordRows()
    const retuned = await retuneFastPasswordSlot(v, PASSWORD, ms)
    expect(retuned).not.toBeNull()
    expect(retuned!.before).toEqual(FAST_KDF)
    expect(isAtLeastFloor(retuned!.after)).toBe(true)
    expect(retuned!.notice).toMatch(/re-tuned from 1 passes at 0 MiB to \d+ passes at 64 MiB/)
    console.log(
      `re-tuned: ${JSON.stringify(retuned!.after)} after an unlock of ${ms.toFixed(1)} ms`,
    )

    const rows = passwordRows()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.id).not.toBe(before!.id)
    const kdf = parseSlotKdf(rows[0]!)
    expect(kdf?.name === 'argon2id' && kdf.params).toEqual(retuned!.after)
    v.lock()
    v = (await unlockTimed()).vault
    expect(v.unlockedWith.id).toBe(rows[0]!.id)
  })

  it('a later password change in the same session keeps the re-tuned cost, not the replaced one', async () => {
    v.lock()
    tmp.cleanup()
    ;({ tmp } = { tmp: tempDir() })
    path = tmp.file('floor.cairn')
    ;(
      await createVault(path, { password: PASSWORD, name: 'Floor', kdfParams: { ...ARGON2_FLOOR } })
    ).lock()
    const { vault, ms } = await unlockTimed()
    v = vault
    const retuned = await retuneFastPasswordSlot(v, PASSWORD, Math.min(ms, RETUNE_BELOW_MS - 1))
    expect(retuned).not.toBeNull()
    expect(retuned!.after.iterations).toBeGreaterThan(ARGON2_FLOOR.iterations)
    expect(v.unlockedWith.id).toBe(passwordRows()[0]!.id)
    await v.changePassword('a third password')
    const [row] = passwordRows()
    const kdf = parseSlotKdf(row!)
    expect(kdf?.name === 'argon2id' && kdf.params).toEqual(retuned!.after)
  })

  it('leaves the slot alone after a slow unlock, another credential, or no stronger calibration', async () => {
    const key = await createRecoveryKey(v)
    v.lock()
    const before = passwordRows()

    let { vault, ms } = await unlockTimed()
    v = vault
    expect(await retuneFastPasswordSlot(v, PASSWORD, RETUNE_BELOW_MS)).toBeNull()
    // A calibration that lands where the slot already is: no change (here the slot's own figures).
    let calibrations = 0
    const same = async () => {
      calibrations++
      return { params: { ...FAST_KDF }, implementation: 'node-rs' as const, baseMs: 1 }
    }
    expect(await retuneFastPasswordSlot(v, PASSWORD, ms, { calibrate: same })).toBeNull()
    expect(calibrations).toBe(1)
    v.lock()

    ;({ vault, ms } = await unlockTimed(recoveryKeyCredential(key.key)))
    v = vault
    expect(await retuneFastPasswordSlot(v, PASSWORD, ms)).toBeNull()
    const slotOf = (r: SlotRow) => [r.id, r.kdfParams]
    expect(passwordRows().map(slotOf)).toEqual(before.map(slotOf))
    expect(ARGON2_FLOOR.memoryKiB).toBeGreaterThan(FAST_KDF.memoryKiB)
  })
})
