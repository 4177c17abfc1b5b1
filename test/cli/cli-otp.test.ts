// `cairn add` and `cairn code` on real vault files.
import { afterAll, describe, expect, it } from 'vitest'
import { encodeBase32 } from '../../src-main/core/otp/base32.ts'
import { cairnWithPassword, expectOneLine, seedVault, snapshot, workspace } from './cli-harness.ts'
import { login, otpItem } from './cli-items-fixtures.ts'

const ws = workspace()
afterAll(() => ws.cleanup())

// RFC 6238 Appendix B: SHA1 seed, 8 digits; 94287082 at T=59, 07081804 at T=1111111109.
const RFC_SECRET = encodeBase32(Buffer.from('12345678901234567890', 'ascii'))
const RFC_URI = `otpauth://totp/RFC%206238:tester?secret=${RFC_SECRET}&digits=8&issuer=RFC%206238`

function expectUntouched(
  path: string,
  args: string[],
  status: number,
  message: RegExp,
  input?: string,
) {
  const before = snapshot(path)
  const result = cairnWithPassword(args, input === undefined ? {} : { input })
  expect(result.status, args.join(' ')).toBe(status)
  expect(result.stdout).toBe('')
  expect(expectOneLine(result.stderr)).toMatch(message)
  expect(snapshot(path)).toEqual(before)
}

describe('cairn add', () => {
  it('adds a key from a URI and from standard input', async () => {
    const path = ws.file('add.cairn')
    await seedVault(path)
    const added = cairnWithPassword(['add', path, RFC_URI])
    expect(added.status).toBe(0)
    expect(added.stdout).toMatch(/^Added 2FA key RFC 6238 \(tester\) \[[0-9a-f]{8}\]\n$/)
    expect(added.stdout).not.toContain(RFC_SECRET)

    const piped = cairnWithPassword(['add', path, '-'], {
      input: 'otpauth://totp/Shop:ann?secret=jbsw%20y3dp%20ehpk%203pxp\n',
    })
    expect(piped.status).toBe(0)

    const list = cairnWithPassword(['list', path])
    expect(list.stdout).toMatch(/2fa +RFC 6238 \(tester\)/)
    expect(list.stdout).toMatch(/2fa +Shop \(ann\)/)
  })

  it('names a key from a pasted URI as inert text', async () => {
    // A right-to-left override in the label (as a hostile web page's QR code could carry).
    const path = ws.file('bidi.cairn')
    await seedVault(path)
    const added = cairnWithPassword(['add', path, '-'], {
      input: 'otpauth://totp/Evil%E2%80%AE:ann?secret=JBSWY3DPEHPK3PXP\n',
    })
    expect(added.status).toBe(0)
    expect(added.stdout).toMatch(/^Added 2FA key Evil\? \(ann\) \[[0-9a-f]{8}\]\n$/)
  })

  it('refuses a key that is already there, and a malformed URI, changing nothing', async () => {
    const path = ws.file('dup.cairn')
    await seedVault(path)
    expect(cairnWithPassword(['add', path, RFC_URI]).status).toBe(0)
    expectUntouched(path, ['add', path, RFC_URI], 1, /already in the vault as RFC 6238 \(tester\)/)
    expectUntouched(
      path,
      ['add', path, 'otpauth://hotp/Bank:me?secret=JBSWY3DPEHPK3PXP&digits=11'],
      1,
      /digits must be from 6 to 10/,
    )
    expectUntouched(path, ['add', path, '-'], 1, /not an otpauth:\/\/ URI/, 'https://example.com\n')
  })
})

describe('cairn code', () => {
  it('prints only the code for exactly one match, at --at or now', async () => {
    const path = ws.file('code.cairn')
    await seedVault(path, [
      otpItem({ issuer: 'RFC 6238', account: 'tester', secret: RFC_SECRET, digits: 8 }),
    ])
    const at59 = cairnWithPassword(['code', path, 'rfc', '--at', '59'])
    expect(at59).toEqual({ status: 0, stdout: '94287082\n', stderr: '' })
    expect(cairnWithPassword(['code', path, 'TESTER', '--at', '1111111109']).stdout).toBe(
      '07081804\n',
    )
    expect(cairnWithPassword(['code', path, 'rfc']).stdout).toMatch(/^\d{8}\n$/)
  })

  it('matches issuer, account or title, and only among 2FA keys', async () => {
    const path = ws.file('match.cairn')
    await seedVault(path, [
      otpItem({ issuer: 'Google', account: 'ann@example.com' }),
      otpItem({ issuer: 'Google Cloud', account: 'ann@example.com', secret: RFC_SECRET }),
      otpItem({
        issuer: 'GitHub',
        account: 'octo',
        title: 'Work code host',
        secret: 'GEZDGNBVGY3TQOJQ',
      }),
      login({ title: 'GitHub' }),
    ])
    const byTitle = cairnWithPassword(['code', path, 'work code', '--at', '0'])
    expect(byTitle.status).toBe(0)
    expect(byTitle.stdout).toMatch(/^\d{6}\n$/)
    // "github" names a login too, but `code` only looks at 2FA keys.
    expect(cairnWithPassword(['code', path, 'github', '--at', '0']).stdout).toBe(byTitle.stdout)
    // An exact name wins over names that merely contain it.
    expect(cairnWithPassword(['code', path, 'google', '--at', '59']).status).toBe(0)
    expectUntouched(
      path,
      ['code', path, 'ann@'],
      1,
      /'ann@' matches 2 items: Google \(ann@example\.com\) \[[0-9a-f]{8}\], Google Cloud \(ann@example\.com\) \[[0-9a-f]{8}\]; use a longer query or the id/,
    )
    expectUntouched(
      path,
      ['code', path, 'nothing-like-this'],
      1,
      /no 2FA key matches 'nothing-like-this'/,
    )
  })

  it('lists every key with its code and seconds left when no QUERY is given', async () => {
    const path = ws.file('all.cairn')
    await seedVault(path, [
      otpItem({ issuer: 'RFC 6238', account: 'tester', secret: RFC_SECRET, digits: 8 }),
      otpItem({
        issuer: 'Steam',
        account: 'gamer',
        secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
        encoder: 'steam',
        digits: 5,
      }),
      otpItem({ kind: 'hotp', issuer: 'Bank', account: 'me', counter: 5 }),
    ])
    const { status, stdout } = cairnWithPassword(['code', path, '--at', '1511200518'])
    expect(status).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^-+ +hotp +Bank \(me\)/)
    expect(lines[1]).toMatch(/^\d{8} +12s +RFC 6238 \(tester\)$/)
    // KeePassXC's published Steam vector: FR8RV at 1511200518.
    expect(lines[2]).toMatch(/^FR8RV +12s +Steam \(gamer\)$/)
  })

  it('moves an HOTP key to its next counter each time its code is shown', async () => {
    const path = ws.file('hotp.cairn')
    await seedVault(path, [
      otpItem({ kind: 'hotp', issuer: 'RFC 4226', account: 'vectors', secret: RFC_SECRET }),
    ])
    // RFC 4226 Appendix D, counters 0, 1, 2.
    for (const expected of ['755224', '287082', '359152']) {
      expect(cairnWithPassword(['code', path, 'rfc 4226']).stdout).toBe(`${expected}\n`)
    }
    expect(cairnWithPassword(['show', path, 'rfc 4226']).stdout).toMatch(/^Counter: +3$/m)
    expectUntouched(
      path,
      ['code', path, 'rfc 4226', '--at', '59'],
      2,
      /--at applies to time-based keys/,
    )
  })
})
