// Everything the window does with items, from the terminal: recovery codes (save, use), secure
// notes, edits (secrets only from stdin or a file), the trash, and links to 2FA keys.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openVault } from '../../src-main/core/vault/vault-file.ts'
import {
  cairn,
  cairnWithPassword,
  PASSWORD,
  seedVault,
  snapshot,
  workspace,
  writeText,
  type Workspace,
} from './cli-harness.ts'
import { login, otpItem } from './cli-items-fixtures.ts'

let ws: Workspace
beforeEach(() => {
  ws = workspace()
})
afterEach(() => ws.cleanup())

async function items(path: string) {
  const vault = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
  try {
    return vault.list({ includeTrash: true }).items
  } finally {
    vault.lock()
  }
}

describe('recovery codes', () => {
  it('saves codes from standard input and marks them used one by one', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault)
    const added = cairnWithPassword(
      ['add-codes', vault, '--title', 'GitHub', '--issuer', 'GitHub'],
      {
        input: 'aaaa-1111\n\n  bbbb-2222  \ncccc-3333\n',
      },
    )
    expect(added.stderr).toBe('')
    expect(added.stdout).toMatch(/^Added 3 recovery codes 'GitHub' \[[0-9a-f]{8}\]\n$/)
    const [record] = await items(vault)
    expect(record?.data).toMatchObject({
      type: 'recovery-codes',
      issuer: 'GitHub',
      codes: [
        { code: 'aaaa-1111', used: false },
        { code: 'bbbb-2222', used: false },
        { code: 'cccc-3333', used: false },
      ],
    })

    const next = cairnWithPassword(['use-code', vault, 'github'])
    expect(next.stdout).toBe('aaaa-1111\n')
    expect(next.stderr).toBe("Marked as used; 2 unused codes left in 'GitHub'\n")
    const given = cairnWithPassword(['use-code', vault, 'github', 'CCCC 3333', '--json'])
    expect(JSON.parse(given.stdout)).toEqual({ id: record?.id, code: null, remaining: 1 })
    const again = cairnWithPassword(['use-code', vault, 'github', 'cccc-3333'])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already used/)
    const last = cairnWithPassword(['use-code', vault, 'github'])
    expect(last.stdout).toBe('bbbb-2222\n')
    expect(last.stderr).toMatch(/0 unused codes left.*\n.*last one/)
  })

  it('adds nothing without codes or a title', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault)
    const before = snapshot(vault)
    expect(cairnWithPassword(['add-codes', vault, '--title', 'X'], { input: '\n \n' }).status).toBe(
      1,
    )
    expect(cairnWithPassword(['add-codes', vault], { input: 'a\n' }).status).toBe(2)
    expect(snapshot(vault)).toEqual(before)
  })
})

describe('notes, edits and the trash', () => {
  it('adds a secure note from standard input', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault)
    const added = cairnWithPassword(
      ['add-note', vault, '--title', 'Door', '--tag', 'home', '--json'],
      {
        input: 'code 1234\nsecond line\n',
      },
    )
    expect(JSON.parse(added.stdout)).toMatchObject({ type: 'note', title: 'Door', tags: ['home'] })
    expect(added.stdout).not.toContain('1234')
    const body = cairnWithPassword(['show', vault, 'door', '--field', 'notes'])
    expect(body.stdout).toBe('code 1234\nsecond line\n')
  })

  it('edits plain fields with --set and secrets only from stdin or a file', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [login(), otpItem({ issuer: 'Google', account: 'a' })])
    const edited = cairnWithPassword([
      'edit',
      vault,
      'example',
      '--set',
      'title=Example Shop',
      '--set',
      'url=https://shop.example',
      '--set',
      'url=https://m.shop.example',
      '--set',
      'tags=shopping, money',
    ])
    expect(edited.stderr).toBe('')
    expect(edited.stdout).toMatch(/^Changed 'Example Shop'/)
    const refused = cairnWithPassword(['edit', vault, 'example shop', '--set', 'password=hunter2'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/password is a secret: give it with --secret-stdin/)
    const viaStdin = cairnWithPassword(
      ['edit', vault, 'example shop', '--secret-stdin', 'password'],
      { input: 'New-Secret-9\n' },
    )
    expect(viaStdin.status).toBe(0)
    const secretFile = writeText(ws.file('secret'), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n')
    const viaFile = cairnWithPassword([
      'edit',
      vault,
      'google',
      '--secret-file',
      `secret=${secretFile}`,
    ])
    expect(viaFile.status).toBe(0)
    const all = await items(vault)
    const shop = all.find((r) => r.data.type === 'login')?.data
    expect(shop).toMatchObject({
      title: 'Example Shop',
      urls: ['https://shop.example', 'https://m.shop.example'],
      tags: ['shopping', 'money'],
      password: 'New-Secret-9',
      passwordHistory: [{ password: 'Login-Secret-42' }, { password: 'Old-Secret-1' }],
    })
    const key = all.find((r) => r.data.type === 'otp')?.data
    expect(key).toMatchObject({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' })
    expect(cairnWithPassword(['code', vault, 'google', '--at', '59']).stdout).toBe('287082\n')
  })

  it('lists the trash and restores from it', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [login()])
    expect(cairnWithPassword(['trash', vault]).stdout).toBe('(the trash is empty)\n')
    expect(cairnWithPassword(['rm', vault, 'example']).status).toBe(0)
    expect(cairnWithPassword(['trash', vault]).stdout).toMatch(/login\s+Example/)
    const json = JSON.parse(cairnWithPassword(['trash', vault, '--json']).stdout)
    expect(json[0].deletedAt).toBeTypeOf('number')
    const restored = cairnWithPassword(['restore-item', vault, 'example'])
    expect(restored.stdout).toMatch(/^Restored 'Example' \[[0-9a-f]{8}\] from the trash\n$/)
    expect(cairnWithPassword(['list', vault]).stdout).toMatch(/Example/)
    expect(cairnWithPassword(['restore-item', vault, 'example']).status).toBe(1)
  })
})

describe('cairn link', () => {
  it('links a login to a 2FA key in another vault, and removes the link', async () => {
    const vault = ws.file('v.cairn')
    const keys = ws.file('keys.cairn')
    await seedVault(vault, [login()])
    const [keyId] = await seedVault(keys, [otpItem({ issuer: 'Example' })], 'another password')
    const passwordFile = writeText(ws.file('other'), 'another password\n')
    const linked = cairnWithPassword([
      'link',
      vault,
      'example',
      keys,
      'example',
      '--other-password-file',
      passwordFile,
      '--json',
    ])
    expect(linked.stderr).toBe('')
    const keysVault = openVault(keys)
    const vaultId = keysVault.header.vaultUuid
    keysVault.close()
    expect(JSON.parse(linked.stdout).otpLink).toEqual({ vaultId, itemId: keyId })
    const wrong = cairnWithPassword(['link', vault, 'example', keys, 'example'])
    expect(wrong.status).toBe(1)
    const removed = cairnWithPassword(['link', vault, 'example', '--none'])
    expect(removed.stdout).toMatch(/^Removed the 2FA link of 'Example'/)
    const [record] = await items(vault)
    expect(record?.data).toMatchObject({ otpLink: null })
    expect(
      cairn(['link', vault, 'example', '--none', 'x'], { env: { CAIRN_PASSWORD: PASSWORD } })
        .status,
    ).toBe(2)
  })
})
