// Two and three copies of one vault sharing a sync folder, with real vault files and real device
// files. After every scenario all copies hold the same items and nothing acknowledged is lost.
import { appendFileSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CONFLICT_TAG } from '../../../src-main/core/backup/merge.ts'
import { deviceFilePath } from '../../../src-main/core/sync/device-file.ts'
import { adoptRotatedKey } from '../../../src-main/core/sync/sync-join.ts'
import { readSyncLink } from '../../../src-main/core/sync/sync-link.ts'
import { forgetDevice, syncNow } from '../../../src-main/core/sync/sync-pass.ts'
import {
  createGroup,
  deleteGroup,
  moveItems,
  renameGroup,
  vaultGroupTree,
} from '../../../src-main/core/vault/vault-groups.ts'
import { flattenGroupTree } from '../../../src-shared/group-path.ts'
import { FAST_KDF, note } from '../vault/vault-fixtures.ts'
import {
  expectConverged,
  sharedVault,
  snapshot,
  titles,
  unlockPath,
  type Folder,
} from './sync-fixtures.ts'

let shared: Folder | null = null
afterEach(() => {
  vi.useRealTimers()
  shared?.close()
  shared = null
})

function ownFile(f: Folder, i: number): string {
  const d = f.devices[i]!
  return deviceFilePath(readSyncLink(d.path)!, d.vault.header.vaultUuid)
}

