import { describe, expect, it } from 'vitest'
import { readImportSource } from '../../../src-main/core/import/import-source.ts'
import { scanLines, scanRows } from '../../../src-main/core/import/scan-report.ts'
import type { ScanOutcome } from '../../../src-main/core/import/scan-report.ts'
import { HOTP_CAROL, TOTP_ALICE, WEB_ADDRESS } from '../qr/fixtures/screens.ts'
import { SyntheticScreen } from '../qr/fixtures/synthetic-screen.ts'
import { migrationUri } from '../migration/fixtures/migration-encoder.ts'

const SECRET = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])

function imageOutcome(file: string, ...codes: (string | Uint8Array)[]): ScanOutcome {
  const screen = new SyntheticScreen(1600, 900, 4).desktop('dark', 2)
  codes.forEach((code, i) => screen.qr(code, 120 + i * 500, 300, { modulePx: 3 }))
  return { file, source: readImportSource(file, screen.toPng()) }
}

const exportPart = (batchIndex: number) =>
  migrationUri({
    accounts: [
      { secret: SECRET, name: 'GitHub:octo', issuer: 'GitHub', digits: 2 },
      { secret: SECRET, name: 'md5', issuer: 'Old', algorithm: 4 },
    ],
    batchSize: 3,
    batchIndex,
    batchId: 9,
  })

describe('scan report', () => {
  const outcomes: ScanOutcome[] = [
    imageOutcome('one.png', TOTP_ALICE, WEB_ADDRESS, HOTP_CAROL),
    imageOutcome('export.png', exportPart(0)),
    imageOutcome('blank.png'),
    { file: 'broken.png', error: 'Truncated PNG file' },
  ]

  it('gives one JSON row per key, per other code and per file without codes', () => {
    const rows = scanRows(outcomes)
    expect(rows.map((r) => [r.file, r.type, r.issuer, r.account])).toEqual([
      ['one.png', 'totp', 'Example', 'alice@example.com'],
      ['one.png', 'not-otp', null, null],
      ['one.png', 'hotp', 'Bank', 'carol'],
      ['export.png', 'totp', 'GitHub', 'octo'],
      ['export.png', 'unsupported', 'Old', 'md5'],
      ['blank.png', 'no-code', null, null],
      ['broken.png', 'error', null, null],
    ])
    expect(rows[0]).toEqual({
      file: 'one.png',
      type: 'totp',
      issuer: 'Example',
      account: 'alice@example.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      uri: 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30',
      note: null,
    })
    expect(rows[1]!.note).toBe('not a 2FA code: web address https://example.com/…')
    expect(rows[2]).toMatchObject({ counter: 42, period: null })
    expect(rows[3]).toMatchObject({
      digits: 8,
      note: 'Google Authenticator export part 1 of 3; parts 2 and 3 not scanned',
    })
  })

  it('counts export parts across all files of the run', () => {
    const rows = scanRows([
      imageOutcome('a.png', exportPart(0)),
      imageOutcome('b.png', exportPart(2)),
    ])
    expect(rows[0]!.note).toBe('Google Authenticator export part 1 of 3; part 2 not scanned')
  })

  it('tells people what each file holds without printing a secret', () => {
    const lines = scanLines(outcomes)
    expect(lines).toEqual([
      'one.png: 3 QR codes',
      '  code 1: 2FA key Example (alice@example.com) — TOTP, SHA1, 6 digits, 30 s',
      '  code 2: not a 2FA code: web address https://example.com/…',
      '  code 3: 2FA key Bank (carol) — HOTP, SHA1, 6 digits, counter 42',
      'export.png: 1 QR code',
      '  code 1: Google Authenticator export, part 1 of 3: 2 accounts',
      '      2FA key GitHub (octo) — TOTP, SHA1, 8 digits, 30 s',
      '      cannot use Old (md5): uses MD5, which Cairn does not support',
      'blank.png: no QR code found',
      'broken.png: Truncated PNG file',
      'Google Authenticator export in 3 parts: parts 2 and 3 not scanned yet',
    ])
    expect(lines.join('\n')).not.toMatch(/JBSWY3DPEHPK3PXP|MFRGGZDFMZTWQ2LK|secret/i)
  })

  it('says that a text file named like an image is text, not an image', () => {
    const bytes = new TextEncoder().encode(`hello there\n${TOTP_ALICE}\n`)
    const named: ScanOutcome[] = [
      { file: 'note.jpeg', source: readImportSource('note.jpeg', bytes) },
      { file: 'list.txt', source: readImportSource('list.txt', bytes) },
      { file: 'blank.png', source: readImportSource('blank.png', new TextEncoder().encode('\n')) },
    ]
    expect(scanLines(named)).toEqual([
      'note.jpeg: not an image: the file is text; 2 lines',
      '  line 1: not a 2FA code: text (11 characters)',
      '  line 2: 2FA key Example (alice@example.com) — TOTP, SHA1, 6 digits, 30 s',
      'list.txt: 2 lines',
      '  line 1: not a 2FA code: text (11 characters)',
      '  line 2: 2FA key Example (alice@example.com) — TOTP, SHA1, 6 digits, 30 s',
      'blank.png: not an image: the file is text; no otpauth URI found',
    ])
    expect(scanRows(named).map((r) => [r.file, r.type, r.note])).toEqual([
      [
        'note.jpeg',
        'not-otp',
        'not an image: the file is text; not a 2FA code: text (11 characters)',
      ],
      ['note.jpeg', 'totp', 'not an image: the file is text'],
      ['list.txt', 'not-otp', 'not a 2FA code: text (11 characters)'],
      ['list.txt', 'totp', null],
      ['blank.png', 'no-code', 'not an image: the file is text; no otpauth URI found'],
    ])
  })

  it('says that a QR code with a payload that is not UTF-8 is binary, not empty', () => {
    const binary = Uint8Array.from([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28, 0x9f, 0x10])
    const outcome = imageOutcome('odd.png', binary, TOTP_ALICE)
    expect(scanLines([outcome])).toEqual([
      'odd.png: 2 QR codes',
      '  code 1: not a 2FA code: a QR code whose content is binary, not text (8 bytes)',
      '  code 2: 2FA key Example (alice@example.com) — TOTP, SHA1, 6 digits, 30 s',
    ])
    expect(scanRows([outcome])[0]).toMatchObject({
      type: 'not-otp',
      note: 'not a 2FA code: a QR code whose content is binary, not text (8 bytes)',
    })
  })
})
