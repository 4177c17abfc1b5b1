// Sync through the API handler table, with two app instances ("computers") on real vault files and
// one real shared folder: link, join, edits arriving both ways through the watcher, a pending edit
// written before a lock, conflict copies in the status, a key rotated on the other computer taken
// over with its new password, forget and unlink, and argument checks.
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  API,
  type CairnEvent,
  type ItemSummary,
  type SyncStatus,
  type VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import { ARGON2_FLOOR } from '../../src-main/core/kdf/argon2-params.ts'
import { linkPathFor } from '../../src-main/core/sync/sync-link.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

const TIMING = { settleMs: 30, writeDelayMs: 30, periodMs: 3_600_000 }
const WAIT = { timeout: 8000, interval: 25 }

let hosts: Harness[] = []
let shared: string | null = null
afterEach(() => {
  for (const h of hosts) h.cleanup()
  hosts = []
  if (shared) rmSync(shared, { recursive: true, force: true })
  shared = null
})

function computer(options: Parameters<typeof servicesInTempDir>[0] = {}) {
  const h = servicesInTempDir({
    typedPathsAreFileChoices: true,
    kdfParams: { ...ARGON2_FLOOR },
    syncTiming: TIMING,
    ...options,
  })
  hosts.push(h)
  const events: CairnEvent[] = []
  h.services.events.subscribe((e) => events.push(e))
  const call = async <T>(channel: string, ...args: unknown[]): Promise<T> => {
    const r = await h.handlers[channel]!(args)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
  const code = async (channel: string, ...args: unknown[]) => {
    const r = await h.handlers[channel]!(args)
    return r.ok ? 'OK' : r.error.code
  }
  const titles = async (id: string) =>
    (await call<{ items: ItemSummary[] }>(API.items.list, id)).items.map((i) => i.title).sort()
  return { h, events, call, code, titles }
}

const note = (title: string) => ({ kind: 'note', title, tags: [], body: `${title} text` })

function sharedFolder(): string {
  shared = mkdtempSync(join(tmpdir(), 'cairn-sync-folder-'))
  return shared
}

/** A desktop with a linked vault Home holding "Mail", and a laptop that joined it. */
async function twoComputers() {
  const folder = sharedFolder()
  const desktop = computer()
  const home = await desktop.call<VaultInfo>(API.vaults.create, {
    path: desktop.h.path('Home.cairn'),
    name: 'Home',
    password: 'pw',
  })
  await desktop.call(API.items.create, home.id, note('Mail'))
  const linked = await desktop.call<SyncStatus>(API.sync.link, home.id, folder)
  const laptop = computer()
  const joined = await laptop.call<VaultInfo>(API.sync.join, {
    folder,
    vaultPath: laptop.h.path('Laptop.cairn'),
    password: 'pw',
  })
  return { folder, desktop, home, linked, laptop, joined }
}

describe('sync in the app', () => {
  it('links, joins, and edits arrive both ways without a click', async () => {
    const { folder, desktop, home, linked, laptop, joined } = await twoComputers()
    expect(linked.link).toMatchObject({ folder, folderMissing: false })
    expect(linked.link!.lastSyncedAt).not.toBeNull()
    expect(linked.devices).toMatchObject([{ thisDevice: true, note: null }])
    expect(joined).toMatchObject({ name: 'Home', state: 'unlocked' })
    expect(await laptop.titles(joined.id)).toEqual(['Mail'])
    expect(readdirSync(folder)).toHaveLength(2)

    await laptop.call(API.items.create, joined.id, note('From the laptop'))
    await vi.waitFor(
      async () => expect(await desktop.titles(home.id)).toContain('From the laptop'),
      WAIT,
    )
    expect(desktop.events).toContainEqual({ type: 'items-changed', vaultId: home.id })
    expect(desktop.events).toContainEqual({ type: 'sync-changed', vaultId: home.id })

    await desktop.call(API.items.create, home.id, note('From the desktop'))
    await vi.waitFor(
      async () => expect(await laptop.titles(joined.id)).toContain('From the desktop'),
      WAIT,
    )
    const status = await desktop.call<SyncStatus>(API.sync.status, home.id)
    expect(status.devices.map((d) => d.thisDevice).sort()).toEqual([false, true])
    expect(status.error).toBeNull()
    expect(status.conflicts).toEqual([])
  })

  it('writes a pending edit to the folder before the vault locks', async () => {
    const folder = sharedFolder()
    const desktop = computer({ syncTiming: { ...TIMING, writeDelayMs: 60_000 } })
    const home = await desktop.call<VaultInfo>(API.vaults.create, {
      path: desktop.h.path('Home.cairn'),
      name: 'Home',
      password: 'pw',
    })
    await desktop.call(API.sync.link, home.id, folder)
    await desktop.call(API.items.create, home.id, note('Typed just before the lock'))
    await desktop.call(API.vaults.lock, home.id)
    const laptop = computer()
    const joined = await laptop.call<VaultInfo>(API.sync.join, {
      folder,
      vaultPath: laptop.h.path('Laptop.cairn'),
      password: 'pw',
    })
    expect(await laptop.titles(joined.id)).toEqual(['Typed just before the lock'])
    // A locked vault shows no sync status: it has no key to list its conflict copies.
    expect(await desktop.code(API.sync.status, home.id)).toBe('LOCKED')
  })

  it('shows a conflict copy on both computers until the person deletes it', async () => {
    const { desktop, home, laptop, joined } = await twoComputers()
    // Both change "Mail" before either sees the other's change: the laptop's watcher is not told.
    const mail = (await desktop.call<{ items: ItemSummary[] }>(API.items.list, home.id)).items[0]!
    await desktop.call(API.sync.unlink, home.id)
    await desktop.call(API.items.update, home.id, mail.id, mail.revision, note('Mail (desktop)'))
    await laptop.call(API.items.update, joined.id, mail.id, mail.revision, note('Mail (laptop)'))
    await vi.waitFor(async () => {
      const s = await laptop.call<SyncStatus>(API.sync.status, joined.id)
      expect(s.devices.find((d) => !d.thisDevice)?.lastChangeAt).not.toBeUndefined()
    }, WAIT)
    const folder = (await laptop.call<SyncStatus>(API.sync.status, joined.id)).link!.folder
    await desktop.call(API.sync.link, home.id, folder)
    await vi.waitFor(async () => {
      for (const [c, id] of [
        [desktop, home.id],
        [laptop, joined.id],
      ] as const) {
        expect((await c.call<SyncStatus>(API.sync.status, id)).conflicts).toHaveLength(1)
      }
    }, WAIT)
    const [copy] = (await desktop.call<SyncStatus>(API.sync.status, home.id)).conflicts
    expect(copy!.title).toMatch(/^Mail \((desktop|laptop)\) \(conflict copy\)$/)
    await desktop.call(API.items.trash, home.id, copy!.itemId)
    expect((await desktop.call<SyncStatus>(API.sync.status, home.id)).conflicts).toEqual([])
  })

  it('takes over a key rotated on the other computer with its new password', async () => {
    const { desktop, home, laptop, joined } = await twoComputers()
    await laptop.call(API.items.create, joined.id, note('Before the rotation'))
    await vi.waitFor(
      async () => expect(await desktop.titles(home.id)).toContain('Before the rotation'),
      WAIT,
    )
    await laptop.call(API.vaultSettings.rotateKey, joined.id, 'pw', 'new pw')
    await laptop.call(API.sync.now, joined.id)
    await desktop.call(API.items.create, home.id, note('Only on the desktop'))
    await vi.waitFor(async () => {
      const s = await desktop.call<SyncStatus>(API.sync.status, home.id)
      expect(s.needsNewPassword).toBe(true)
    }, WAIT)
    const status = await desktop.call<SyncStatus>(API.sync.status, home.id)
    expect(status.devices.find((d) => !d.thisDevice)!.note).toMatch(/another vault key/)
    expect(await desktop.code(API.sync.adoptNewPassword, home.id, 'wrong')).toBe('WRONG_PASSWORD')
    const after = await desktop.call<SyncStatus>(API.sync.adoptNewPassword, home.id, 'new pw')
    expect(after.needsNewPassword).toBe(false)
    expect(await desktop.titles(home.id)).toEqual([
      'Before the rotation',
      'Mail',
      'Only on the desktop',
    ])
    await desktop.call(API.vaults.lock, home.id)
    expect(await desktop.code(API.vaults.unlock, home.id, 'pw')).toBe('WRONG_PASSWORD')
    await desktop.call(API.vaults.unlock, home.id, 'new pw')
    await vi.waitFor(
      async () => expect(await laptop.titles(joined.id)).toContain('Only on the desktop'),
      WAIT,
    )
  })

  it('forgets a device and unlinks', async () => {
    const { folder, desktop, home, joined, laptop } = await twoComputers()
    const laptopId = (await laptop.call<SyncStatus>(API.sync.status, joined.id)).link!.deviceId
    await laptop.call(API.vaults.close, joined.id)
    const forgot = await desktop.call<SyncStatus>(API.sync.forget, home.id, laptopId)
    expect(forgot.devices.map((d) => d.deviceId)).not.toContain(laptopId)
    expect(readdirSync(folder).filter((f) => f.includes(laptopId))).toEqual([])
    const unlinked = await desktop.call<SyncStatus>(API.sync.unlink, home.id)
    expect(unlinked.link).toBeNull()
    expect(existsSync(linkPathFor(desktop.h.path('Home.cairn')))).toBe(false)
    expect(await desktop.code(API.sync.now, home.id)).toBe('NOT_FOUND')
  })

  it('checks every argument and grants folders only as chosen', async () => {
    const strict = computer({ typedPathsAreFileChoices: false })
    const v = await strict.call<VaultInfo>(API.vaults.create, {
      path: strict.h.services.vaultPaths.chosenToCreate(strict.h.path('V.cairn')),
      name: 'V',
      password: 'pw',
    })
    const folder = strict.h.path('sync')
    mkdirSync(folder)
    expect(await strict.code(API.sync.link, v.id, folder)).toBe('INVALID_ARGUMENT')
    strict.h.services.vaultPaths.chosenFolder(folder)
    expect((await strict.call<SyncStatus>(API.sync.link, v.id, folder)).link!.folder).toBe(folder)
    // A folder that is gone is refused, and the link in place keeps working.
    const gone = strict.h.services.vaultPaths.chosenFolder(strict.h.path('unplugged'))
    expect(await strict.code(API.sync.link, v.id, gone)).toBe('FILE_NOT_FOUND')
    expect((await strict.call<SyncStatus>(API.sync.now, v.id)).link!.folder).toBe(folder)
    expect(await strict.code(API.sync.forget, v.id, 'z'.repeat(16))).toBe('INVALID_ARGUMENT')
    expect(await strict.code(API.sync.forget, v.id, 'abc')).toBe('INVALID_ARGUMENT')
    expect(await strict.code(API.sync.link, v.id)).toBe('INVALID_ARGUMENT')
    expect(await strict.code(API.sync.status, 42)).toBe('INVALID_ARGUMENT')
    expect(
      await strict.code(API.sync.join, {
        folder,
        vaultPath: strict.h.path('J.cairn'),
        password: '',
      }),
    ).toBe('INVALID_ARGUMENT')
    expect(
      await strict.code(API.sync.join, {
        folder,
        vaultPath: strict.h.path('J.cairn'),
        password: 'pw',
      }),
    ).toBe('INVALID_ARGUMENT') // a new vault file only where chosen
    expect(await strict.code(API.sync.adoptNewPassword, v.id, 'pw')).toBe('CONFLICT')
  })
})
