// `cairn sync …` on real vault files and a real shared folder: link, join, now, status, forget.
import { mkdirSync, readdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { syncNow } from '../../src-main/core/sync/sync-pass.ts'
import { openVault } from '../../src-main/core/vault/vault-file.ts'
import {
  PASSWORD,
  cairn,
  cairnWithPassword,
  seedVault,
  workspace,
  writeText,
  type Workspace,
} from './cli-harness.ts'
import { note } from './cli-items-fixtures.ts'

const FAST_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }

let ws: Workspace
let folder: string
beforeEach(() => {
  ws = workspace()
  folder = ws.file('Sync')
  mkdirSync(folder)
})
afterEach(() => ws.cleanup())

const titles = (path: string) =>
  (
    JSON.parse(cairn(['list', path, '--json'], { env: { CAIRN_PASSWORD: PASSWORD } }).stdout) as {
      name: string
    }[]
  )
    .map((i) => i.name)
    .sort()

describe('cairn sync', () => {
  it('link, join, edits on both sides, status and forget', async () => {
    const laptop = ws.file('laptop.cairn')
    const desktop = ws.file('desktop.cairn')
    await seedVault(laptop, [note({ title: 'Wifi' })])
    const linked = cairnWithPassword(['sync', 'link', laptop, folder])
    expect(linked.stderr).toBe('')
    expect(linked.status).toBe(0)
    const laptopId = /as device ([0-9a-f]{16})/.exec(linked.stdout)![1]!
    expect(readdirSync(folder)).toHaveLength(1)

    const joined = cairnWithPassword(['sync', 'join', folder, desktop])
    expect(joined.status).toBe(0)
    expect(joined.stdout).toMatch(/Joined vault 'CLI test' \(1 item\(s\)\)/)
    expect(readdirSync(folder)).toHaveLength(2)

    expect(cairnWithPassword(['add-login', desktop, '--title', 'From desktop']).status).toBe(0)
    expect(cairnWithPassword(['sync', 'now', desktop]).status).toBe(0)
    const now = cairnWithPassword(['sync', 'now', laptop])
    expect(now.status).toBe(0)
    expect(now.stdout).toMatch(/merged \(1 added/)
    expect(titles(laptop)).toEqual(['From desktop', 'Wifi'])

    const status = cairn(['sync', 'status', desktop])
    expect(status.status).toBe(0)
    expect(status.stdout).toContain(`Folder:       ${folder}`)
    expect(status.stdout).toContain(`${laptopId}: last change 20`)
    expect(status.stdout).toMatch(/\(this device\)/)

    const forgot = cairn(['sync', 'forget', desktop, laptopId])
    expect(forgot.stdout).toContain('1 file(s) removed')
    expect(readdirSync(folder).some((n) => n.includes(laptopId))).toBe(false)
  })

  it('a key rotation on one computer: the other says so once, then takes the new password', async () => {
    const laptop = ws.file('laptop.cairn')
    const desktop = ws.file('desktop.cairn')
    await seedVault(laptop, [note({ title: 'Wifi' })])
    expect(cairnWithPassword(['sync', 'link', laptop, folder]).status).toBe(0)
    expect(cairnWithPassword(['sync', 'join', folder, desktop]).status).toBe(0)
    const NEW = 'a brand new master password'
    // The rotation on the laptop goes through the core, with cheap test-only KDF parameters.
    const locked = openVault(laptop)
    const v = await locked.unlock({ kind: 'password', password: PASSWORD })
    locked.close()
    await v.rotateVaultKey(NEW, { unsafeKdfParamsForTests: FAST_KDF })
    v.add(note({ title: 'After rotation' }))
    syncNow(laptop, v)
    v.lock()
    const first = cairnWithPassword(['sync', 'now', desktop])
    expect(first.status).toBe(0)
    expect(first.stderr).toMatch(/this device needs the new master password/)
    const again = cairnWithPassword(['sync', 'now', desktop])
    expect(again.stderr).not.toMatch(/this device needs the new master password/)
    const taken = cairnWithPassword([
      'sync',
      'now',
      desktop,
      '--new-password-file',
      writeText(ws.file('new.txt'), NEW),
    ])
    expect(taken.stderr).toBe('')
    expect(taken.status).toBe(0)
    expect(taken.stdout).toMatch(/Took over the new vault key/)
    const list = cairn(['list', desktop, '--json'], { env: { CAIRN_PASSWORD: NEW } })
    expect((JSON.parse(list.stdout) as { name: string }[]).map((i) => i.name).sort()).toEqual([
      'After rotation',
      'Wifi',
    ])
  })

  it('wrong usage and an unlinked vault say what to do', async () => {
    const v = ws.file('v.cairn')
    await seedVault(v)
    const bad = cairn(['sync', 'bogus', v])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/unknown sync subcommand/)
    const unlinked = cairnWithPassword(['sync', 'now', v])
    expect(unlinked.status).toBe(1)
    expect(unlinked.stderr).toMatch(/not linked to a sync folder: run cairn sync link first/)
    const empty = cairnWithPassword(['sync', 'join', folder, ws.file('new.cairn')])
    expect(empty.status).toBe(1)
    expect(empty.stderr).toMatch(/no Cairn sync files/)
  })
})
