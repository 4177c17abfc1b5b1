// unlock(credential, { recordUse: false }): a session that writes nothing leaves the file
// byte-identical (the CLI relies on it); the default still records the slot's last use.
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, newVault, note, tempDir } from './vault-fixtures.ts'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const state = (path: string) =>
  [path, `${path}-wal`, `${path}-shm`].map((f) => (existsSync(f) ? readFileSync(f) : null))

describe('unlock recordUse', () => {
  it('leaves the file byte-identical when use is not recorded and nothing is written', async () => {
    const path = tmp.file('quiet.cairn')
    const created = await newVault(path)
    created.add(note({ title: 'Kept' }))
    created.lock()
    const lastUsed = openVault(path).slots()[0]?.lastUsedAt
    const before = state(path)

    const vault = await openVault(path).unlock(
      { kind: 'password', password: PASSWORD },
      { recordUse: false },
    )
    expect(vault.list().items.map((r) => r.data.title)).toEqual(['Kept'])
    expect(vault.unlockedWith.lastUsedAt).toBe(lastUsed ?? null)
    vault.lock()

    expect(state(path)).toEqual(before)
    expect(openVault(path).slots()[0]?.lastUsedAt).toBe(lastUsed)
  })

  it('records the last use by default', async () => {
    const path = tmp.file('recorded.cairn')
    ;(await newVault(path)).lock()
    const before = state(path)
    const started = Date.now()
    const vault = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
    vault.lock()
    expect(state(path)).not.toEqual(before)
    expect(openVault(path).slots()[0]?.lastUsedAt).toBeGreaterThanOrEqual(started)
  })
})
