// `cairn scan` on real image files: the report for people, the JSON rows, and unreadable files.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { migrationUri } from '../core/migration/fixtures/migration-encoder.ts'
import { HOTP_CAROL, TOTP_ALICE, WEB_ADDRESS } from '../core/qr/fixtures/screens.ts'
import { SyntheticScreen } from '../core/qr/fixtures/synthetic-screen.ts'
import { cairn, expectOneLine, workspace } from './cli-harness.ts'

const ws = workspace()
afterAll(() => ws.cleanup())

function screenshot(name: string, codes: string[], jpegQuality?: number): string {
  const screen = new SyntheticScreen(1920, 1080, 31).desktop('dark', 3)
  codes.forEach((code, i) =>
    screen.qr(code, 150 + i * 560, 300, { modulePx: 4, inverted: i === 1 }),
  )
  const path = ws.file(name)
  writeFileSync(path, jpegQuality ? screen.toJpeg(jpegQuality) : screen.toPng())
  return path
}

const SECRET = Uint8Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
const EXPORT_PART_1 = migrationUri({
  accounts: [
    { secret: SECRET, name: 'GitHub:octo', issuer: 'GitHub' },
    { secret: SECRET.map((b) => b + 100), name: 'Shop:dan', issuer: 'Shop', type: 1, counter: 7n },
  ],
  batchSize: 2,
  batchIndex: 0,
  batchId: 5,
})

describe('cairn scan', () => {
  const shot = screenshot('shot.png', [TOTP_ALICE, WEB_ADDRESS, HOTP_CAROL])
  const exported = screenshot('export.jpg', [EXPORT_PART_1], 80)
  const empty = screenshot('empty.png', [])

  it('says what a text file named .jpeg and a binary QR code are', () => {
    const note = ws.file('note.jpeg')
    writeFileSync(note, 'hello there\n')
    const screen = new SyntheticScreen(800, 450, 32).desktop('light', 1)
    screen.qr(Uint8Array.from([0x00, 0xff, 0x80, 0xc3, 0x28, 0x10]), 200, 100, { modulePx: 5 })
    const binary = ws.file('binary.png')
    writeFileSync(binary, screen.toPng())
    const { status, stdout, stderr } = cairn(['scan', note, binary])
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(stdout.split('\n')).toEqual([
      `${note}: not an image: the file is text; 1 line`,
      '  line 1: not a 2FA code: text (11 characters)',
      `${binary}: 1 QR code`,
      '  code 1: not a 2FA code: a QR code whose content is binary, not text (6 bytes)',
      '',
    ])
  })

  it('says what each image holds without showing a secret', () => {
    const { status, stdout, stderr } = cairn(['scan', shot, exported, empty])
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(stdout.split('\n')).toEqual([
      `${shot}: 3 QR codes`,
      '  code 1: 2FA key Example (alice@example.com) — TOTP, SHA1, 6 digits, 30 s',
      '  code 2: not a 2FA code: web address https://example.com/…',
      '  code 3: 2FA key Bank (carol) — HOTP, SHA1, 6 digits, counter 42',
      `${exported}: 1 QR code`,
      '  code 1: Google Authenticator export, part 1 of 2: 2 accounts',
      '      2FA key GitHub (octo) — TOTP, SHA1, 6 digits, 30 s',
      '      2FA key Shop (dan) — HOTP, SHA1, 6 digits, counter 7',
      `${empty}: no QR code found`,
      'Google Authenticator export in 2 parts: part 2 not scanned yet',
      '',
    ])
    expect(stdout).not.toMatch(/secret|JBSWY3DPEHPK3PXP|MFRGGZDFMZTWQ2LK/i)
  })

  it('prints JSON rows with each key’s URI', () => {
    const { status, stdout } = cairn(['scan', '--json', shot, exported, empty])
    expect(status).toBe(0)
    const rows = JSON.parse(stdout) as Record<string, unknown>[]
    expect(rows.map((r) => [r.type, r.issuer, r.account])).toEqual([
      ['totp', 'Example', 'alice@example.com'],
      ['not-otp', null, null],
      ['hotp', 'Bank', 'carol'],
      ['totp', 'GitHub', 'octo'],
      ['hotp', 'Shop', 'dan'],
      ['no-code', null, null],
    ])
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        'file',
        'type',
        'issuer',
        'account',
        'algorithm',
        'digits',
        'period',
        'counter',
        'uri',
        'note',
      ])
    }
    expect(rows[0]).toMatchObject({ file: shot, algorithm: 'SHA1', digits: 6, period: 30 })
    expect(rows[0]!.uri).toContain('secret=JBSWY3DPEHPK3PXP')
    expect(rows[4]).toMatchObject({
      counter: 7,
      period: null,
      note: 'Google Authenticator export part 1 of 2; part 2 not scanned',
    })
  })

  it('reports unreadable files and exits 1, still listing the others', () => {
    const cut = ws.file('cut.png')
    writeFileSync(cut, readFileSync(shot).subarray(0, 5000))
    const { status, stdout, stderr } = cairn(['scan', shot, cut, ws.file('missing.png')])
    expect(status).toBe(1)
    expect(stdout).toContain(`${shot}: 3 QR codes`)
    expect(stdout).toContain(`${cut}: Truncated PNG file`)
    expect(stdout).toContain(`${ws.file('missing.png')}: no such file`)
    expect(expectOneLine(stderr)).toBe('cairn: 2 of 3 files could not be read')
  })

  it('refuses an export claiming two billion parts instead of running out of memory', () => {
    // 83 characters: one account, batch_size 2^31-1. Used to size a list and abort the process.
    const uri = migrationUri({ accounts: [{ secret: SECRET, name: 'x' }], batchSize: 2 ** 31 - 1 })
    const list = ws.file('huge-export.txt')
    writeFileSync(list, `${uri}\n`)
    const { status, stdout, stderr } = cairn(['scan', list])
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(stdout.split('\n')).toEqual([
      `${list}: 1 line`,
      '  line 1: unreadable otpauth-migration code: Damaged Google Authenticator export: it claims 2147483647 parts; exports have at most 100',
      '',
    ])
  })

  it('never prints text a QR code or line holds, and names a bare secret as one', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    const list = ws.file('keys.txt')
    writeFileSync(list, `${secret}\ncall me maybe\n`)
    const { status, stdout } = cairn(['scan', list])
    expect(status).toBe(0)
    expect(stdout.split('\n')).toEqual([
      `${list}: 2 lines`,
      '  line 1: text (32 characters) that looks like a bare 2FA secret: add it with `cairn add VAULT -`, giving otpauth://totp/NAME?secret=… on standard input',
      '  line 2: not a 2FA code: text (13 characters)',
      '',
    ])
    const json = cairn(['scan', '--json', list]).stdout
    expect(json).not.toContain(secret.slice(0, 8))
    expect(json).not.toContain('call me')
  })

  it('needs at least one image', () => {
    expect(cairn(['scan']).status).toBe(2)
  })
})
