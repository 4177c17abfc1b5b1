// Secrets the CLI prints: `--out FILE` writes them into a new owner-only file (never over an
// existing one), printing them into a pipe or file warns about the redirect's 0644 file, minting a
// way in needs the master password (not a one-time code), and a URI on the command line warns
// that it is visible in the process list.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cairn, cairnWithPassword, seedVault, workspace, type Workspace } from './cli-harness.ts'

let ws: Workspace
let vault: string
beforeEach(async () => {
  ws = workspace()
  vault = ws.file('v.cairn')
  await seedVault(vault)
})
afterEach(() => ws.cleanup())

const RECOVERY_KEY = /^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/

describe('secrets written by the CLI', () => {
  it('recovery create --out: a new 0600 file, never overwritten; nothing on stdout', () => {
    const out = ws.file('key.txt')
    const r = cairnWithPassword(['recovery', vault, 'create', '--out', out])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    expect(readFileSync(out, 'utf8').trim()).toMatch(RECOVERY_KEY)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const before = readFileSync(out)
    const again = cairnWithPassword(['recovery', vault, 'create', '--out', out])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
    expect(readFileSync(out)).toEqual(before)
  })

  it('onetime create --out and export --out write owner-only files', () => {
    const codes = ws.file('codes.txt')
    expect(cairnWithPassword(['onetime', vault, 'create', '3', '--out', codes]).status).toBe(0)
    expect(readFileSync(codes, 'utf8').trim().split('\n')).toHaveLength(3)
    expect(statSync(codes).mode & 0o777).toBe(0o600)
    const csv = ws.file('x.csv')
    const r = cairnWithPassword(['export', vault, '--format', 'csv', '--unencrypted', '--out', csv])
    expect(r.status).toBe(0)
    expect(statSync(csv).mode & 0o777).toBe(0o600)
  })

  it('printing secrets into a pipe warns about the redirect and names --out', () => {
    // The harness's stdout is a pipe, as `cairn recovery VAULT create > key.txt` would be a file.
    for (const args of [
      ['recovery', vault, 'create'],
      ['onetime', vault, 'create', '2'],
      ['export', vault, '--format', 'csv', '--unencrypted'],
    ]) {
      const r = cairnWithPassword(args)
      expect(r.status, args.join(' ')).toBe(0)
      expect(r.stderr).toMatch(/file or pipe.*use --out FILE/)
    }
  })

  it('minting needs the master password: a one-time code unlock is refused, nothing added', () => {
    const codes = cairnWithPassword(['onetime', vault, 'create', '3']).stdout.trim().split('\n')
    const file = ws.file('code.txt')
    for (const [i, args] of [
      ['recovery', vault, 'create'],
      ['onetime', vault, 'create', '2'],
      ['export', vault, '--format', 'csv', '--unencrypted'],
    ].entries()) {
      writeFileSync(file, codes[i]!)
      const r = cairn([...args, '--one-time-code-file', file])
      expect(r.status, args.join(' ')).toBe(1)
      expect(r.stderr).toMatch(/needs the master password/)
      expect(r.stdout).toBe('')
    }
    const listed = cairnWithPassword(['recovery', vault, 'list']).stdout
    expect(listed).toMatch(/No recovery keys/)
  })

  it('a URI on the command line warns about the process list; - reads it from stdin', () => {
    const uri = 'otpauth://totp/Shop:ann?secret=JBSWY3DPEHPK3PXP'
    const argv = cairnWithPassword(['add', vault, uri])
    expect(argv.status).toBe(0)
    expect(argv.stderr).toMatch(/visible to every user in the process list/)
    const piped = cairnWithPassword(['add', vault, '-'], {
      // Another secret: the same one again would rightly be warned about.
      input: 'otpauth://totp/Shop:bob?secret=GEZDGNBVGY3TQOJQ',
    })
    expect(piped.status).toBe(0)
    expect(piped.stderr).toBe('')
    expect(cairn(['add', '--help']).stdout).toMatch(/process list/)
  })
})
