// Backup figures on a 10,000-item vault: writing a backup (vault-slots, no key derivation),
// opening and verifying it, restoring it into a new file, and merging a copy with 1,000 changed
// items. Key derivation is excluded (negligible test parameters) so the figures show the format.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchFigure } from './bench-types.ts'
import { medianMs } from './measure.ts'
import { createBench10k, credential } from './bench-vault.ts'
import { openBackup } from '../src-main/core/backup/backup-reader.ts'
import { writeBackup } from '../src-main/core/backup/backup-writer.ts'
import { mergeInto } from '../src-main/core/backup/merge.ts'
import { restoreBackup } from '../src-main/core/backup/restore.ts'
import { openVault, readVaultState } from '../src-main/core/vault/vault-file.ts'

export default async function backupBench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-backup-'))
  const figures: BenchFigure[] = []
  try {
    const path = join(dir, 'big.cairn')
    const vault = await createBench10k(path)
    let n = 0
    let bytes = 0
    const writeMs = await medianMs(async () => {
      const s = await writeBackup(vault, join(dir, `b${n++}.cairnbackup`), {
        protection: { kind: 'vault-slots' },
      })
      bytes = s.bytes
    })
    figures.push({
      name: 'write a backup of 10,000 items (vault-slots)',
      value: writeMs,
      unit: 'ms',
      note: `${(bytes / 2 ** 20).toFixed(1)} MiB file; state read + encrypt + fsync`,
    })
    const backup = join(dir, 'b0.cairnbackup')
    const openMs = await medianMs(async () => {
      const o = await openBackup(backup, credential)
      o.vaultKey?.fill(0)
    })
    figures.push({
      name: 'open + verify + parse that backup',
      value: openMs,
      unit: 'ms',
      note: 'every chunk authenticated, every item validated',
    })
    let r = 0
    const restoreMs = await medianMs(
      () => restoreBackup(backup, join(dir, `r${r++}.cairn`), credential),
      { runs: 5 },
    )
    figures.push({ name: 'restore it into a new vault file', value: restoreMs, unit: 'ms' })

    // Merge: a copy where 1,000 items were edited.
    vault.lock()
    const copy = join(dir, 'copy.cairn')
    copyFileSync(path, copy)
    const other = await openVault(copy).unlock(credential)
    for (const item of other.list().items.slice(0, 1000)) {
      other.update(item.id, { ...item.data, title: `${item.data.title} (edited)` })
    }
    other.lock()
    const { state } = await readVaultState(copy, credential)
    const target = await openVault(path).unlock(credential)
    const mergeStart = performance.now()
    const summary = mergeInto(target, state)
    const mergeMs = performance.now() - mergeStart
    target.lock()
    figures.push({
      name: 'merge a copy with 1,000 of 10,000 items changed',
      value: mergeMs,
      unit: 'ms',
      note: `${summary.updated} updated in one transaction (single run)`,
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
