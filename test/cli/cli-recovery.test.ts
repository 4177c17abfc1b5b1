// Recovery keys and one-time codes through the real CLI: create, unlock with it (any command),
// forced new master password, the used key gone and a fresh one printed; revoke; typos; codes
// spent on first use. Failures leave the vault byte-identical.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
let vault: string
beforeEach(async () => {
  ws = workspace()
  vault = ws.file('r.cairn')
  await seedVault(vault, [note({ title: 'Door code' })])
})
afterEach(() => ws.cleanup())

const KEY_SHAPE = /^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/

function createKey(label = 'Safe'): string {
  const r = cairnWithPassword(['recovery', vault, 'create', '--label', label])
  expect(r.status).toBe(0)
  expect(r.stderr).toMatch(/shown only this once/)
  const key = r.stdout.trim()
  expect(key).toMatch(KEY_SHAPE)
  return key
}

describe('cairn recovery', () => {
  // The new master-password slot is calibrated (about a second of Argon2id on an idle machine, far
  // more on a loaded one): no authenticated Argon2id slot at the floor opened this session.
  it('create → unlock with it → new master password → old key gone → new key works', () => {
    const key = createKey()
    const listed = JSON.parse(cairnWithPassword(['recovery', vault, 'list', '--json']).stdout)
    expect(listed).toEqual([
      { id: expect.any(String), label: 'Safe', createdAt: expect.any(Number), lastUsedAt: null },
    ])

    const used = cairn(['list', vault], {
      env: { CAIRN_RECOVERY_KEY: key.toLowerCase(), CAIRN_NEW_PASSWORD: 'fresh password' },
    })
    expect(used.status).toBe(0)
    expect(used.stdout).toContain('Door code')
    expect(used.stderr).toMatch(/choose a new master password/)
    const fresh = /\n\s+([A-Z2-7-]{69})\n/.exec(used.stderr)?.[1]
    expect(fresh).toMatch(KEY_SHAPE)
    expect(fresh).not.toBe(key)

    const old = cairn(['list', vault], { env: { CAIRN_RECOVERY_KEY: key } })
    expect(old.status).toBe(1)
    expect(expectOneLine(old.stderr)).toMatch(/Wrong recovery key/)
    expect(cairnWithPassword(['list', vault]).status).toBe(1)
    expect(cairn(['list', vault], { env: { CAIRN_PASSWORD: 'fresh password' } }).status).toBe(0)

    const file = writeText(ws.file('key.txt'), `${fresh}\n`)
    const again = cairn(['code', vault, '--recovery-key-file', file], {
      env: { CAIRN_NEW_PASSWORD: 'third password' },
    })
    expect(again.stderr).toMatch(/Master password changed/)
    const labels = JSON.parse(
      cairn(['recovery', vault, 'list', '--json'], { env: { CAIRN_PASSWORD: 'third password' } })
        .stdout,
    )
    expect(labels).toHaveLength(1)
  }, 180_000)

  it('without a way to give the new password, the recovery unlock fails and writes nothing', () => {
    const key = createKey()
    const before = snapshot(vault)
    const r = cairn(['list', vault], { env: { CAIRN_RECOVERY_KEY: key } })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/no new master password/)
    expect(r.stdout).toBe('')
    expect(snapshot(vault)).toEqual(before)
  })

  it('a mistyped key is reported as such before the vault is read', () => {
    const key = createKey()
    const before = snapshot(vault)
    const typo = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')
    const r = cairn(['list', vault], { env: { CAIRN_RECOVERY_KEY: typo } })
    expect(r.status).toBe(1)
    expect(expectOneLine(r.stderr)).toMatch(/mistyped/)
    expect(snapshot(vault)).toEqual(before)
    const both = cairn(['list', vault], {
      env: { CAIRN_RECOVERY_KEY: key, CAIRN_PASSWORD: PASSWORD },
    })
    expect(both.status).toBe(2)
  })

  it('revoke by id prefix: the key no longer opens the vault', () => {
    const key = createKey('To revoke')
    const [{ id }] = JSON.parse(cairnWithPassword(['recovery', vault, 'list', '--json']).stdout)
    const r = cairnWithPassword(['recovery', vault, 'revoke', id.slice(0, 6)])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Revoked recovery key 'To revoke'/)
    expect(r.stderr).toMatch(/made before now still accept/)
    const after = cairn(['list', vault], { env: { CAIRN_RECOVERY_KEY: key } })
    expect(after.status).toBe(1)
    expect(cairnWithPassword(['recovery', vault, 'list']).stdout).toMatch(/No recovery keys/)
  })

  it('create --html prints a printable page with the key and its QR code', () => {
    const r = cairnWithPassword(['recovery', vault, 'create', '--html'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^<!doctype html>/)
    expect(r.stdout).toContain('<svg')
    expect(r.stdout).toMatch(/([A-Z2-7]{4} ){13}[A-Z2-7]{4}/)
  })
})

describe('cairn onetime', () => {
  it('prints N codes; each unlocks once, then is spent', () => {
    const r = cairnWithPassword(['onetime', vault, 'create', '2'])
    expect(r.status).toBe(0)
    const codes = r.stdout.trim().split('\n')
    expect(codes).toHaveLength(2)
    for (const c of codes) expect(c).toMatch(/^([A-Z2-7]{4}-){4}[A-Z2-7]{4}$/)
    expect(cairnWithPassword(['onetime', vault, 'list']).stdout).toMatch(/^2 unused/)

    const file = writeText(ws.file('code.txt'), codes[0]!)
    const first = cairn(['list', vault, '--one-time-code-file', file])
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('Door code')
    const before = snapshot(vault)
    const second = cairn(['list', vault, '--one-time-code-file', file])
    expect(second.status).toBe(1)
    expect(expectOneLine(second.stderr)).toMatch(/Wrong one-time code/)
    expect(snapshot(vault)).toEqual(before)
    expect(cairnWithPassword(['onetime', vault, 'revoke-all']).stdout).toMatch(/Revoked 1/)
  })

  it('refuses a bad count as wrong usage', () => {
    for (const n of ['0', 'x', '1.5']) {
      expect(cairnWithPassword(['onetime', vault, 'create', n]).status).toBe(2)
    }
    expect(cairnWithPassword(['onetime', vault, 'create', '51']).status).toBe(1)
  })
})
