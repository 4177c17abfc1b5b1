// Arguments, help and failures that need no vault: exit statuses and the one-line stderr rule.
import { afterAll, describe, expect, it } from 'vitest'
import { cairn, expectOneLine, snapshot, workspace, writeText } from './cli-harness.ts'

const ws = workspace()
afterAll(() => ws.cleanup())

describe('cairn usage', () => {
  it('lists every command in --help', () => {
    const { status, stdout, stderr } = cairn(['--help'])
    expect(status).toBe(0)
    expect(stderr).toBe('')
    for (const name of ['init', 'list', 'add', 'add-login', 'code', 'show', 'rm', 'passwd']) {
      expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'))
    }
    expect(stdout).toContain('CAIRN_PASSWORD')
  })

  it('explains one command with COMMAND --help and help COMMAND', () => {
    const a = cairn(['code', '--help'])
    const b = cairn(['help', 'code'])
    expect(a.status).toBe(0)
    expect(a.stdout).toMatch(/^Usage: cairn code VAULT \[QUERY\] \[--at UNIX_SECONDS\]/)
    expect(a.stdout).toContain('--password-file FILE')
    expect(b.stdout).toBe(a.stdout)
  })

  it('exits 2 with one line for wrong usage', () => {
    const cases: [string[], RegExp][] = [
      [[], /missing command/],
      [['frobnicate'], /unknown command 'frobnicate' \(see cairn --help\)/],
      [['code'], /usage: cairn code VAULT .*\(see cairn code --help\)/],
      [['list', 'a', 'b'], /usage: cairn list VAULT/],
      [['list', 'v.cairn', '--colour'], /Unknown option '--colour'/],
      [['code', 'v.cairn', '--at'], /--at/],
      [['code', 'v.cairn', 'x', '--at', 'noon'], /--at needs a Unix time in seconds/],
      [['add-login', 'v.cairn'], /add-login needs --title/],
      [['add-login', 'v.cairn', '--title', 'T', '--length', '30'], /only apply with --generate/],
      [['help', 'nope'], /unknown command 'nope'/],
    ]
    for (const [args, message] of cases) {
      const { status, stderr } = cairn(args)
      expect(status, args.join(' ')).toBe(2)
      expect(expectOneLine(stderr), args.join(' ')).toMatch(message)
    }
  })

  it('exits 1 with one line for a missing or foreign file, leaving it untouched', () => {
    const missing = cairn(['list', ws.file('nope.cairn')], { env: { CAIRN_PASSWORD: 'x' } })
    expect(missing.status).toBe(1)
    expect(expectOneLine(missing.stderr)).toMatch(/nope\.cairn/)

    const text = writeText(ws.file('notes.txt'), 'just some text, not a vault\n')
    const before = snapshot(text)
    const foreign = cairn(['list', text], { env: { CAIRN_PASSWORD: 'x' } })
    expect(foreign.status).toBe(1)
    expect(expectOneLine(foreign.stderr)).toMatch(/notes\.txt/)
    expect(snapshot(text)).toEqual(before)
  })

  it('rejects a malformed URI before asking for any password', () => {
    const { status, stdout, stderr } = cairn([
      'add',
      ws.file('any.cairn'),
      'otpauth://totp/Acme:me?secret=JBSWY3DPEHPK3PX1',
    ])
    expect(status).toBe(1)
    expect(stdout).toBe('')
    const line = expectOneLine(stderr)
    expect(line).toMatch(/secret is not valid base32/)
    expect(line).not.toContain('JBSWY3DPEHPK3PX1')
  })
})
