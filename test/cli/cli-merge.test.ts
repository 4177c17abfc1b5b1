// `cairn merge VAULT OTHER` on two real copies of one vault file, and with a backup as OTHER.
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UnlockedVaultFile } from '../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../src-main/core/vault/vault-file.ts'
import {
  PASSWORD,
  cairn,
  cairnWithPassword,
  expectOneLine,
  seedVault,
  snapshot,
  workspace,
  writeText,
  type Workspace,
} from './cli-harness.ts'
import { note } from './cli-items-fixtures.ts'

let ws: Workspace
let a: string
let b: string
let ids: string[]
beforeEach(async () => {
  ws = workspace()
  a = ws.file('laptop.cairn')
  b = ws.file('phone-copy.cairn')
  ids = await seedVault(a, [note({ title: 'Wifi', body: 'first' }), note({ title: 'Alarm' })])
  copyFileSync(a, b)
})
afterEach(() => ws.cleanup())

const titles = (path: string, env = { CAIRN_PASSWORD: PASSWORD }) =>
  (JSON.parse(cairn(['list', path, '--json'], { env }).stdout) as { name: string }[])
    .map((i) => i.name)
    .sort()

async function edit(path: string, work: (v: UnlockedVaultFile) => void) {
  const v = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
  try {
    work(v)
  } finally {
    v.lock()
  }
}

describe('cairn merge', () => {
  it('two copies: additions, deletions and a conflict, without touching OTHER', async () => {
    expect(cairnWithPassword(['add-login', a, '--title', 'Only on laptop']).status).toBe(0)
    expect(cairnWithPassword(['add-login', b, '--title', 'Only on phone']).status).toBe(0)
    expect(cairnWithPassword(['rm', b, 'Alarm', '--purge']).status).toBe(0)
    await edit(a, (v) => v.update(ids[0]!, note({ title: 'Wifi', body: 'laptop' })))
    await new Promise((r) => setTimeout(r, 5)) // the phone's edit is the later one
    await edit(b, (v) => v.update(ids[0]!, note({ title: 'Wifi', body: 'phone' })))

    const other = snapshot(b)
    const r = cairnWithPassword(['merge', a, b])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/1 added, 0 updated, 1 deleted, 0 restored, 1 conflict\(s\)/)
    expect(r.stdout).toMatch(/conflict: 'Wifi'/)
    expect(snapshot(b)).toEqual(other)
    expect(titles(a)).toEqual(['Only on laptop', 'Only on phone', 'Wifi', 'Wifi (conflict copy)'])

    // The other way round ends with the same items.
    expect(cairnWithPassword(['merge', b, a]).status).toBe(0)
    expect(titles(b)).toEqual(titles(a))
    const again = cairnWithPassword(['merge', a, b])
    expect(again.stdout).toMatch(/0 added, 0 updated, 0 deleted, 0 restored, 0 conflict\(s\)/)
  })

  it('a copy or backup of VAULT opens with its key; a rotated copy needs its own password', async () => {
    expect(cairnWithPassword(['add-login', b, '--title', 'From backup']).status).toBe(0)
    expect(cairnWithPassword(['backup', b, ws.file('b.cairnbackup')]).status).toBe(0)
    const r = cairnWithPassword(['merge', a, ws.file('b.cairnbackup')])
    expect(r.status).toBe(0)
    expect(titles(a)).toContain('From backup')

    // A copy whose password changed still shares the vault key: no password needed for it.
    const fast = { unsafeKdfParamsForTests: { memoryKiB: 64, iterations: 1, parallelism: 1 } }
    const c = ws.file('c.cairn')
    copyFileSync(b, c)
    await edit(c, (v) => v.add(note({ title: 'From c' })))
    const v = await openVault(c).unlock({ kind: 'password', password: PASSWORD })
    await v.changePassword('c password', fast)
    v.lock()
    expect(cairnWithPassword(['merge', a, c]).status).toBe(0)
    expect(titles(a)).toContain('From c')

    // After a key rotation the copy opens only with its own credential.
    const d = ws.file('d.cairn')
    copyFileSync(b, d)
    const w = await openVault(d).unlock({ kind: 'password', password: PASSWORD })
    w.add(note({ title: 'From rotated d' }))
    await w.rotateVaultKey('d password', fast)
    w.lock()
    const wrong = cairnWithPassword(['merge', a, d])
    expect(wrong.status).toBe(1)
    expect(expectOneLine(wrong.stderr)).toMatch(/--other-password-file/)
    const other = writeText(ws.file('other-pw.txt'), 'd password\n')
    expect(cairnWithPassword(['merge', a, d, '--other-password-file', other]).status).toBe(0)
    expect(titles(a)).toContain('From rotated d')
  })
})
