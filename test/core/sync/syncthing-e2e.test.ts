// End to end through a real sync engine: two Syncthing instances on 127.0.0.1, each sharing a
// folder on its own side, and a Cairn vault on each. Skips, saying why, when Syncthing is missing.
import { existsSync, readdirSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { joinSyncFolder } from '../../../src-main/core/sync/sync-join.ts'
import { linkVault } from '../../../src-main/core/sync/sync-link.ts'
import { syncNow } from '../../../src-main/core/sync/sync-pass.ts'
import { PASSWORD, newVault, note, tempDir } from '../vault/vault-fixtures.ts'
import { expectConverged, titles, unlockPath } from './sync-fixtures.ts'
import { startSyncthingPair, syncthingVersion, type SyncthingPair } from './syncthing-pair.ts'

const version = syncthingVersion()
if (!version) {
  console.warn(
    'syncthing e2e skipped: the `syncthing` program is not installed (apt-get install syncthing)',
  )
}

async function until(what: string, check: () => boolean, pair: SyncthingPair, ms = 25_000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what} did not happen within ${ms} ms. Syncthing said:\n${pair.log()}`)
}

const tmp = tempDir()
let pair: SyncthingPair | null = null
afterAll(async () => {
  await pair?.stop()
  tmp.cleanup()
})

describe.skipIf(!version)(`sync through Syncthing (${version ?? 'missing'})`, () => {
  it('join through the folder, then an edit on A arrives in B within a bounded time', async () => {
    pair = await startSyncthingPair(tmp.dir)
    const [folderA, folderB] = pair.folders
    const pathA = tmp.file('A.cairn')
    const a = await newVault(pathA)
    a.add(note({ title: 'seed' }))
    linkVault(pathA, folderA, a.header.vaultUuid)
    syncNow(pathA, a)
    const hasCairnFile = (dir: string, n: number) =>
      readdirSync(dir).filter((f) => f.endsWith('.cairnsync')).length >= n
    await until("A's device file reaching B's folder", () => hasCairnFile(folderB, 1), pair)

    const pathB = tmp.file('B.cairn')
    await joinSyncFolder(folderB, pathB, { kind: 'password', password: PASSWORD })
    const b = await unlockPath(pathB)
    syncNow(pathB, b)
    await until("B's device file reaching A's folder", () => hasCairnFile(folderA, 2), pair)

    const started = Date.now()
    a.add(note({ title: 'edited on A' }))
    expect(syncNow(pathA, a).wroteOwnFile).toBe(true)
    await until(
      "A's edit arriving in B's vault",
      () => {
        syncNow(pathB, b)
        return titles(b).includes('edited on A')
      },
      pair,
    )
    console.log(`syncthing: edit on A arrived in B's vault after ${Date.now() - started} ms`)
    syncNow(pathA, a)
    expectConverged([
      { name: 'A', path: pathA, vault: a },
      { name: 'B', path: pathB, vault: b },
    ])
    // Nothing from Syncthing's own temporaries was taken for a device file.
    expect(readdirSync(folderB).filter((f) => f.includes('sync-conflict'))).toEqual([])
    a.lock()
    b.lock()
    await pair.stop()
    expect(existsSync(folderA)).toBe(true)
  }, 60_000)
})
