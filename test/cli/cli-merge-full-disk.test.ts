// `cairn merge` on a nearly full disk (a real small tmpfs): the merge commits into the -wal, the
// checkpoint after it runs out of room. The command reports the commit and what could not be done,
// exits 0, and once space is freed the vault opens with the merged items.
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openVault } from '../../src-main/core/vault/vault-file.ts'
import {
  fillDisk,
  mountSmallDisk,
  smallDiskUnavailable,
  type SmallDisk,
} from '../core/vault/faults/sqlite-faults.ts'
import { PASSWORD, cairnWithPassword, seedVault, workspace, type Workspace } from './cli-harness.ts'
import { note } from './cli-items-fixtures.ts'

const unavailable = smallDiskUnavailable()
if (unavailable) console.log(`Skipping the nearly-full-disk merge test: ${unavailable}`)

describe('cairn merge on a nearly full disk', () => {
  let ws: Workspace | null = null
  let disk: SmallDisk | null = null
  afterEach(() => {
    disk?.unmount()
    ws?.cleanup()
    disk = null
    ws = null
  })

  it.skipIf(unavailable !== null)(
    'reports the committed merge and the checkpoint it could not do, exit 0',
    async () => {
      ws = workspace()
      const mounted = mountSmallDisk(8)
      if (typeof mounted === 'string') throw new Error(mounted)
      disk = mounted
      const vault = join(disk.dir, 'v.cairn')
      await seedVault(vault, [note({ title: 'first' })])
      const other = ws.file('other.cairn')
      copyFileSync(vault, other)
      const v = await openVault(other).unlock({ kind: 'password', password: PASSWORD })
      for (let i = 0; i < 100; i++) v.add(note({ title: `n${i}`, body: 'x'.repeat(20_000) }))
      v.lock()
      // Room for the log (about 2 MiB) but not for growing the file by as much again.
      fillDisk(join(disk.dir, 'filler'), 3 * 1024 * 1024)

      const r = cairnWithPassword(['merge', vault, other])
      expect(r.status).toBe(0)
      expect(r.stdout).toMatch(/\(committed\): 100 added/)
      expect(r.stderr).toMatch(/merge is committed, but it could not be copied .*-wal/)
      expect(r.stderr).toMatch(/disk .* is full/)

      rmSync(join(disk.dir, 'filler'))
      const after = await openVault(vault).unlock({ kind: 'password', password: PASSWORD })
      expect(after.list().items).toHaveLength(101)
      after.lock()
    },
  )
})
