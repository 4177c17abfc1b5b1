import { describe, expect, it } from 'vitest'
import { encodeBase32 } from '../../../src-main/core/otp/base32.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  decodeMigrationPayload,
  isMigrationUri,
  parseMigrationUri,
} from '../../../src-main/core/migration/migration-payload.ts'
import { encodePayload, migrationUri, protoBytes } from './fixtures/migration-encoder.ts'

// Published vector (GNOME Authenticator's Google backup test, reused by several importers):
// Discord / johndoe@example.com, TOTP, SHA1, 6 digits, secret JRZCL47CMXVOQMNPZR2F7J4RGI.
const GNOME_VECTOR =
  'otpauth-migration://offline?data=CjYKEExyJfPiZeroMa/MdF%2BnkTISE2pvaG5kb2VAZXhhbXBsZS5jb20aB0Rpc2NvcmQgASgBMAIQARgBIAA%3D'

const SECRET_80 = Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef])

function malformedMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(isCairnError(e, 'MALFORMED_URI')).toBe(true)
    return (e as Error).message
  }
  throw new Error('expected MALFORMED_URI')
}

describe('parseMigrationUri', () => {
  it('decodes the published GNOME Authenticator vector', () => {
    const payload = parseMigrationUri(GNOME_VECTOR)
    expect(payload).toMatchObject({ version: 1, batchSize: 1, batchIndex: 0, batchId: 0 })
    expect(payload.accounts).toHaveLength(1)
    const [account] = payload.accounts
    expect(account).toMatchObject({
      name: 'johndoe@example.com',
      issuer: 'Discord',
      algorithm: 1,
      digits: 1,
      type: 2,
      counter: 0n,
    })
    expect(encodeBase32(account!.secret)).toBe('JRZCL47CMXVOQMNPZR2F7J4RGI')
  })

  it('decodes every account of an independently encoded export, with batch numbers', () => {
    const uri = migrationUri({
      accounts: [
        {
          secret: SECRET_80,
          name: 'Example:alice',
          issuer: 'Example',
          algorithm: 2,
          digits: 2,
          type: 2,
        },
        {
          secret: SECRET_80.map((b) => b ^ 0xff),
          name: 'bob',
          issuer: 'Bank',
          algorithm: 1,
          digits: 1,
          type: 1,
          counter: 12_345_678_901n,
        },
      ],
      batchSize: 3,
      batchIndex: 1,
      batchId: -123456,
    })
    const payload = parseMigrationUri(uri)
    expect(payload).toMatchObject({ batchSize: 3, batchIndex: 1, batchId: -123456 })
    expect(
      payload.accounts.map((a) => [a.name, a.issuer, a.algorithm, a.digits, a.type, a.counter]),
    ).toEqual([
      ['Example:alice', 'Example', 2, 2, 2, 0n],
      ['bob', 'Bank', 1, 1, 1, 12_345_678_901n],
    ])
    expect([...payload.accounts[0]!.secret]).toEqual([...SECRET_80])
  })

  it('accepts a literal +, a space that was a +, and base64url digits', () => {
    const data = Buffer.from(
      encodePayload({
        accounts: [
          { secret: Uint8Array.from([0xfb, 0xff, 0xbf, 0xfe, 0xfa, 0xbe, 0xef, 0xfe, 0xfb, 0xef]) },
        ],
      }),
    ).toString('base64')
    expect(data).toMatch(/[+/]/)
    const expected = parseMigrationUri(
      `otpauth-migration://offline?data=${encodeURIComponent(data)}`,
    )
    for (const variant of [
      data,
      data.replace(/\+/g, ' '),
      data.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    ]) {
      expect(parseMigrationUri(`OTPAUTH-MIGRATION://offline?data=${variant}`)).toEqual(expected)
    }
  })

  it('skips fields it does not know', () => {
    const account = [
      ...protoBytes.bytesField(1, SECRET_80),
      ...protoBytes.textField(8, 'unique-id'),
      0x4d,
      1,
      2,
      3,
      4,
    ]
    const bytes = new Uint8Array([
      ...protoBytes.bytesField(1, account),
      ...protoBytes.varintField(2, 2),
      ...protoBytes.varintField(9, 1),
    ])
    const payload = decodeMigrationPayload(bytes)
    expect(payload.version).toBe(2)
    expect([...payload.accounts[0]!.secret]).toEqual([...SECRET_80])
  })

  it('refuses damaged exports without quoting their data', () => {
    const good = migrationUri({ accounts: [{ secret: SECRET_80, name: 'alice' }] })
    const data = decodeURIComponent(good.split('data=')[1]!)
    const cut = Buffer.from(data, 'base64').subarray(0, 8).toString('base64')
    const cases = [
      'otpauth-migration://online?data=AAAA',
      'otpauth-migration://offline?foo=bar',
      'otpauth-migration://offline?data=AAAA&data=AAAA',
      'otpauth-migration://offline?data=not*base64',
      `otpauth-migration://offline?data=${encodeURIComponent(cut)}`,
      'otpauth-migration://offline?data=%E0%A4%A',
      migrationUri({ accounts: [], batchSize: 2, batchIndex: 2 }),
    ]
    for (const uri of cases) {
      const message = malformedMessage(() => parseMigrationUri(uri))
      expect(message).toMatch(/^Damaged Google Authenticator export: /)
      expect(message).not.toContain(data.slice(0, 12))
    }
  })
})

describe('batch numbers', () => {
  const single = [{ secret: SECRET_80, name: 'alice' }]

  it('refuses an export claiming more parts than Google Authenticator ever makes', () => {
    // The reviewer's 83-character code: 2^31-1 parts used to size a list and crash the process.
    const uri = migrationUri({ accounts: single, batchSize: 2 ** 31 - 1, batchIndex: 0 })
    expect(uri.length).toBeLessThan(100)
    expect(malformedMessage(() => parseMigrationUri(uri))).toBe(
      'Damaged Google Authenticator export: it claims 2147483647 parts; exports have at most 100',
    )
    expect(() =>
      decodeMigrationPayload(encodePayload({ accounts: single, batchSize: 101 })),
    ).toThrow(/at most 100/)
    const largest = decodeMigrationPayload(
      encodePayload({ accounts: single, batchSize: 100, batchIndex: 99 }),
    )
    expect(largest).toMatchObject({ batchSize: 100, batchIndex: 99 })
  })

  it('refuses a part number outside the export, single codes included', () => {
    for (const [batchSize, batchIndex, text] of [
      [3, 3, 'part 4 of a 3-part export'],
      [1, 1, 'part 2 of a 1-part export'],
      [0, 5, 'part 6 of a 1-part export'],
    ] as const) {
      const bytes = encodePayload({ accounts: single, batchSize, batchIndex })
      expect(malformedMessage(() => decodeMigrationPayload(bytes))).toContain(text)
    }
    expect(decodeMigrationPayload(encodePayload({ accounts: single, batchSize: 0 }))).toMatchObject(
      { batchSize: 0, batchIndex: 0 },
    )
  })
})

describe('isMigrationUri', () => {
  it('recognises the scheme in any case', () => {
    expect(isMigrationUri(' Otpauth-Migration://offline?data=x')).toBe(true)
    expect(isMigrationUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe(false)
  })
})
