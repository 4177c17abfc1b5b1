// Each write of an item records a new version id at the front of its lineage (inside the
// ciphertext), capped at MAX_LINEAGE; imports and key rotation keep lineage as it is. Slot changes
// made together commit together or not at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { MAX_LINEAGE } from '../../../src-main/core/vault/item-rows.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { FAST_KDF, PASSWORD, newVault, note, tempDir } from './vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let v: UnlockedVaultFile
beforeEach(async () => {
  tmp = tempDir()
  v = await newVault(tmp.file('v.cairn'))
})
afterEach(() => {
  v.lock()
  tmp.cleanup()
})

const lineageOf = (id: string) => v.state().items.find((i) => i.record.id === id)!.lineage

describe('item lineage', () => {
  it('every write adds a version id in front; the oldest fall off past the cap', () => {
    const { id } = v.add(note())
    const first = lineageOf(id)
    expect(first).toHaveLength(1)
    expect(first[0]).toMatch(/^[A-Za-z0-9_-]{11}$/)
    v.update(id, note({ body: 'second' }))
    v.trash(id)
    v.restore(id)
    const four = lineageOf(id)
    expect(four).toHaveLength(4)
    expect(four[3]).toBe(first[0])
    expect(new Set(four).size).toBe(4)
    for (let i = 0; i < MAX_LINEAGE + 5; i++) v.update(id, note({ body: `edit ${i}` }))
    const capped = lineageOf(id)
    expect(capped).toHaveLength(MAX_LINEAGE)
    expect(capped).not.toContain(first[0])
    // list() and get() show items without it: it is history, not content.
    expect(Object.keys(v.get(id))).not.toContain('lineage')
  })

  it('imports keep a given lineage, start one otherwise, and refuse a malformed one', () => {
    const kept = v.importRecord({
      id: '6f1f0a52-3c1e-4d0b-9a57-0c3b1f2e4d5a',
      revision: 7,
      createdAt: 1,
      updatedAt: 2,
      deletedAt: null,
      data: note(),
      lineage: ['abcdefghijk', 'bcdefghijkl'],
    })
    expect(lineageOf(kept.id)).toEqual(['abcdefghijk', 'bcdefghijkl'])
    const fresh = v.importRecord({ ...kept, id: '7f1f0a52-3c1e-4d0b-9a57-0c3b1f2e4d5a' })
    expect(lineageOf(fresh.id)).toHaveLength(1)
    let error: unknown
    try {
      v.importRecord({ ...kept, lineage: ['bad id!'] })
    } catch (e) {
      error = e
    }
    expect(isCairnError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('key rotation keeps every lineage', async () => {
    const { id } = v.add(note())
    v.update(id, note({ body: 'x' }))
    const before = lineageOf(id)
    await v.rotateVaultKey('rotated', { unsafeKdfParamsForTests: FAST_KDF })
    expect(lineageOf(id)).toEqual(before)
  })
})

describe('applySlotChanges', () => {
  it('is all or nothing: an unknown slot id leaves the password and slots as they were', async () => {
    const slotsBefore = v.slots()
    let error: unknown
    try {
      await v.applySlotChanges(
        { newPassword: 'new', remove: ['00000000-0000-4000-8000-000000000000'] },
        { unsafeKdfParamsForTests: FAST_KDF },
      )
    } catch (e) {
      error = e
    }
    expect(isCairnError(error, 'NOT_FOUND')).toBe(true)
    expect(v.slots()).toEqual(slotsBefore)
    v.lock()
    v = (await openVault(tmp.file('v.cairn')).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
  })

  it('refuses to leave the vault without a slot', async () => {
    await expect(v.applySlotChanges({ remove: [v.unlockedWith.id] })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(v.slots()).toHaveLength(1)
  })
})
