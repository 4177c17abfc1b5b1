// Automatic backups with fake timers on a real vault and a real folder: debounced after changes,
// never later than the maximum delay, N versions kept (oldest deleted), atomic files that open,
// failures reported and retried.
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openBackup } from '../../src-main/core/backup/backup-reader.ts'
import type { UnlockedVaultFile } from '../../src-main/core/vault/unlocked-vault-file.ts'
import { AutoBackup, autoBackupFor, fileStem } from '../../src-main/services/auto-backup.ts'
import { PASSWORD, newVault, note, tempDir } from '../core/vault/vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let vault: UnlockedVaultFile
let folder: string
const START = Date.UTC(2025, 0, 1, 9, 0, 0)

beforeEach(async () => {
  tmp = tempDir()
  vault = await newVault(tmp.file('Home vault.cairn'))
  folder = join(tmp.dir, 'backups')
  mkdirSync(folder)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(START)
})
afterEach(() => {
  vi.useRealTimers()
  vault.lock()
  tmp.cleanup()
})

const files = () => readdirSync(folder).sort()
const make = (keep = 3) =>
  autoBackupFor(vault, {
    folder,
    keep,
    name: 'Home vault',
    debounceMs: 30_000,
    maxDelayMs: 120_000,
  })

/** A change to the vault, announced as the app's item service would. */
function change(backup: AutoBackup, title: string) {
  vault.add(note({ title }))
  backup.notifyChanged()
}

describe('automatic backups', () => {
  it('waits for a quiet period after the last change, then writes one version', async () => {
    const backup = make()
    change(backup, 'a')
    await vi.advanceTimersByTimeAsync(20_000)
    change(backup, 'b')
    await vi.advanceTimersByTimeAsync(20_000)
    change(backup, 'c')
    await vi.advanceTimersByTimeAsync(29_000)
    expect(files()).toEqual([])
    expect(backup.status().pending).toBe(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(files()).toEqual(['Home-vault.20250101T090110000Z.cairnbackup'])
    expect(backup.status()).toMatchObject({
      pending: false,
      lastError: null,
      lastBackupAt: START + 70_000,
    })
    const opened = await openBackup(join(folder, files()[0]!), {
      kind: 'password',
      password: PASSWORD,
    })
    expect(
      opened.payload.items.map((i) => (i.record.data as { title: string }).title).sort(),
    ).toEqual(['a', 'b', 'c'])
    opened.vaultKey?.fill(0)
    backup.close()
  })

  it('a steady stream of changes is still backed up by the maximum delay', async () => {
    const backup = make(10)
    for (let t = 0; t < 300_000; t += 10_000) {
      change(backup, `edit ${t}`)
      await vi.advanceTimersByTimeAsync(10_000)
    }
    // Changes every 10 s never leave 30 s of quiet: the 120 s ceiling writes them anyway.
    expect(files().length).toBe(2)
    backup.close()
    expect(files().length).toBe(3)
  })

  it('keeps the newest N versions and deletes older ones', async () => {
    const backup = make(3)
    for (let i = 0; i < 5; i++) {
      change(backup, `v${i}`)
      await vi.advanceTimersByTimeAsync(31_000)
    }
    const versions = backup.versions()
    expect(versions).toHaveLength(3)
    expect(files()).toHaveLength(3) // and no temporary files left behind
    expect(versions.map((v) => v.createdAt)).toEqual(
      [4, 3, 2].map((i) => START + (i + 1) * 30_000 + i * 1_000),
    )
    const newest = await openBackup(versions[0]!.path, { kind: 'password', password: PASSWORD })
    expect(newest.payload.items).toHaveLength(5)
    newest.vaultKey?.fill(0)
    backup.close()
  })

  it('a failure is reported, keeps the changes pending and is retried', async () => {
    const errors: unknown[] = []
    const backup = autoBackupFor(vault, {
      folder,
      keep: 2,
      name: 'Home vault',
      debounceMs: 30_000,
      onError: (e) => errors.push(e),
    })
    change(backup, 'x')
    rmSync(folder, { recursive: true })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(errors).toHaveLength(1)
    expect(backup.status()).toMatchObject({ pending: true, lastBackupAt: null })
    expect(backup.status().lastError).toMatch(/automatic backup failed|does not exist/)
    mkdirSync(folder)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(files()).toHaveLength(1)
    expect(backup.status()).toMatchObject({ pending: false, lastError: null })
    backup.close()
  })

  it('backupNow writes at once; close flushes what is pending; nothing after close', async () => {
    const backup = make()
    backup.backupNow()
    expect(files()).toHaveLength(1)
    change(backup, 'late')
    backup.close()
    expect(files()).toHaveLength(2)
    backup.notifyChanged()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(files()).toHaveLength(2)
  })

  it('checks its settings, and names files safely', () => {
    expect(() => new AutoBackup({ folder, keep: 0, name: 'x', write: () => {} })).toThrow(
      /1 to 100/,
    )
    expect(
      () => new AutoBackup({ folder: join(folder, 'nope'), keep: 1, name: 'x', write: () => {} }),
    ).toThrow(/does not exist/)
    expect(fileStem('Work: "secrets" / 2025')).toBe('Work-secrets-2025')
    expect(fileStem('...')).toBe('vault')
    expect(fileStem('Ünïcode vault')).toBe('Ünïcode-vault')
  })
})
