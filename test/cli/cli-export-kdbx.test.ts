// `cairn export VAULT --format kdbx --out FILE`: a KeePass database encrypted with the export
// password, readable by KeePassXC and by Cairn's own KDBX importer; never overwriting.
import { readFileSync, statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kdbxImporter } from '../../src-main/core/import/importers/kdbx.ts'
import { keepassxc, needKeepassxc } from '../support/keepassxc.ts'
import { cairnWithPassword, expectOneLine, seedVault, workspace, writeText } from './cli-harness.ts'
import { login, otpItem, recoveryCodes } from './cli-items-fixtures.ts'

const ws = workspace()
const vault = ws.file('k.cairn')
const EXPORT_PASSWORD = 'kdbx export pw'
beforeAll(async () => {
  await seedVault(vault, [
    otpItem({ issuer: 'Bank', account: 'me' }),
    login({ title: 'Shop' }),
    recoveryCodes(),
  ])
})
afterAll(() => ws.cleanup())

describe('cairn export --format kdbx', () => {
  it('writes an owner-only KDBX 4 file that Cairn and KeePassXC read', async () => {
    const out = ws.file('vault.kdbx')
    const passwordFile = writeText(ws.file('export-pw.txt'), `${EXPORT_PASSWORD}\n`)
    const r = cairnWithPassword([
      'export',
      vault,
      '--format',
      'kdbx',
      '--out',
      out,
      '--export-password-file',
      passwordFile,
    ])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/Wrote .*vault\.kdbx: 3 item\(s\) as a KeePass \(KDBX 4\) database/)
    expect(r.stderr).not.toMatch(/NOT encrypted/)
    expect(statSync(out).mode & 0o777).toBe(0o600)

    const file = await kdbxImporter.read(
      new Uint8Array(readFileSync(out)),
      async () => EXPORT_PASSWORD,
    )
    const titles = file.entries.map((e) => `${e.data.type}:${e.data.title}`).sort()
    expect(titles).toEqual(['login:Shop', 'note:GitHub codes', 'otp:Bank (me)'])
    const shop = file.entries.find((e) => e.data.type === 'login')
    expect(shop?.data).toMatchObject({
      password: 'Login-Secret-42',
      fields: [{ name: 'PIN', value: 'Pin-Secret-7', secret: true }],
    })

    const again = cairnWithPassword([
      'export',
      vault,
      '--format',
      'kdbx',
      '--out',
      out,
      '--export-password-file',
      passwordFile,
    ])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
  })

  it('writes a file KeePassXC opens', (ctx) => {
    needKeepassxc(ctx)
    const out = ws.file('for-keepassxc.kdbx')
    const r = cairnWithPassword(['export', vault, '--format', 'kdbx', '--out', out], {
      env: { CAIRN_EXPORT_PASSWORD: EXPORT_PASSWORD },
    })
    expect(r.status, r.stderr).toBe(0)
    const listing = keepassxc(['ls', '-q', out], `${EXPORT_PASSWORD}\n`)
    // The database also has KeePass's usual (empty) recycle bin group.
    expect(listing.trim().split('\n').sort()).toEqual([
      'Bank (me)',
      'GitHub codes',
      'Recycle Bin/',
      'Shop',
    ])
  })

  it('takes the export password from CAIRN_EXPORT_PASSWORD, and needs --out', () => {
    const out = ws.file('env.kdbx')
    const r = cairnWithPassword(['export', vault, '--format', 'kdbx', '--out', out], {
      env: { CAIRN_EXPORT_PASSWORD: EXPORT_PASSWORD },
    })
    expect(r.status, r.stderr).toBe(0)
    const noOut = cairnWithPassword(['export', vault, '--format', 'kdbx'], {
      env: { CAIRN_EXPORT_PASSWORD: EXPORT_PASSWORD },
    })
    expect(noOut.status).toBe(2)
    expect(expectOneLine(noOut.stderr)).toMatch(/add --out FILE/)
  })

  it('without a terminal and without an export password it says where to give one', () => {
    const r = cairnWithPassword([
      'export',
      vault,
      '--format',
      'kdbx',
      '--out',
      ws.file('none.kdbx'),
    ])
    expect(r.status).toBe(1)
    expect(expectOneLine(r.stderr)).toMatch(/no export password: use --export-password-file/)
  })
})