describe('sync through a shared folder', () => {
  it('joins: a new copy holds the same vault, with its own device file', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices as [Folder['devices'][0], Folder['devices'][0]]
    expect(b.vault.header.vaultUuid).toBe(a.vault.header.vaultUuid)
    expectConverged(shared.devices)
    const names = readdirSync(shared.folder).sort()
    expect(names).toHaveLength(2)
    for (const n of names) {
      expect(n).toMatch(/^[0-9a-f-]{36}\.[0-9a-f]{16}\.cairnsync$/)
      expect(n).not.toContain('seed')
    }
    // Nothing readable in the folder.
    for (const n of names)
      expect(readFileSync(join(shared.folder, n)).includes('from A')).toBe(false)
  })

  it('concurrent edits of different items on three copies all arrive everywhere', async () => {
    shared = await sharedVault(3)
    const [a, b, c] = shared.devices
    a!.vault.add(note({ title: 'only on A' }))
    b!.vault.add(note({ title: 'only on B' }))
    const seed = c!.vault.list().items.find((i) => i.data.title === 'seed')!
    c!.vault.update(seed.id, note({ title: 'seed', body: 'edited on C' }))
    shared.settle()
    expectConverged(shared.devices)
    expect(titles(a!.vault)).toEqual(['only on A', 'only on B', 'seed'])
    expect(a!.vault.get(seed.id).data).toMatchObject({ body: 'edited on C' })
  })

  it('the same item edited on two copies: one in place, the other as a visible conflict copy', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices
    const seed = a!.vault.list().items[0]!
    a!.vault.update(seed.id, note({ title: 'seed', body: 'A wrote this' }))
    b!.vault.update(seed.id, note({ title: 'seed', body: 'B wrote this' }))
    const reports = shared.settle()
    expectConverged(shared.devices)
    const bodies = a!.vault
      .list()
      .items.map((i) => (i.data as { body: string }).body)
      .sort()
    expect(bodies).toEqual(['A wrote this', 'B wrote this'])
    const copy = a!.vault.list().items.find((i) => i.data.tags.includes(CONFLICT_TAG))!
    expect(copy.data.title).toContain('conflict copy')
    expect(reports.flatMap((r) => r.conflicts)).toHaveLength(1)
  })

  it('groups made, filled, renamed and deleted on three copies end the same everywhere', async () => {
    shared = await sharedVault(3)
    const [a, b, c] = shared.devices
    createGroup(a!.vault, ['Work'])
    createGroup(a!.vault, ['Old'])
    shared.settle()
    const seed = b!.vault.list().items.find((i) => i.data.title === 'seed')!
    moveItems(b!.vault, [seed.id], ['Work', 'Servers'])
    renameGroup(c!.vault, ['Old'], ['Archive'])
    createGroup(a!.vault, ['Empty'])
    shared.settle()
    deleteGroup(a!.vault, ['Empty'])
    shared.settle()
    expectConverged(shared.devices)
    const tree = (d: Folder['devices'][0]) =>
      flattenGroupTree(vaultGroupTree(d.vault)).map(
        ({ node }) => `${node.path.join('/')}: ${node.total}`,
      )
    for (const d of shared.devices) {
      expect(tree(d)).toEqual(['Archive: 0', 'Work: 1', 'Work/Servers: 1'])
      expect(d.vault.get(seed.id).data.group).toEqual(['Work', 'Servers'])
    }
  })

  it('a delete against an edit keeps the edit; a plain delete travels', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices
    const keep = a!.vault.add(note({ title: 'edited on B, purged on A' }))
    const gone = a!.vault.add(note({ title: 'purged on A' }))
    const trashed = a!.vault.add(note({ title: 'trashed on B' }))
    shared.settle()
    a!.vault.purge(keep.id)
    b!.vault.update(keep.id, note({ title: 'edited on B, purged on A', body: 'new' }))
    a!.vault.purge(gone.id)
    b!.vault.trash(trashed.id)
    shared.settle()
    expectConverged(shared.devices)
    expect(titles(a!.vault)).toEqual(['edited on B, purged on A', 'seed', 'trashed on B'])
    expect(a!.vault.get(trashed.id).deletedAt).not.toBeNull()
    expect(b!.vault.tombstones().map((t) => t.id)).toEqual([gone.id])
  })

  it('a key rotation on one copy: the other asks once, takes the new password, and converges', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices
    await a!.vault.rotateVaultKey('the new password', { unsafeKdfParamsForTests: FAST_KDF })
    a!.vault.add(note({ title: 'after rotation on A' }))
    b!.vault.add(note({ title: 'before B learns it' }))
    expect(syncNow(a!.path, a!.vault).wroteOwnFile).toBe(true)
    const first = syncNow(b!.path, b!.vault)
    expect(first.needsNewPassword).toBe(true)
    expect(first.askForNewPassword).toBe(true)
    expect(first.files.find((f) => f.status === 'other-key')?.note).toMatch(/new master password/)
    const second = syncNow(b!.path, b!.vault)
    expect(second).toMatchObject({ needsNewPassword: true, askForNewPassword: false })
    expect(titles(b!.vault)).not.toContain('after rotation on A')
    await adoptRotatedKey(b!.path, b!.vault, { kind: 'password', password: 'the new password' })
    b!.vault = await unlockPath(b!.path, 'the new password')
    shared.settle()
    expectConverged(shared.devices)
    expect(titles(a!.vault)).toEqual(['after rotation on A', 'before B learns it', 'seed'])
    expect(readSyncLink(a!.path)!.needsNewPassword).toBe(false)
  })

  it("a sync tool's conflict copy is merged and then tidied away", async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices
    const bFile = ownFile(shared, 1)
    // An older version of B's file, kept by the tool beside the newer one.
    b!.vault.add(note({ title: 'in the old version only' }))
    syncNow(b!.path, b!.vault)
    const conflictName = bFile.replace(
      '.cairnsync',
      '.sync-conflict-20260101-120000-ABCDEFG.cairnsync',
    )
    copyFileSync(bFile, conflictName)
    const dropbox = bFile.replace('.cairnsync', " (B's conflicted copy 2026-01-01).cairnsync")
    copyFileSync(bFile, dropbox)
    const id = b!.vault.list().items.find((i) => i.data.title === 'in the old version only')!.id
    b!.vault.purge(id) // B moves on; the item is gone only on purpose
    b!.vault.add(note({ title: 'newer on B' }))
    // B's own pass finds the tool's copies of its file: merged (the purge still wins), tidied.
    const report = syncNow(b!.path, b!.vault)
    expect(report.files.filter((f) => f.status === 'tidied')).toHaveLength(2)
    shared.settle()
    expectConverged(shared.devices)
    expect(titles(a!.vault)).toEqual(['newer on B', 'seed'])
    expect(readdirSync(shared.folder).some((n) => n.includes('conflict'))).toBe(false)
  })

  it('a torn write (file cut short) and a foreign file are ignored with a note, nothing merged', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices
    b!.vault.add(note({ title: 'written by B' }))
    syncNow(b!.path, b!.vault)
    const bFile = ownFile(shared, 1)
    const whole = readFileSync(bFile)
    writeFileSync(bFile, whole.subarray(0, whole.length - 40))
    const vaultId = a!.vault.header.vaultUuid
    const foreign = join(shared.folder, `${vaultId}.0123456789abcdef.cairnsync`)
    writeFileSync(foreign, 'CAIRNBAK not really')
    const before = snapshot(a!.vault)
    const report = syncNow(a!.path, a!.vault)
    expect(snapshot(a!.vault)).toEqual(before)
    const notes = report.files.filter((f) => f.status === 'ignored').map((f) => f.note)
    expect(notes).toHaveLength(2)
    expect(notes.join('\n')).toMatch(/truncated/)
    // A tampered byte is refused as well.
    const flipped = Buffer.from(whole)
    flipped[flipped.length - 5]! ^= 1
    writeFileSync(bFile, flipped)
    const tampered = syncNow(a!.path, a!.vault)
    expect(tampered.files.find((f) => f.file === bFile.split('/').pop())?.note).toMatch(
      /failed authentication/,
    )
    expect(snapshot(a!.vault)).toEqual(before)
    // Once whole again (B writes it anew), it merges.
    writeFileSync(bFile, whole)
    appendFileSync(foreign, '')
    shared.settle()
    expectConverged(shared.devices)
    expect(titles(a!.vault)).toContain('written by B')
  })

  it('a device whose clock is a year wrong loses nothing and converges', async () => {
    shared = await sharedVault(2)
    const [a, b] = shared.devices
    const seed = a!.vault.list().items[0]!
    const year = 365 * 24 * 3600 * 1000
    vi.useFakeTimers({ now: Date.now() - year, toFake: ['Date'] })
    b!.vault.update(seed.id, note({ title: 'seed', body: 'B, clock in the past' }))
    const late = b!.vault.add(note({ title: 'added with the wrong clock' }))
    syncNow(b!.path, b!.vault)
    vi.useRealTimers()
    a!.vault.add(note({ title: 'added on A' }))
    shared.settle()
    expectConverged(shared.devices)
    expect(a!.vault.get(seed.id).data).toMatchObject({ body: 'B, clock in the past' })
    expect(a!.vault.get(late.id).data.title).toBe('added with the wrong clock')
    expect(titles(a!.vault)).toEqual(['added on A', 'added with the wrong clock', 'seed'])
  })

  it('a read does not rewrite the device file; a forgotten device is ignored and removed', async () => {
    shared = await sharedVault(3)
    const [a, , c] = shared.devices
    const file = ownFile(shared, 0)
    const bytes = readFileSync(file)
    a!.vault.list()
    expect(syncNow(a!.path, a!.vault).wroteOwnFile).toBe(false)
    expect(readFileSync(file).equals(bytes)).toBe(true)
    const cId = readSyncLink(c!.path)!.deviceId
    c!.vault.add(note({ title: 'from a forgotten device' }))
    syncNow(c!.path, c!.vault)
    expect(forgetDevice(a!.path, a!.vault.header.vaultUuid, cId)).toBe(1)
    expect(readdirSync(shared.folder).some((n) => n.includes(cId))).toBe(false)
    syncNow(c!.path, c!.vault) // C writes again; A removes it again without merging
    const r = syncNow(a!.path, a!.vault)
    expect(r.files.find((f) => f.deviceId === cId)?.status).toBe('forgotten')
    expect(titles(a!.vault)).not.toContain('from a forgotten device')
  })
})
