// list, show, add-login and rm on real vault files: secrets stay out unless revealed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cairnWithPassword, expectOneLine, seedVault, snapshot, workspace } from './cli-harness.ts'
import { login, note, otpItem, recoveryCodes } from './cli-items-fixtures.ts'

const ws = workspace()
const vault = ws.file('items.cairn')
const SECRETS = [
  'Login-Secret-42',
  'Pin-Secret-7',
  'Old-Secret-1',
  'RC-SECRET-AAAA',
  'RC-SECRET-BBBB',
  'Note-Secret-Body',
  'JBSWY3DPEHPK3PXP',
]
let ids: string[] = []

beforeAll(async () => {
  ids = await seedVault(vault, [
    login({ title: 'Mail', username: 'ann@example.com' }),
    otpItem({ issuer: 'Example', account: 'ann' }),
    recoveryCodes(),
    note({ title: 'Alarm' }),
  ])
})
afterAll(() => ws.cleanup())

const expectNoSecrets = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret)
}

describe('cairn list', () => {
  it('lists every item by name, without secrets', () => {
    const { status, stdout, stderr } = cairnWithPassword(['list', vault])
    expect(status).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(stdout).toMatch(
      /^[0-9a-f]{8} +login +Mail +ann@example\.com +https:\/\/example\.com\/login$/m,
    )
    expect(stdout).toMatch(/^[0-9a-f]{8} +2fa +Example \(ann\)$/m)
    expect(stdout).toMatch(/^[0-9a-f]{8} +recovery +GitHub codes$/m)
    expect(stdout).toMatch(/^[0-9a-f]{8} +note +Alarm$/m)
    expectNoSecrets(stdout)
  })

  it('prints JSON without secrets with --json', () => {
    const { status, stdout } = cairnWithPassword(['list', vault, '--json'])
    expect(status).toBe(0)
    const items = JSON.parse(stdout) as { id: string; type: string; name: string }[]
    expect(items.map((i) => i.id).sort()).toEqual([...ids].sort())
    expect(items.find((i) => i.type === 'otp')).toMatchObject({
      issuer: 'Example',
      algorithm: 'SHA1',
    })
    expect(items.find((i) => i.type === 'recovery-codes')).toMatchObject({ codes: 2, unused: 1 })
    expectNoSecrets(stdout)
  })
})

