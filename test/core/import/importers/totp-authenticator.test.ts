// TOTP Authenticator backups, made by test/fixtures/import/totp-authenticator/make-backups.py
// (Python `cryptography`) from the app's layout: one sealed with a password of the person's own,
// one with the app's built-in password in the older layout (each account as JSON text).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../../src-main/core/errors.ts'
import { detectImporter } from '../../../../src-main/core/import/importers/index.ts'
import { totpAuthenticatorImporter } from '../../../../src-main/core/import/importers/totp-authenticator.ts'
import { totpAuthenticatorBackup } from './fixtures/export-crypto.ts'
import { answer, errorOfAsync, expectKeys, formatChecks, KEY_DEFAULTS } from './importer-harness.ts'

const DIR = join(import.meta.dirname, '../../../fixtures/import/totp-authenticator')
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))
const OWN_PASSWORD = 'totp-fixture-pw'
const BUILT_IN = 'TotpAuthenticator'

const KEYS = [
  // base 16: 48656C6C6F21DEADBEEF
  { ...KEY_DEFAULTS, secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', account: 'octo@example.com' },
  // base 32, digits "8", period "60"
  {
    ...KEY_DEFAULTS,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Bank',
    account: 'carol',
    digits: 8,
    period: 60,
  },
  // base 64 of the RFC 4226 secret; issuer "Unknown" is the app's "none"; "" digits and period
  { ...KEY_DEFAULTS, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: '', account: 'Mail:me' },
]

describe('TOTP Authenticator backup with its own password', () => {
  formatChecks({
    importer: totpAuthenticatorImporter,
    fileName: 'backup-own-password.txt',
    bytes: fixture('backup-own-password.txt'),
    password: OWN_PASSWORD,
    // AES-CBC without a code: a changed byte may still decrypt to a valid backup.
    tamperAlwaysFails: false,
    expectEntries: expectKeys(KEYS, { encrypted: true }),
  })
})

describe('TOTP Authenticator backup with the built-in password (older layout)', () => {
  formatChecks({
    importer: totpAuthenticatorImporter,
    fileName: 'backup-built-in-password.txt',
    bytes: fixture('backup-built-in-password.txt'),
    tamperAlwaysFails: false,
    // Readable by anyone who knows the app: as good as plain, so it is worth deleting securely.
    expectEntries: expectKeys(KEYS, { encrypted: false }),
  })
})

const account = (fields: object) => ({
  issuer: 'X',
  name: 'y',
  digits: '6',
  period: '30',
  ...fields,
})

describe('TOTP Authenticator: accounts it cannot take, and detection', () => {
  it('makes a problem of each account whose key it cannot read, keeping the others', async () => {
    const backup = totpAuthenticatorBackup(
      [
        account({ key: 'JBSWY3DPEHPK3PXP', base: 32 }),
        account({ key: '0123', base: 10 }),
        account({ key: 'XYZ', base: 16 }),
        'not an account',
      ],
      BUILT_IN,
    )
    const file = await totpAuthenticatorImporter.read(backup, answer(null))
    expect(file.entries.map((e) => e.where)).toEqual(['account 1'])
    expect(file.problems).toEqual([
      { where: 'account 2', reason: 'the key is written in base 10, not 16, 32 or 64' },
      { where: 'account 3', reason: 'the key is not valid base 16' },
      { where: 'account 4', reason: 'not an account' },
    ])
  })

  it('asks for the password only when the built-in one does not open the file', async () => {
    let asked = 0
    const ask = async () => {
      asked++
      return OWN_PASSWORD
    }
    await totpAuthenticatorImporter.read(fixture('backup-built-in-password.txt'), ask)
    expect(asked).toBe(0)
    await totpAuthenticatorImporter.read(fixture('backup-own-password.txt'), ask)
    expect(asked).toBe(1)
  })

  it('refuses text that is not a backup with one CairnError', async () => {
    for (const text of ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', '{"a":1}', 'aGVsbG8=']) {
      const e = await errorOfAsync(() =>
        totpAuthenticatorImporter.read(new TextEncoder().encode(text), answer(OWN_PASSWORD)),
      )
      expect(isCairnError(e, 'MALFORMED_BACKUP'), `${text}: ${String(e)}`).toBe(true)
    }
  })

  it('does not claim a bare base32 or hex secret, and is sure only of a built-in-password backup', () => {
    const bare = new TextEncoder().encode(
      'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n',
    )
    expect(totpAuthenticatorImporter.sniff(bare, 'secret.txt')).toBe(0)
    const grouped = new TextEncoder().encode(`${'jbsw y3dp ehpk 3pxp '.repeat(4)}\n`)
    expect(totpAuthenticatorImporter.sniff(grouped, 'secret.txt')).toBe(0)
    const hex = new TextEncoder().encode('31323334353637383930'.repeat(4))
    expect(totpAuthenticatorImporter.sniff(hex, 'secret.txt')).toBe(0)
    expect(detectImporter(hex, 'secret.txt').id).toBe('otpauth')
    expect(totpAuthenticatorImporter.sniff(fixture('backup-built-in-password.txt'), 'x')).toBe(3)
    expect(totpAuthenticatorImporter.sniff(fixture('backup-own-password.txt'), 'x')).toBe(2)
    expect(detectImporter(fixture('backup-own-password.txt'), 'backup.txt').id).toBe(
      'totp-authenticator',
    )
  })

  it('fuzz: decrypted backups of any shape end as entries or a CairnError', async () => {
    const shapes = fc.oneof(
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
      fc.array(
        fc.record({
          base: fc.oneof(fc.constantFrom(16, 32, 64), fc.jsonValue({ maxDepth: 1 })),
          key: fc.oneof(fc.string(), fc.constantFrom('JBSWY3DPEHPK3PXP', '00ff', 'AAE=')),
          issuer: fc.jsonValue({ maxDepth: 1 }),
          name: fc.jsonValue({ maxDepth: 1 }),
          digits: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
          period: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
        }),
        { maxLength: 4 },
      ),
    )
    let tried = 0
    await fc.assert(
      fc.asyncProperty(shapes, async (accounts) => {
        tried++
        try {
          await totpAuthenticatorImporter.read(
            totpAuthenticatorBackup(accounts, BUILT_IN),
            answer(null),
          )
        } catch (e) {
          if (!isCairnError(e)) throw e
        }
      }),
      { numRuns: 300, seed: 11 },
    )
    console.log(
      `totp-authenticator contents: fuzzed ${tried} inputs, each a result or a CairnError`,
    )
    expect(tried).toBe(300)
  })
})
