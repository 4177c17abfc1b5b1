// Two processes on one vault file: a session whose key another process rotated refuses to read or
// write (nothing is stored that the vault's key cannot read back), and two `cairn add` of the same
// key at once store it once.
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeKdf } from '../../../src-main/core/kdf/derive-key.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { CLI, cleanEnv } from '../../cli/cli-harness.ts'
import { PASSWORD, newVault, note, tempDir } from './vault-fixtures.ts'

const ROTATE = fileURLToPath(new URL('./support/rotate-child.ts', import.meta.url))

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())
afterAll(() => closeKdf())

describe('another process rotates the key of an open vault', () => {
  it('the open session refuses to write or read, and no row is stored', async () => {
    const path = tmp.file('shared.cairn')
    const v = await newVault(path)
    v.add(note({ title: 'before' }))
    const rotated = spawnSync(process.execPath, [ROTATE, path, PASSWORD, 'rotated elsewhere'], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(rotated.stderr).toBe('')
    expect(rotated.stdout).toBe('rotated')

    const changed = /key was changed elsewhere.*unlock it again/
    expect(() => v.add(note({ title: 'lost?' }))).toThrow(changed)
    expect(() => v.list()).toThrow(changed)
    v.lock()

    const after = (await openVault(path).unlock({
      kind: 'password',
      password: 'rotated elsewhere',
    })) as UnlockedVaultFile
    expect(after.list()).toMatchObject({ damaged: [] })
    expect(after.list().items.map((i) => i.data)).toEqual([note({ title: 'before' })])
    after.lock()
  }, 60_000)
})

describe('two `cairn add` of one key at the same moment', () => {
  it('store it once: the other is told it is already there', async () => {
    const path = tmp.file('race.cairn')
    ;(await newVault(path)).lock()
    const uri = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example'
    const runs = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<{ status: number | null; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, [CLI, 'add', path, uri], {
              env: cleanEnv({ CAIRN_PASSWORD: PASSWORD }),
              stdio: ['ignore', 'ignore', 'pipe'],
            })
            let stderr = ''
            child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
            child.on('close', (status) => resolve({ status, stderr }))
          }),
      ),
    )
    expect(runs.filter((r) => r.status === 0)).toHaveLength(1)
    for (const r of runs.filter((x) => x.status !== 0)) {
      expect(r.stderr).toMatch(/already in the vault/)
    }
    const v = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
    expect(v.list().items).toHaveLength(1)
    v.lock()
  }, 120_000)
})
