// The recovery flow end to end on a real vault file: create a key, unlock with it, forced new
// master password, the used slot gone, a fresh key that works; listing, revoking, and what a
// revocation cannot reach (a copy made before it).
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  completeRecovery,
  createRecoveryKey,
  listRecoveryKeys,
  needsNewPassword,
  recoveryKeyCredential,
  revokeRecoveryKey,
} from '../../../src-main/core/recovery/recovery-keys.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
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

const fastPassword = { passwordOptions: { unsafeKdfParamsForTests: FAST_KDF } }

describe('recovery keys', () => {
  it('create → unlock with it → forced new password → old slot gone → new key works', async () => {
    const first = await createRecoveryKey(v, { label: 'In the safe' })
    expect(first.slot).toMatchObject({
      kind: 'recovery-key',
      label: 'In the safe',
      lastUsedAt: null,
    })
    const spare = await createRecoveryKey(v, { label: 'Spare' })
    v.lock()

    v = await unlock(recoveryKeyCredential(first.key.toLowerCase()))
    expect(v.unlockedWith.id).toBe(first.slot.id)
    expect(needsNewPassword(v)).toBe(true)
    expect(listRecoveryKeys(v).find((s) => s.id === first.slot.id)?.lastUsedAt).toBeTypeOf('number')

    const fresh = await completeRecovery(v, 'brand new password', fastPassword)
    expect(needsNewPassword(v)).toBe(false)
    expect(fresh.key).not.toBe(first.key)
    const ids = listRecoveryKeys(v).map((s) => s.id)
    expect(ids).not.toContain(first.slot.id)
    expect(ids).toEqual(expect.arrayContaining([spare.slot.id, fresh.slot.id]))
    expect(v.list().items.map((i) => i.data.title)).toEqual(['kept'])
    v.lock()

    expect(await code(unlock(recoveryKeyCredential(first.key)))).toBe('WRONG_CREDENTIAL')
    expect(await code(unlock({ kind: 'password', password: PASSWORD }))).toBe('WRONG_PASSWORD')
    v = await unlock({ kind: 'password', password: 'brand new password' })
    v.lock()
    v = await unlock(recoveryKeyCredential(spare.key))
    expect(needsNewPassword(v)).toBe(true)
    v.lock()
    v = await unlock(recoveryKeyCredential(fresh.key))
    expect(v.list().items.map((i) => i.data.title)).toEqual(['kept'])
  })

  it('completeRecovery refuses a session not opened with a recovery key, and a second time', async () => {
    expect(await code(completeRecovery(v, 'x', fastPassword))).toBe('CONFLICT')
    const k = await createRecoveryKey(v)
    v.lock()
    v = await unlock(recoveryKeyCredential(k.key))
    await completeRecovery(v, 'new one', fastPassword)
    expect(await code(completeRecovery(v, 'again', fastPassword))).toBe('CONFLICT')
  })

  it('a mistyped key is caught before the vault is touched', () => {
    expect(() => recoveryKeyCredential('ABCD-EFGH')).toThrow(/56 characters/)
  })

  it('list shows label, created and last used; revoke destroys the slot', async () => {
    const a = await createRecoveryKey(v, { label: 'A' })
    const b = await createRecoveryKey(v, { label: 'B' })
    expect(listRecoveryKeys(v).map((s) => s.label)).toEqual(['A', 'B'])
    expect(listRecoveryKeys(v)[0]!.createdAt).toBeTypeOf('number')
    expect(revokeRecoveryKey(v, a.slot.id.slice(0, 8)).id).toBe(a.slot.id)
    expect(listRecoveryKeys(v).map((s) => s.label)).toEqual(['B'])
    expect(() => revokeRecoveryKey(v, a.slot.id)).toThrow(/No recovery key/)
    expect(() => revokeRecoveryKey(v, v.unlockedWith.id)).toThrow(/No recovery key/)
    v.lock()
    expect(await code(unlock(recoveryKeyCredential(a.key)))).toBe('WRONG_CREDENTIAL')
    v = await unlock(recoveryKeyCredential(b.key))
  })

  it('revocation protects only copies made afterwards: an older copy still opens', async () => {
    const k = await createRecoveryKey(v)
    v.lock()
    copyFileSync(path, tmp.file('old-copy.cairn'))
    v = await unlock({ kind: 'password', password: PASSWORD })
    revokeRecoveryKey(v, k.slot.id)
    expect(await code(unlock(recoveryKeyCredential(k.key)))).toBe('WRONG_CREDENTIAL')
    const old = await unlock(recoveryKeyCredential(k.key), tmp.file('old-copy.cairn'))
    expect(old.list().items.map((i) => i.data.title)).toEqual(['kept'])
    old.lock()
  })

  it('changing the master password keeps recovery keys valid', async () => {
    const k = await createRecoveryKey(v)
    await v.changePassword('changed', { unsafeKdfParamsForTests: FAST_KDF })
    v.lock()
    v = await unlock(recoveryKeyCredential(k.key))
    expect(v.unlockedWith.kind).toBe('recovery-key')
  })
})
