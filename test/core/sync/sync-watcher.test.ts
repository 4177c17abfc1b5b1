// The watcher that keeps an unlocked vault in step with its folder: real vault files, a real
// folder and Node's real file events; the periodic look without events; a folder that goes away
// and comes back; local edits written once they pause, and flushed before a lock.
import { renameSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readSyncLink } from '../../../src-main/core/sync/sync-link.ts'
import { syncNow, type SyncReport } from '../../../src-main/core/sync/sync-pass.ts'
import {
  SyncWatcher,
  syncFailureMessage,
  type SyncWatcherOptions,
} from '../../../src-main/core/sync/sync-watcher.ts'
import { conflictCopies, syncOverview } from '../../../src-main/core/sync/sync-overview.ts'
import { CairnError } from '../../../src-main/core/errors.ts'
import { note } from '../vault/vault-fixtures.ts'
import { sharedVault, titles, type Folder } from './sync-fixtures.ts'

let shared: Folder | null = null
const watchers: SyncWatcher[] = []
afterEach(() => {
  for (const w of watchers.splice(0)) w.close({ flush: false })
  shared?.close()
  shared = null
})

function watcherOn(
  f: Folder,
  i: number,
  options: Partial<SyncWatcherOptions> = {},
): { watcher: SyncWatcher; passes: SyncReport[]; errors: string[] } {
  const d = f.devices[i]!
  const passes: SyncReport[] = []
  const errors: string[] = []
  const watcher = new SyncWatcher({
    vaultPath: d.path,
    vault: d.vault,
    onPass: (r) => passes.push(r),
    onError: (m) => errors.push(m),
    periodMs: 3_600_000,
    settleMs: 30,
    writeDelayMs: 30,
    ...options,
  })
  watchers.push(watcher)
  return { watcher, passes, errors }
}

const WAIT = { timeout: 5000, interval: 20 }

describe('SyncWatcher', () => {
  it('merges another device’s file when the folder’s file events say it changed', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices as [Folder['devices'][0], Folder['devices'][0]]
    const { watcher, passes } = watcherOn(shared, 0)
    expect(watcher.start()).not.toBeNull()
    expect(passes).toHaveLength(1)
    b.vault.add(note({ title: 'from B' }))
    syncNow(b.path, b.vault)
    await vi.waitFor(() => expect(titles(a.vault)).toContain('from B'), WAIT)
    const merged = passes.flatMap((p) => p.files).filter((f) => f.status === 'merged')
    expect(merged.map((f) => f.deviceId)).toEqual([readSyncLink(b.path)!.deviceId])
  })

  it('looks periodically where no file event comes', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices as [Folder['devices'][0], Folder['devices'][0]]
    const silent = () => ({ close() {} })
    const { watcher } = watcherOn(shared, 0, { watchFolder: silent, periodMs: 100 })
    watcher.start()
    b.vault.add(note({ title: 'no event' }))
    syncNow(b.path, b.vault)
    await vi.waitFor(() => expect(titles(a.vault)).toContain('no event'), WAIT)
  })

  it('writes a local edit once edits pause, one write for a burst', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices as [Folder['devices'][0], Folder['devices'][0]]
    const { watcher, passes } = watcherOn(shared, 0, { writeDelayMs: 150 })
    watcher.start()
    for (const t of ['one', 'two', 'three']) {
      a.vault.add(note({ title: t }))
      watcher.localChange()
    }
    await vi.waitFor(() => expect(passes.some((p) => p.wroteOwnFile)).toBe(true), WAIT)
    expect(passes.filter((p) => p.wroteOwnFile)).toHaveLength(1)
    syncNow(b.path, b.vault)
    expect(titles(b.vault)).toEqual(expect.arrayContaining(['one', 'two', 'three']))
  })

  it('flushes a pending edit when closed before a lock, and runs no pass after', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices as [Folder['devices'][0], Folder['devices'][0]]
    const { watcher, passes } = watcherOn(shared, 0, { writeDelayMs: 60_000 })
    watcher.start()
    a.vault.add(note({ title: 'just before the lock' }))
    watcher.localChange()
    watcher.close({ flush: true })
    expect(passes.at(-1)!.wroteOwnFile).toBe(true)
    expect(watcher.runPass()).toBeNull()
    syncNow(b.path, b.vault)
    expect(titles(b.vault)).toContain('just before the lock')
  })

  it('says when the folder is gone, and syncs again once it is back', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices as [Folder['devices'][0], Folder['devices'][0]]
    const { watcher, errors } = watcherOn(shared, 0, { periodMs: 100 })
    watcher.start()
    const away = `${shared.folder}-unplugged`
    renameSync(shared.folder, away)
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), WAIT)
    expect(errors[0]).toMatch(/sync folder .* is missing/)
    b.vault.add(note({ title: 'while away' }))
    renameSync(away, shared.folder)
    syncNow(b.path, b.vault)
    await vi.waitFor(() => expect(titles(a.vault)).toContain('while away'), WAIT)
  })

  it('words failures without quoting anything but a path', () => {
    expect(syncFailureMessage(new CairnError('FILE_NOT_FOUND', 'The folder /x is gone'))).toBe(
      'The folder /x is gone',
    )
    const denied = Object.assign(new Error('EACCES: permission denied, open /s/secret'), {
      code: 'EACCES',
    })
    expect(syncFailureMessage(denied)).toMatch(/permissions/)
    expect(syncFailureMessage(new Error('boom'))).toMatch(/^The sync pass failed: try Sync now/)
  })
})

describe('sync overview', () => {
  it('lists each device’s file and the conflict copies a merge left', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices as [Folder['devices'][0], Folder['devices'][0]]
    const id = a.vault.list().items.find((r) => r.data.title === 'seed')!.id
    a.vault.update(id, note({ title: 'seed on A', body: 'A' }))
    b.vault.update(id, note({ title: 'seed on B', body: 'B' }))
    shared.settle()
    const overview = syncOverview(a.path, a.vault.header.vaultUuid)!
    expect(overview.files).toHaveLength(2)
    expect(overview.files.filter((f) => f.thisDevice)).toHaveLength(1)
    expect(overview.files.every((f) => f.writtenAt !== null && !f.syncToolCopy)).toBe(true)
    const copies = conflictCopies(a.vault.list().items)
    expect(copies).toHaveLength(1)
    expect(copies[0]!.title).toMatch(/^seed on [AB] \(conflict copy\)$/)
    expect(conflictCopies(b.vault.list().items)).toEqual(copies)
    // Deleting the copy resolves the conflict.
    a.vault.trash(copies[0]!.id)
    expect(conflictCopies(a.vault.list().items)).toEqual([])
    expect(syncOverview(`${a.path}.not-linked`, a.vault.header.vaultUuid)).toBeNull()
  })
})
