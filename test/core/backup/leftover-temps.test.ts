// A backup or restore killed with SIGKILL leaves its hidden temporary file (".NAME.<hex>.backup",
// ".NAME.<hex>.creating" and SQLite's side files) behind. The next write to the same name removes
// the stale ones, and only those: a fresh one (a write in progress) and names not of our pattern stay.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { restoreBackup } from '../../../src-main/core/backup/restore.ts'
import { STALE_TEMP_MS } from '../../../src-main/core/fs/atomic-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, newVault, note, tempDir, type TempDir } from '../vault/vault-fixtures.ts'

const CHILD = fileURLToPath(new URL('./faults/backup-restore-child.ts', import.meta.url))

const temps = (dir: string, name: string) =>
  readdirSync(dir).filter((f) =>
    new RegExp(`^\\.${name.replace(/\./g, '\\.')}\\.[0-9a-f]{12}\\.`).test(f),
  )

/** Runs the child until a temporary file for `target` appears, then kills it with SIGKILL. */
function killWhileWriting(args: string[], target: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args, PASSWORD], { stdio: 'ignore' })
    const dir = dirname(target)
    const prefix = basename(target)
    const timer = setInterval(() => {
      if (temps(dir, prefix).length) {
        child.kill('SIGKILL')
        clearInterval(timer)
      }
    }, 1)
    child.on('error', reject)
    child.on('exit', () => {
      clearInterval(timer)
      resolve(temps(dir, prefix))
    })
    setTimeout(() => child.kill('SIGKILL'), 30_000)
  })
}

/** Makes files look abandoned, as they are after STALE_TEMP_MS without a write. */
function age(dir: string, names: string[]): void {
  const past = (Date.now() - STALE_TEMP_MS - 60_000) / 1000
  for (const n of names) utimesSync(join(dir, n), past, past)
}

describe('temporary files left by a kill', () => {
  let tmp: TempDir
  afterEach(() => tmp.cleanup())

  async function vaultWithItems(): Promise<string> {
    const path = tmp.file('v.cairn')
    const v = await newVault(path)
    for (let i = 0; i < 200; i++) v.add(note({ title: `n${i}`, body: 'x'.repeat(5000) }))
    v.lock()
    return path
  }

  it('a killed backup: the next backup to that name removes the stale temporary file', async () => {
    tmp = tempDir()
    const vault = await vaultWithItems()
    const backup = tmp.file('b.cairnbackup')
    const left = await killWhileWriting(['backup', vault, backup], backup)
    expect(left.some((f) => f.endsWith('.backup'))).toBe(true)
    age(tmp.dir, left)
    // Not ours: another name, another pattern, and a fresh temporary file of a write in progress.
    const foreign = ['.b.cairnbackup.notours.backup', '.other.cairnbackup.0123456789ab.backup']
    for (const f of foreign) writeFileSync(tmp.file(f), 'x')
    age(tmp.dir, foreign)
    const fresh = '.b.cairnbackup.aaaaaaaaaaaa.backup'
    writeFileSync(tmp.file(fresh), 'x')

    const v = await openVault(vault).unlock({ kind: 'password', password: PASSWORD })
    await writeBackup(v, backup, { protection: { kind: 'vault-slots' }, replace: true })
    v.lock()
    for (const f of left) expect(existsSync(tmp.file(f)), f).toBe(false)
    for (const f of [...foreign, fresh]) expect(existsSync(tmp.file(f)), f).toBe(true)
  })

  it('a killed restore: the next restore to that name removes the stale file and its side files', async () => {
    tmp = tempDir()
    const vault = await vaultWithItems()
    const backup = tmp.file('b.cairnbackup')
    const v = await openVault(vault).unlock({ kind: 'password', password: PASSWORD })
    await writeBackup(v, backup, { protection: { kind: 'vault-slots' } })
    v.lock()
    const target = tmp.file('restored.cairn')
    const left = await killWhileWriting(['restore', backup, target], `${target}.0`)
    expect(left.some((f) => /\.creating$/.test(f))).toBe(true)
    age(tmp.dir, left)
    await restoreBackup(backup, `${target}.0`, { kind: 'password', password: PASSWORD })
    expect(temps(tmp.dir, 'restored.cairn.0')).toEqual([])
  })
})
