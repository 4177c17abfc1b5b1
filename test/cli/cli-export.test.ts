// `cairn export`: refused without --unencrypted, a warning on stderr with it, output that parses
// back, and --out writing a new owner-only file.
import { readFileSync, statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseOtpauthUri } from '../../src-main/core/otp/otpauth-uri.ts'
import { cairnWithPassword, expectOneLine, seedVault, workspace } from './cli-harness.ts'
import { login, otpItem } from './cli-items-fixtures.ts'

const ws = workspace()
const vault = ws.file('e.cairn')
beforeAll(async () => {
  await seedVault(vault, [
    otpItem({ issuer: 'Bank', account: 'me' }),
    otpItem({ issuer: 'Mail', account: 'you', digits: 8 }),
    login({ title: 'Shop, "the" one' }),
  ])
})
afterAll(() => ws.cleanup())

describe('cairn export', () => {
  it('needs --unencrypted: without it nothing is printed (wrong usage)', () => {
    const r = cairnWithPassword(['export', vault, '--format', 'otpauth'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(expectOneLine(r.stderr)).toMatch(/not encrypted: add --unencrypted/)
  })

  it('otpauth: one URI per key, with a warning on stderr', () => {
    const r = cairnWithPassword(['export', vault, '--format', 'otpauth', '--unencrypted'])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/warning: This export is NOT encrypted/)
    const lines = r.stdout.trim().split('\n')
    expect(lines.map((l) => parseOtpauthUri(l).issuer)).toEqual(['Bank', 'Mail'])
    expect(parseOtpauthUri(lines[1]!).digits).toBe(8)
  })

  it('csv --out: a new owner-only file with RFC 4180 quoting; never overwritten', () => {
    const out = ws.file('logins.csv')
    const r = cairnWithPassword(['export', vault, '--format', 'csv', '--unencrypted', '--out', out])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    const text = readFileSync(out, 'utf8')
    expect(text.split('\r\n')[0]).toBe(
      'title,username,password,url,other_urls,notes,tags,custom_fields,otpauth',
    )
    expect(text).toContain('"Shop, ""the"" one",alice@example.com,Login-Secret-42,')
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const again = cairnWithPassword([
      'export',
      vault,
      '--format',
      'csv',
      '--unencrypted',
      '--out',
      out,
    ])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
  })

  it('aegis: encrypted by default with the export password, and imports back into a vault', async () => {
    const out = ws.file('keys.aegis.json')
    const r = cairnWithPassword(['export', vault, '--format', 'aegis', '--out', out], {
      env: { CAIRN_EXPORT_PASSWORD: 'for the phone' },
    })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).not.toMatch(/NOT encrypted/)
    const file = JSON.parse(readFileSync(out, 'utf8'))
    expect(typeof file.db).toBe('string')
    expect(file.header.slots[0].type).toBe(1)

    const target = ws.file('from-aegis.cairn')
    await seedVault(target)
    const imported = cairnWithPassword(['import', target, out], {
      env: { CAIRN_IMPORT_PASSWORD: 'for the phone' },
    })
    expect(imported.status, imported.stderr).toBe(0)
    expect(imported.stdout).toContain('keys.aegis.json: Aegis, encrypted')
    expect(imported.stdout).toContain('Imported 2 2FA keys')
    expect(imported.stderr).toBe('')
  })

  it('aegis --unencrypted: plain, with the warning; no export password is asked', () => {
    const r = cairnWithPassword(['export', vault, '--format', 'aegis', '--unencrypted'])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/warning: This export is NOT encrypted/)
    const file = JSON.parse(r.stdout)
    expect(file.db.entries.map((e: { issuer: string }) => e.issuer)).toEqual(['Bank', 'Mail'])
  })

  it('aegis without a password source and no terminal: refused, nothing printed', () => {
    const r = cairnWithPassword(['export', vault, '--format', 'aegis'])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(expectOneLine(r.stderr)).toMatch(/no export password: use --export-password-file/)
  })
})
