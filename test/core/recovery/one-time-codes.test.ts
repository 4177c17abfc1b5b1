// One-time unlock codes on a real vault file: each opens the vault once and its slot is gone;
// unlocking picks the one slot the code names; a typo never reaches a key derivation.
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  createOneTimeCodes,
  listOneTimeCodes,
  oneTimeCodeCredential,
  revokeAllOneTimeCodes,
} from '../../../src-main/core/recovery/one-time-codes.ts'
import type { SlotRow } from '../../../src-main/core/vault/key-slots.ts'
import { slotsToTry } from '../../../src-main/core/vault/slot-unlock.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault, readVaultState } from '../../../src-main/core/vault/vault-file.ts'
import type { Credential } from '../../../src-main/core/vault/vault-api.ts'
import { FAST_KDF, PASSWORD, seededVault, note, type TempDir } from '../vault/vault-fixtures.ts'

let tmp: TempDir
let path: string
let v: UnlockedVaultFile
beforeEach(async () => {
  ;({ tmp, path, v } = await seededVault([note({ title: 'kept' })]))
})
afterEach(() => {
  v.lock()
  tmp.cleanup()
})

const fast = { slotOptions: { unsafeKdfParamsForTests: FAST_KDF } }
const unlock = async (c: Credential, file = path) =>
  (await openVault(file).unlock(c)) as UnlockedVaultFile

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p
  } catch (e) {
    if (isCairnError(e)) return { code: e.code, message: e.message }
    throw e
  }
  return { code: 'OK', message: '' }
}

describe('one-time codes', () => {
  it('each code opens the vault once; a used code is rejected; the others still work', async () => {
    const codes = await createOneTimeCodes(v, 3, { ...fast, label: 'Trip' })
    expect(codes.map((c) => c.slot.label)).toEqual(['Trip #1', 'Trip #2', 'Trip #3'])
    expect(listOneTimeCodes(v)).toHaveLength(3)
    v.lock()
    v = await unlock(oneTimeCodeCredential(codes[1]!.code))
    expect(v.unlockedWith.id).toBe(codes[1]!.slot.id)
    expect(listOneTimeCodes(v).map((s) => s.id)).not.toContain(codes[1]!.slot.id)
    v.lock()
    expect((await failure(unlock(oneTimeCodeCredential(codes[1]!.code)))).code).toBe(
      'WRONG_CREDENTIAL',
    )
    v = await unlock(oneTimeCodeCredential(codes[0]!.code.toLowerCase()))
    expect(v.list().items.map((i) => i.data.title)).toEqual(['kept'])
    expect(listOneTimeCodes(v)).toHaveLength(1)
  })

  it('unlocking tries only the slot the code names', async () => {
    const codes = await createOneTimeCodes(v, 5, fast)
    const rows = v.slotRows(['password', 'one-time-code'])
    const chosen = slotsToTry(rows, oneTimeCodeCredential(codes[3]!.code))
    expect(chosen.slots.map((s: SlotRow) => s.id)).toEqual([codes[3]!.slot.id])
    // A code added by hand (no locator) falls back to trying every code slot.
    expect(slotsToTry(rows, { kind: 'one-time-code', code: 'Q7RX-4KZP' }).slots).toHaveLength(5)
  })

  it('a mistyped code is refused as mistyped, leaving every slot in place', async () => {
    const [c] = await createOneTimeCodes(v, 1, fast)
    const chars = c!.code.replace(/-/g, '').split('')
    chars[19] = chars[19] === 'A' ? 'B' : 'A'
    v.lock()
    const e = await failure(unlock({ kind: 'one-time-code', code: chars.join('') }))
    expect(e).toMatchObject({
      code: 'WRONG_CREDENTIAL',
      message: expect.stringMatching(/mistyped/),
    })
    expect(() => oneTimeCodeCredential(chars.join(''))).toThrow(/mistyped/)
    expect(() => oneTimeCodeCredential('short')).toThrow(/20 characters/)
    expect(
      openVault(path)
        .slots()
        .filter((s) => s.kind === 'one-time-code'),
    ).toHaveLength(1)
    v = await unlock({ kind: 'password', password: PASSWORD })
  })

  it('a copy made before a code was used still accepts it (the threat model says so)', async () => {
    const [c] = await createOneTimeCodes(v, 1, fast)
    v.lock()
    copyFileSync(path, tmp.file('copy.cairn'))
    v = await unlock(oneTimeCodeCredential(c!.code))
    v.lock()
    const copy = await unlock(oneTimeCodeCredential(c!.code), tmp.file('copy.cairn'))
    copy.lock()
    v = await unlock({ kind: 'password', password: PASSWORD })
  })

  it('revokeAll removes every unused code in one go; a code cannot read a copy', async () => {
    const codes = await createOneTimeCodes(v, 4, fast)
    expect(await revokeAllOneTimeCodes(v)).toBe(4)
    expect(listOneTimeCodes(v)).toEqual([])
    expect((await failure(readVaultState(path, oneTimeCodeCredential(codes[0]!.code)))).code).toBe(
      'INVALID_ARGUMENT',
    )
    await expect(createOneTimeCodes(v, 0, fast)).rejects.toThrow(/1 to 50/)
  })
})
