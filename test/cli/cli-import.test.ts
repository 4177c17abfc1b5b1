// `cairn import` on real vault files, images and URI lists: adds, skips, and all or nothing.
import { copyFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { parseOtpauthUri } from '../../src-main/core/otp/otpauth-uri.ts'
import { migrationUri } from '../core/migration/fixtures/migration-encoder.ts'
import { HOTP_CAROL, TOTP_ALICE, TOTP_BOB, WEB_ADDRESS } from '../core/qr/fixtures/screens.ts'
import { SyntheticScreen } from '../core/qr/fixtures/synthetic-screen.ts'
import {
  cairnWithPassword,
  expectOneLine,
  seedVault,
  snapshot,
  workspace,
  writeText,
} from './cli-harness.ts'
import { otpItem } from './cli-items-fixtures.ts'
import { AEGIS_DB } from '../core/import/importers/fixtures/aegis-db.ts'
import { aegisEncrypted } from '../core/import/importers/fixtures/export-crypto.ts'

const ws = workspace()
afterAll(() => ws.cleanup())

function screenshot(name: string, codes: string[]): string {
  const screen = new SyntheticScreen(1600, 900, 41).desktop('light', 3)
  codes.forEach((code, i) => screen.qr(code, 120 + i * 500, 260, { modulePx: 4 }))
  const path = ws.file(name)
  writeFileSync(path, screen.toPng())
  return path
}

const listed = (path: string) =>
  cairnWithPassword(['list', path])
    .stdout.split('\n')
    .filter((l) => l.includes('2fa'))
    .map((l) => l.replace(/^\S+\s+2fa\s+/, '').trim())

describe('cairn import', () => {
  const bob = { ...otpItem(), ...parseOtpauthUri(TOTP_BOB) }
  const exportUri = migrationUri({
    accounts: [
      { secret: Uint8Array.from({ length: 10 }, (_, i) => 3 * i), name: 'eve', issuer: 'Cloud' },
    ],
    batchSize: 2,
    batchIndex: 1,
    batchId: 8,
  })

  it('adds the keys of screenshots and URI files, skipping one already there', async () => {
    const path = ws.file('import.cairn')
    await seedVault(path, [bob])
    const shot = screenshot('shot.png', [TOTP_ALICE, WEB_ADDRESS])
    const exported = screenshot('export.png', [exportUri])
    const uris = writeText(ws.file('keys.txt'), `# mine\n${TOTP_BOB}\n\n${HOTP_CAROL}\n`)
    const { status, stdout, stderr } = cairnWithPassword(['import', path, shot, uris, exported])
    expect(stderr).toBe(
      'cairn: 1 imported file hold secrets in the clear: delete it securely (shred -u FILE on Linux)\n',
    )
    expect(status).toBe(0)
    const lines = stdout.trim().split('\n').slice(3)
    expect(stdout.trim().split('\n').slice(0, 3)).toEqual([
      `${shot}: QR code image (PNG or JPEG)`,
      `${uris}: otpauth:// URI list (Google Authenticator export links included)`,
      `${exported}: QR code image (PNG or JPEG)`,
    ])
    expect(lines[0]).toMatch(
      /^Added 2FA key Example \(alice@example\.com\) \[[0-9a-f]{8}\] from .*shot\.png, code 1$/,
    )
    expect(lines[1]).toMatch(
      /^Added 2FA key Bank \(carol\) \[[0-9a-f]{8}\] from .*keys\.txt, line 4$/,
    )
    expect(lines[2]).toMatch(
      /^Added 2FA key Cloud \(eve\) \[[0-9a-f]{8}\] from .*export\.png, code 1$/,
    )
    expect(lines.slice(3)).toEqual([
      `Skipped 2FA key GitHub (bob) from ${uris}, line 2: already in the vault`,
      `${shot}: ignored code 2: not a 2FA code`,
      'Google Authenticator export in 2 parts: part 1 not among the inputs; import it later (items already imported will be skipped)',
      'Imported 3 2FA keys, skipped 1',
    ])
    expect(stdout).not.toMatch(/JBSWY3DPEHPK3PXP|MFRGGZDFMZTWQ2LK/)
    expect(listed(path).sort()).toEqual(
      ['Bank (carol)', 'Cloud (eve)', 'Example (alice@example.com)', 'GitHub (bob)'].sort(),
    )

    // The same inputs again: nothing new, nothing written.
    const before = snapshot(path)
    const again = cairnWithPassword(['import', path, shot, uris, exported])
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('Imported 0 2FA keys, skipped 4')
    expect(snapshot(path)).toEqual(before)
  })

  it('writes nothing when any input fails, and says why in one line', async () => {
    const path = ws.file('strict.cairn')
    await seedVault(path, [bob])
    const good = screenshot('good.png', [TOTP_ALICE])
    const web = screenshot('web.png', [WEB_ADDRESS])
    const blank = screenshot('blank.png', [])
    const bad = writeText(ws.file('bad.txt'), `${HOTP_CAROL}\nhttps://example.com\n`)
    const bare = writeText(ws.file('bare.txt'), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n')
    const prose = writeText(ws.file('prose.json'), '{"hello": 1}\n'.repeat(200))
    const cases: [string[], RegExp][] = [
      [[good, web], /^cairn: nothing imported: .*web\.png: no 2FA code \(only other QR codes\)$/],
      [[good, prose], /prose\.json: Not a format Cairn can import/],
      [[good, blank], /blank\.png: no QR code found$/],
      [[good, bad], /bad\.txt, line 2: not an otpauth URI$/],
      [
        [good, bare],
        /bare\.txt, line 1: a bare 2FA secret, not an otpauth URI: add it with `cairn add VAULT -`/,
      ],
      [[good, ws.file('missing.png')], /missing\.png: no such file$/],
    ]
    for (const [files, message] of cases) {
      const before = snapshot(path)
      const result = cairnWithPassword(['import', path, ...files])
      expect(result.status, files.join(' ')).toBe(1)
      expect(result.stdout).toBe('')
      expect(expectOneLine(result.stderr)).toMatch(message)
      expect(result.stderr).not.toContain('GEZDGNBV')
      expect(snapshot(path)).toEqual(before)
    }
    expect(listed(path)).toEqual(['GitHub (bob)'])
  })

  it('refuses a wrong password without writing', async () => {
    const path = ws.file('locked.cairn')
    await seedVault(path)
    const before = snapshot(path)
    const result = cairnWithPassword(['import', path, screenshot('one.png', [TOTP_ALICE])], {
      password: 'wrong password',
    })
    expect(result.status).toBe(1)
    expect(expectOneLine(result.stderr)).toMatch(/password/i)
    expect(snapshot(path)).toEqual(before)
  })

  it('reads an encrypted Aegis export with CAIRN_IMPORT_PASSWORD; a wrong one writes nothing', async () => {
    const path = ws.file('aegis.cairn')
    await seedVault(path)
    const exported = ws.file('aegis-export.json')
    writeFileSync(exported, aegisEncrypted(AEGIS_DB, 'phone password', 2 ** 10))
    const before = snapshot(path)
    const wrong = cairnWithPassword(['import', path, exported], {
      env: { CAIRN_IMPORT_PASSWORD: 'not it' },
    })
    expect(wrong.status).toBe(1)
    expect(expectOneLine(wrong.stderr)).toMatch(
      /aegis-export\.json: Wrong password for this Aegis export/,
    )
    expect(snapshot(path)).toEqual(before)
    const none = cairnWithPassword(['import', path, exported])
    expect(expectOneLine(none.stderr)).toMatch(
      /encrypted: give its password with --source-password-file/,
    )
    expect(snapshot(path)).toEqual(before)

    const passwordFile = writeText(ws.file('source-pw.txt'), 'phone password\n')
    const dry = cairnWithPassword([
      'import',
      path,
      exported,
      '--dry-run',
      '--source-password-file',
      passwordFile,
    ])
    expect(dry.status, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('Would add 2FA key GitHub (octo@example.com) from')
    expect(dry.stdout).toContain('Dry run: would import 4 2FA keys')
    expect(dry.stdout).toMatch(/2FA key Old Forum \(short\): The secret is only 40 bits/)
    expect(dry.stdout).not.toMatch(/JBSWY3DP|GEZDGNBV|63BEDWCQ/)
    expect(snapshot(path)).toEqual(before)

    const real = cairnWithPassword([
      'import',
      path,
      exported,
      '--source-password-file',
      passwordFile,
    ])
    expect(real.status, real.stderr).toBe(0)
    expect(real.stdout).toContain('Imported 4 2FA keys')
    // The export's group comes in as the key's group, shown after its name.
    expect(listed(path).sort()).toEqual([
      'Bank:carol',
      'GitHub (octo@example.com)  [Work]',
      'Old Forum (short)',
      'Steam (gamer)',
    ])
  })

  it('says in one line per file what it cannot read, and --from overrides detection', async () => {
    const path = ws.file('detect.cairn')
    await seedVault(path)
    const aegisPlain = writeText(
      ws.file('a.json'),
      JSON.stringify({ version: 1, header: { slots: null, params: null }, db: AEGIS_DB }),
    )
    const foreign = writeText(
      ws.file('other.json'),
      JSON.stringify({ items: [{ x: 1 }] }, null, 2).repeat(1),
    )
    const r = cairnWithPassword(['import', path, aegisPlain, foreign])
    expect(r.status).toBe(1)
    expect(expectOneLine(r.stderr)).toMatch(/other\.json: Not a format Cairn can import/)
    const forced = cairnWithPassword(['import', path, aegisPlain, '--from', '2fas'])
    expect(expectOneLine(forced.stderr)).toMatch(/a\.json: Not a readable 2FAS file: no services/)
    const unknown = cairnWithPassword(['import', path, aegisPlain, '--from', 'nope'])
    expect(expectOneLine(unknown.stderr)).toMatch(/Unknown import format 'nope'/)
  })

  it('reads an Authenticator Plus backup named anything with --from; a wrong password writes nothing', async () => {
    const path = ws.file('authplus.cairn')
    await seedVault(path)
    const backup = ws.file('phone-backup.bin')
    copyFileSync('test/fixtures/import/authenticator-plus/authplus.db', backup)
    const before = snapshot(path)
    const undetected = cairnWithPassword(['import', path, backup])
    expect(expectOneLine(undetected.stderr)).toMatch(/Not a format Cairn can import/)
    const wrong = cairnWithPassword(['import', path, backup, '--from', 'authenticator-plus'], {
      env: { CAIRN_IMPORT_PASSWORD: 'not it' },
    })
    expect(wrong.status).toBe(1)
    expect(expectOneLine(wrong.stderr)).toMatch(
      /phone-backup\.bin: Wrong password for the Authenticator Plus backup/,
    )
    expect(snapshot(path)).toEqual(before)
    const real = cairnWithPassword(['import', path, backup, '--from', 'authenticator-plus'], {
      env: { CAIRN_IMPORT_PASSWORD: 'authplus-fixture-pw' },
    })
    expect(real.status, real.stderr).toBe(0)
    expect(real.stdout).toContain('Imported 4 2FA keys')
    expect(real.stdout).not.toMatch(/JBSWY3DP|GEZDGNBV|KRSXG5CT/)
    expect(listed(path).sort()).toEqual([
      'Bank (carol)',
      'Blizzard (hero#1234)  [Games]',
      'GitHub (octo@example.com)  [Work]',
      'Mail:me',
    ])
  })

  it('reads a TOTP Authenticator backup sealed with the built-in password without asking one', async () => {
    const path = ws.file('totp-authenticator.cairn')
    await seedVault(path)
    const backup = 'test/fixtures/import/totp-authenticator/backup-built-in-password.txt'
    const { status, stdout, stderr } = cairnWithPassword(['import', path, backup])
    expect(status, stderr).toBe(0)
    expect(stdout.split('\n')[0]).toBe(`${backup}: TOTP Authenticator`)
    expect(stdout).toContain('Imported 3 2FA keys')
    // Anyone with the app can open it: the reminder to delete it is given as for a plain file.
    expect(stderr).toMatch(/delete it securely/)
  })
})
