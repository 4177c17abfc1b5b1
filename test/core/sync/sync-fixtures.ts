// Vault copies on one machine sharing a sync folder: real vault files, real device files, and a
// settle step that runs sync passes round-robin until no copy changes any more.
import { mkdirSync } from 'node:fs'
import { expect } from 'vitest'
import { joinSyncFolder } from '../../../src-main/core/sync/sync-join.ts'
import { linkVault } from '../../../src-main/core/sync/sync-link.ts'
import { syncNow, type SyncReport } from '../../../src-main/core/sync/sync-pass.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, newVault, note, tempDir, type TempDir } from '../vault/vault-fixtures.ts'

export interface Device {
  name: string
  path: string
  vault: UnlockedVaultFile
}

export async function unlockPath(path: string, password = PASSWORD): Promise<UnlockedVaultFile> {
  const locked = openVault(path)
  try {
    return (await locked.unlock({ kind: 'password', password })) as UnlockedVaultFile
  } finally {
    locked.close()
  }
}

export interface Folder {
  tmp: TempDir
  folder: string
  devices: Device[]
  /** Run sync passes until a whole round changes nothing; returns every report. */
  settle(): SyncReport[]
  close(): void
}

/** `count` copies of one vault, the first created and the others joined through the folder. */
export async function sharedVault(count: number): Promise<Folder> {
  const tmp = tempDir()
  const folder = tmp.file('shared')
  mkdirSync(folder)
  const devices: Device[] = []
  const first = tmp.file('A.cairn')
  const a = await newVault(first)
  a.add(note({ title: 'seed', body: 'from A' }))
  linkVault(first, folder, a.header.vaultUuid)
  syncNow(first, a)
  devices.push({ name: 'A', path: first, vault: a })
  for (let i = 1; i < count; i++) {
    const name = String.fromCharCode(65 + i)
    const path = tmp.file(`${name}.cairn`)
    await joinSyncFolder(folder, path, { kind: 'password', password: PASSWORD })
    const vault = await unlockPath(path)
    syncNow(path, vault)
    devices.push({ name, path, vault })
  }
  const settle = () => {
    const reports: SyncReport[] = []
    for (let round = 0; round < 6; round++) {
      let changed = false
      for (const d of devices) {
        const r = syncNow(d.path, d.vault)
        reports.push(r)
        if (r.wroteOwnFile || r.files.some((f) => f.status === 'merged' || f.status === 'tidied')) {
          changed = true
        }
      }
      if (!changed) return reports
    }
    throw new Error('sync did not settle in 6 rounds')
  }
  return {
    tmp,
    folder,
    devices,
    settle,
    close() {
      for (const d of devices) if (!d.vault.isLocked) d.vault.lock()
      tmp.cleanup()
    },
  }
}

/** The full item list of a copy (trash included), comparable across copies. */
export function snapshot(v: UnlockedVaultFile) {
  return v
    .list({ includeTrash: true })
    .items.map((r) => ({ id: r.id, deletedAt: r.deletedAt, data: r.data }))
    .sort((x, y) => (x.id < y.id ? -1 : 1))
}

export function titles(v: UnlockedVaultFile): string[] {
  return v
    .list({ includeTrash: true })
    .items.map((r) => ('title' in r.data ? r.data.title : ''))
    .sort()
}

/** Every copy holds exactly the same items, and no damaged row. */
export function expectConverged(devices: Device[]): void {
  const first = snapshot(devices[0]!.vault)
  for (const d of devices) {
    expect(d.vault.list({ includeTrash: true }).damaged, d.name).toEqual([])
    expect(snapshot(d.vault), `${d.name} against ${devices[0]!.name}`).toEqual(first)
  }
}
