// Every buffer that holds a credential's bytes is zeroed once the key derivation is done, on every
// path that takes a credential: create, unlock, new slots, password change and key rotation.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeKdf } from '../../../src-main/core/kdf/derive-key.ts'
import type * as KeySlots from '../../../src-main/core/vault/key-slots.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { FAST_KDF, PASSWORD, newVault, tempDir } from './vault-fixtures.ts'

const issued = vi.hoisted(() => [] as Buffer[])

// The real function, observed: each buffer it hands out is kept so the test can look at it later.
vi.mock('../../../src-main/core/vault/key-slots.ts', async (importOriginal) => {
  const real = await importOriginal<typeof KeySlots>()
  return {
    ...real,
    credentialSecret: (...args: Parameters<typeof real.credentialSecret>) => {
      const secret = real.credentialSecret(...args)
      issued.push(secret)
      return secret
    },
  }
})

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
  issued.length = 0
})
afterEach(() => tmp.cleanup())
afterAll(closeKdf)

const allZero = (b: Buffer) => b.every((byte) => byte === 0)

describe('credential bytes are wiped after use', () => {
  it('create, unlock, addSlot, changePassword and rotateVaultKey', async () => {
    const path = tmp.file('wipe.cairn')
    ;(await newVault(path)).lock()
    const v = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
    await v.addSlot({ kind: 'recovery-key', key: 'R'.repeat(56) })
    await v.changePassword('second password', { unsafeKdfParamsForTests: FAST_KDF })
    await v.rotateVaultKey('rotated password', { unsafeKdfParamsForTests: FAST_KDF })
    v.lock()
    expect(issued.length).toBeGreaterThanOrEqual(5)
    expect(issued.every((b) => b.length > 0)).toBe(true)
    expect(issued.map(allZero)).toEqual(issued.map(() => true))
  })
})
