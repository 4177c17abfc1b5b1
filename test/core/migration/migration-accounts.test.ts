import { describe, expect, it } from 'vitest'
import { migrationEntries } from '../../../src-main/core/migration/migration-accounts.ts'
import { parseMigrationUri } from '../../../src-main/core/migration/migration-payload.ts'
import { encodeBase32 } from '../../../src-main/core/otp/base32.ts'
import { migrationUri } from './fixtures/migration-encoder.ts'
import type { TestAccount } from './fixtures/migration-encoder.ts'

const SECRET_80 = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
const entriesOf = (...accounts: TestAccount[]) =>
  migrationEntries(parseMigrationUri(migrationUri({ accounts })))

describe('migrationEntries', () => {
  it('turns an 80-bit TOTP account and an HOTP account into keys', () => {
    const [totp, hotp] = entriesOf(
      {
        secret: SECRET_80,
        name: 'alice@example.com',
        issuer: 'Example',
        algorithm: 3,
        digits: 2,
        type: 2,
      },
      {
        secret: SECRET_80.map((b) => b * 7),
        name: 'Bank:carol',
        issuer: 'Bank',
        algorithm: 1,
        digits: 1,
        type: 1,
        counter: 42n,
      },
    )
    expect(totp).toEqual({
      ok: true,
      key: {
        kind: 'totp',
        secret: encodeBase32(SECRET_80),
        issuer: 'Example',
        account: 'alice@example.com',
        algorithm: 'SHA512',
        digits: 8,
        period: 30,
        counter: 0,
        encoder: 'standard',
      },
    })
    expect(encodeBase32(SECRET_80)).toHaveLength(16)
    expect(hotp).toMatchObject({
      ok: true,
      key: {
        kind: 'hotp',
        issuer: 'Bank',
        account: 'carol',
        algorithm: 'SHA1',
        digits: 6,
        counter: 42,
      },
    })
  })

  it('reads unspecified enums as SHA1, 6 digits, TOTP', () => {
    const [entry] = entriesOf({ secret: SECRET_80, name: 'x' })
    expect(entry).toMatchObject({ ok: true, key: { kind: 'totp', algorithm: 'SHA1', digits: 6 } })
  })

  it('keeps an "Issuer:account" name whole when the issuer field is empty', () => {
    const [a, b, c] = entriesOf(
      { secret: SECRET_80, name: 'GitHub:octocat' },
      { secret: SECRET_80, name: 'Work:me', issuer: 'Mail' },
      { secret: SECRET_80, name: 'GitHub:octocat', issuer: 'GitHub' },
    )
    // No issuer is invented from a colon in the name.
    expect(a).toMatchObject({ key: { issuer: '', account: 'GitHub:octocat' } })
    // A prefix repeating the issuer is dropped.
    expect(c).toMatchObject({ key: { issuer: 'GitHub', account: 'octocat' } })
    // A prefix that is not the issuer stays part of the account name.
    expect(b).toMatchObject({ key: { issuer: 'Mail', account: 'Work:me' } })
  })

  it('reports unusable accounts one by one and keeps the others', () => {
    const entries = entriesOf(
      { secret: SECRET_80, name: 'md5', issuer: 'Old', algorithm: 4 },
      { secret: SECRET_80, name: 'seven', digits: 3 },
      { secret: new Uint8Array(0), name: 'empty', issuer: 'Tiny' },
      { secret: SECRET_80, name: 'weird', type: 5 },
      { secret: SECRET_80, name: 'huge', type: 1, counter: 2n ** 60n },
      { secret: SECRET_80, name: 'fine', issuer: 'Good' },
    )
    expect(entries.map((e) => (e.ok ? 'ok' : e.reason))).toEqual([
      'uses MD5, which Cairn does not support',
      'unknown number of digits',
      expect.stringMatching(/empty/),
      'unknown code type',
      'counter out of range',
      'ok',
    ])
    expect(entries[0]).toMatchObject({ ok: false, issuer: 'Old', account: 'md5' })
    for (const e of entries) if (!e.ok) expect(e.reason).not.toContain(encodeBase32(SECRET_80))
  })
})