describe('cairn show', () => {
  it('hides secrets unless --reveal', () => {
    const hidden = cairnWithPassword(['show', vault, 'mail'])
    expect(hidden.status).toBe(0)
    expect(hidden.stdout).toMatch(/^Password: +•+ \(--reveal to show\)$/m)
    expect(hidden.stdout).toMatch(/^PIN: +•+/m)
    expectNoSecrets(hidden.stdout)

    const shown = cairnWithPassword(['show', vault, 'mail', '--reveal'])
    expect(shown.stdout).toMatch(/^Password: +Login-Secret-42$/m)
    expect(shown.stdout).toMatch(/^PIN: +Pin-Secret-7$/m)
  })

  it('shows a 2FA key with its live code, and its URI only when revealed', () => {
    const hidden = cairnWithPassword(['show', vault, 'example (ann)'])
    expect(hidden.stdout).toMatch(/^Code: +\d{6} +\(\d+ s left\)$/m)
    expect(hidden.stdout).toMatch(/^Type: +2FA key \(TOTP, SHA1, 6 digits, 30 s\)$/m)
    expectNoSecrets(hidden.stdout)
    const shown = cairnWithPassword(['show', vault, 'example (ann)', '--reveal'])
    expect(shown.stdout).toMatch(/^URI: +otpauth:\/\/totp\/Example:ann\?secret=JBSWY3DPEHPK3PXP&/m)
  })

  it('prints JSON with secrets null unless --reveal', () => {
    for (const query of ['mail', 'github codes', 'alarm', 'ann']) {
      const hidden = JSON.parse(cairnWithPassword(['show', vault, query, '--json']).stdout)
      expect(hidden.revealed).toBe(false)
      expectNoSecrets(JSON.stringify(hidden))
    }
    const codes = JSON.parse(
      cairnWithPassword(['show', vault, 'github codes', '--json', '--reveal']).stdout,
    )
    expect(codes.data.codes).toEqual([
      { code: 'RC-SECRET-AAAA', used: false },
      { code: 'RC-SECRET-BBBB', used: true },
    ])
    const key = JSON.parse(
      cairnWithPassword(['show', vault, ids[1] as string, '--json', '--reveal']).stdout,
    )
    expect(key.data.secret).toBe('JBSWY3DPEHPK3PXP')
    expect(key.data.uri).toMatch(/^otpauth:\/\/totp\//)
  })

  it('fails with one line, changing nothing, when the query fits none or several', () => {
    for (const [query, message] of [
      ['zzz', /no item matches 'zzz'/],
      ['a', /'a' matches \d items: /],
    ] as const) {
      const before = snapshot(vault)
      const result = cairnWithPassword(['show', vault, query])
      expect(result.status).toBe(1)
      expect(expectOneLine(result.stderr)).toMatch(message)
      expect(snapshot(vault)).toEqual(before)
    }
  })
})

describe('cairn add-login', () => {
  it('stores a generated password it does not print', async () => {
    const path = ws.file('logins.cairn')
    await seedVault(path)
    const added = cairnWithPassword([
      'add-login',
      path,
      '--title',
      'Forum',
      '--username',
      'ann',
      '--url',
      'https://forum.example',
      '--url',
      'https://m.forum.example',
      '--generate',
      '--length',
      '32',
    ])
    expect(added.status).toBe(0)
    expect(added.stdout).toMatch(
      /^Added login 'Forum' \[[0-9a-f]{8}\] with a generated 32-character password/,
    )
    const shown = JSON.parse(
      cairnWithPassword(['show', path, 'forum', '--json', '--reveal']).stdout,
    )
    expect(shown.data.password).toHaveLength(32)
    expect(shown.data.urls).toEqual(['https://forum.example', 'https://m.forum.example'])
    expect(added.stdout).not.toContain(shown.data.password)

    const noSymbols = cairnWithPassword([
      'add-login',
      path,
      '--title',
      'PIN pad',
      '--generate',
      '--no-symbols',
    ])
    expect(noSymbols.status).toBe(0)
    const pin = JSON.parse(
      cairnWithPassword(['show', path, 'pin pad', '--json', '--reveal']).stdout,
    )
    expect(pin.data.password).toMatch(/^[A-Za-z0-9]{20}$/)
  })

  it('reads the login password from standard input when asked to', async () => {
    const path = ws.file('stdin-login.cairn')
    await seedVault(path)
    const added = cairnWithPassword(
      ['add-login', path, '--title', 'Router', '--login-password-stdin'],
      {
        input: 'router-pass-99\n',
      },
    )
    expect(added.status).toBe(0)
    const shown = cairnWithPassword(['show', path, 'router', '--reveal'])
    expect(shown.stdout).toMatch(/^Password: +router-pass-99$/m)
  })
})

describe('cairn rm', () => {
  it('moves to the trash, then purges for good', async () => {
    const path = ws.file('rm.cairn')
    await seedVault(path, [note({ title: 'Old note' }), note({ title: 'Keep me' })])
    const trashed = cairnWithPassword(['rm', path, 'old note'])
    expect(trashed.status).toBe(0)
    expect(trashed.stdout).toMatch(/^Moved 'Old note' \[[0-9a-f]{8}\] to the trash\n$/)
    expect(cairnWithPassword(['list', path]).stdout).not.toContain('Old note')

    const before = snapshot(path)
    const again = cairnWithPassword(['rm', path, 'old note'])
    expect(again.status).toBe(1)
    expect(expectOneLine(again.stderr)).toMatch(/no item matches 'old note'/)
    expect(snapshot(path)).toEqual(before)

    const purged = cairnWithPassword(['rm', path, 'old note', '--purge'])
    expect(purged.status).toBe(0)
    expect(purged.stdout).toMatch(/^Deleted 'Old note' \[[0-9a-f]{8}\] for good\n$/)
    expect(cairnWithPassword(['list', path]).stdout).toMatch(/note +Keep me/)
  })
})

describe('text from the vault in the terminal', () => {
  // What an imported or shared vault could hold: a window-title change and screen clear (ESC, BEL),
  // an 8-bit CSI (U+009B, obeyed by some terminals) and a right-to-left override.
  const TITLE = 'Bank\u001b]0;pwned\u0007\u001b[2J'
  const USER = 'ann\u009b31m'
  const URL = 'https://example.com/\u202egnp.exe'
  const NOTES = 'first line\nsecond\u001b[1A line'
  // Controls other than the line break, and invisible format characters (bidi included).
  const UNSAFE = /(?!\n)[\p{Cc}\p{Cf}]/u
  const hostile = ws.file('hostile.cairn')

  beforeAll(async () => {
    await seedVault(hostile, [
      login({
        title: TITLE,
        username: USER,
        urls: [URL],
        notes: NOTES,
        tags: ['x\u001b[8m'],
        fields: [{ name: 'PIN\u001b[8m', value: 'shown\u009b2J', secret: false }],
        passwordHistory: [],
      }),
      otpItem({ issuer: 'Evil\u202e', account: 'ann\u2066x' }),
    ])
  })

  it('reaches list, show and code as inert text', () => {
    for (const args of [['list'], ['show', 'bank'], ['code'], ['show', 'evil']]) {
      const { status, stdout } = cairnWithPassword([args[0]!, hostile, ...args.slice(1)])
      expect(status, args.join(' ')).toBe(0)
      expect(stdout, args.join(' ')).not.toMatch(UNSAFE)
    }
    const list = cairnWithPassword(['list', hostile]).stdout
    expect(list).toContain('Bank?]0;pwned??[2J  ann?31m  https://example.com/?gnp.exe')
    const show = cairnWithPassword(['show', hostile, 'bank']).stdout.split('\n')
    expect(show).toContain('Notes:    first line')
    expect(show).toContain('          second?[1A line')
    expect(show).toContain('PIN?[8m:  shown?2J')
    expect(cairnWithPassword(['code', hostile]).stdout).toMatch(/ {2}Evil\? \(ann\?x\)$/m)
  })

  it('keeps the exact values in JSON, escaped so a terminal shows them inert', () => {
    for (const args of [
      ['list', '--json'],
      ['show', 'bank', '--json'],
    ]) {
      const { stdout } = cairnWithPassword([args[0]!, hostile, ...args.slice(1)])
      expect(stdout).not.toMatch(UNSAFE)
    }
    const listed = JSON.parse(cairnWithPassword(['list', hostile, '--json']).stdout)
    expect(listed.map((i: { title: string }) => i.title)).toContain(TITLE)
    const shown = JSON.parse(cairnWithPassword(['show', hostile, 'bank', '--json']).stdout)
    expect(shown.data).toMatchObject({ title: TITLE, username: USER, urls: [URL], notes: NOTES })
  })

  it('names matches in an error message as inert text', () => {
    const result = cairnWithPassword(['show', hostile, 'n'])
    expect(result.status).toBe(1)
    expect(expectOneLine(result.stderr)).toMatch(/matches 2 items: .*Bank\?\]0;pwned/)
    expect(result.stderr).not.toMatch(UNSAFE)
  })
})
