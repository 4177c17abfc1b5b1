// Opening a version-1 vault with a valid credential upgrades it to version 2. A SIGKILL after any
// step of the upgrade leaves a vault that opens with every item; the version-1 original is kept
// beside it until the upgraded vault has been unlocked once more.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeKdf } from '../../../src-main/core/kdf/derive-key.ts'
import { keptOriginalPath } from '../../../src-main/core/vault/format-upgrade.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, login, note, otp, tempDir } from './vault-fixtures.ts'
import { writeFormat1Vault } from './support/format1-vault.ts'

const CHILD = fileURLToPath(new URL('./support/upgrade-child.ts', import.meta.url))

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())
afterAll(() => closeKdf())

const items = [
  note({ title: 'kept across the upgrade' }),
  login(),
  otp({ kind: 'hotp', counter: 7 }),
]

const unlock = (path: string) =>
  openVault(path).unlock({ kind: 'password', password: PASSWORD }) as Promise<UnlockedVaultFile>

const userVersion = (path: string) => readFileSync(path).readUInt32BE(60)

describe('upgrading a version-1 vault', () => {
  it('upgrades on unlock, says so, keeps the original until the next unlock', async () => {
    const path = tmp.file('old.cairn')
    const { ids } = await writeFormat1Vault(path, PASSWORD, items)
    expect(openVault(path).header.formatVersion).toBe(1)

    const v = await unlock(path)
    expect(v.header.formatVersion).toBe(3)
    expect(v.notices().join('\n')).toMatch(/upgraded from format 1 to format 3/)
    expect(v.list().items.map((i) => i.id)).toEqual(ids)
    expect(v.list().damaged).toEqual([])
    v.add(note({ title: 'written in format 3' }))
    v.lock()
    expect(userVersion(path)).toBe(3)
    expect(userVersion(keptOriginalPath(path))).toBe(1)

    const again = await unlock(path)
    expect(again.notices().join('\n')).toMatch(/format-1 original .* was deleted/)
    expect(again.list().items).toHaveLength(items.length + 1)
    again.lock()
    expect(existsSync(keptOriginalPath(path))).toBe(false)
  })

  it.each(['checkpointed', 'kept', 'built', 'replaced'])(
    'a SIGKILL right after the "%s" step leaves a vault that opens with every item',
    async (step) => {
      const path = tmp.file(`killed-${step}.cairn`)
      const { ids } = await writeFormat1Vault(path, PASSWORD, items)
      const run = spawnSync(process.execPath, [CHILD, path, PASSWORD, step], {
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(run.stderr).toBe('')
      expect(run.signal).toBe('SIGKILL')
      // Old or new, whichever the kill left: it opens, and the next unlock finishes the job.
      const version = userVersion(path)
      expect(version).toBe(step === 'replaced' ? 3 : 1)
      const v = await unlock(path)
      expect(v.header.formatVersion).toBe(3)
      expect(v.list().items.map((i) => i.id)).toEqual(ids)
      expect(v.list().damaged).toEqual([])
      v.lock()
      // No temporary file of the killed upgrade is left behind.
      expect(readdirSync(tmp.dir).filter((n) => n.startsWith('.'))).toEqual([])
    },
    60_000,
  )
})
