// Sync figures on a 10,000-item vault shared by two devices through a folder: merging the other
// device's file (the work of every sync pass), writing this device's file after one edit, and an
// edit on A arriving in B's vault with the sync tool's copy step simulated by a file copy.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { BenchFigure } from './bench-types.ts'
import { medianMs } from './measure.ts'
import { createBench10k, credential } from './bench-vault.ts'
import { openBackupWithVaultKey } from '../src-main/core/backup/backup-reader.ts'
import { mergeInto } from '../src-main/core/backup/merge.ts'
import { deviceFilePath, writeDeviceFile } from '../src-main/core/sync/device-file.ts'
import { joinSyncFolder } from '../src-main/core/sync/sync-join.ts'
import { linkVault, readSyncLink } from '../src-main/core/sync/sync-link.ts'
import { syncNow } from '../src-main/core/sync/sync-pass.ts'
import type { UnlockedVaultFile } from '../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../src-main/core/vault/vault-file.ts'

async function unlock(path: string): Promise<UnlockedVaultFile> {
  const locked = openVault(path)
  try {
    return await locked.unlock(credential)
  } finally {
    locked.close()
  }
}

export default async function syncBench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-sync-'))
  const figures: BenchFigure[] = []
  try {
    // Two folders: what A writes is copied into B's, as a sync tool would.
    const folderA = join(dir, 'folder-a')
    const folderB = join(dir, 'folder-b')
    mkdirSync(folderA)
    mkdirSync(folderB)
    const pathA = join(dir, 'A.cairn')
    const a = await createBench10k(pathA)
    linkVault(pathA, folderA, a.header.vaultUuid)
    syncNow(pathA, a)
    const linkA = readSyncLink(pathA)!
    const fileA = deviceFilePath(linkA, a.header.vaultUuid)
    const copyToB = () => copyFileSync(fileA, join(folderB, basename(fileA)))
    copyToB()
    const pathB = join(dir, 'B.cairn')
    await joinSyncFolder(folderB, pathB, credential)
    const b = await unlock(pathB)
    syncNow(pathB, b)

    const mergeMs = await medianMs(() => mergeInto(b, openBackupWithVaultKey(fileA, b)))
    figures.push({
      name: 'merge a device file of 10,000 items',
      value: mergeMs,
      unit: 'ms',
      goal: '≤ 300 ms',
      note: 'read + authenticate + parse + compare by lineage (nothing new)',
    })

    syncNow(pathB, b)
    const idleMs = await medianMs(() => syncNow(pathB, b))
    figures.push({
      name: 'sync pass with nothing new (10,000 items)',
      value: idleMs,
      unit: 'ms',
      note: 'unchanged device files are not read again; own file: keyed digest, no write',
    })

    const items = a.list().items
    let edit = 0
    const writeMs = await medianMs(() => {
      const item = items[edit++]!
      a.update(item.id, { ...item.data, title: `${item.data.title} (edit ${edit})` })
      writeDeviceFile(pathA, a, readSyncLink(pathA)!)
    })
    figures.push({
      name: 'write this device’s file after a single edit (10,000 items)',
      value: writeMs,
      unit: 'ms',
      note: 'edit + state read + keyed digest + encrypt + fsync + rename',
    })

    syncNow(pathB, b)
    let arrival = 0
    const arrivalMs = await medianMs(() => {
      const item = items[100 + arrival++]!
      const title = `${item.data.title} (arrives ${arrival})`
      a.update(item.id, { ...item.data, title })
      writeDeviceFile(pathA, a, readSyncLink(pathA)!)
      copyToB()
      syncNow(pathB, b)
      if (b.get(item.id).data.title !== title) throw new Error('the edit did not arrive')
    })
    figures.push({
      name: 'edit on A to arrival in B’s vault (copy step simulated)',
      value: arrivalMs,
      unit: 'ms',
      note: 'A writes its file, a file copy, B’s sync pass merges and rewrites its own',
    })
    a.lock()
    b.lock()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
