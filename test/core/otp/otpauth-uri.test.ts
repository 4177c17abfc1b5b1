import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  formatOtpauthUri,
  parseOtpauthUri,
  readOtpauthUri,
} from '../../../src-main/core/otp/otpauth-uri.ts'
import type { OtpKey } from '../../../src-main/core/otp/otp-types.ts'

const SECRET = 'JBSWY3DPEHPK3PXP'

function parseError(uri: string): Error {
  try {
    parseOtpauthUri(uri)
  } catch (e) {
    expect(isCairnError(e, 'MALFORMED_URI'), `${uri} → ${String(e)}`).toBe(true)
    return e as Error
  }
  throw new Error(`expected ${uri} to be rejected`)
}

describe('parseOtpauthUri', () => {
  it('reads Google’s example with every default', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/Example:alice@google.com?secret=${SECRET}&issuer=Example`),
    ).toEqual({
      kind: 'totp',
      secret: SECRET,
      issuer: 'Example',
      account: 'alice@google.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      encoder: 'standard',
    } satisfies OtpKey)
  })

  it('reads every parameter', () => {
    const key = parseOtpauthUri(
      `otpauth://totp/ACME%20Co:john.doe@email.com?secret=${SECRET}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60`,
    )
    expect(key).toMatchObject({
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    })
  })

  it('accepts literal and %3A colons with optional spaces in the label', () => {
    for (const label of [
      'ACME%20Co:john',
      'ACME%20Co%3Ajohn',
      'ACME%20Co%3ajohn',
      'ACME%20Co:%20john',
      'ACME%20Co%3A%20%20john',
      '%20ACME%20Co%20:john%20',
    ]) {
      const key = parseOtpauthUri(`otpauth://totp/${label}?secret=${SECRET}`)
      expect([key.issuer, key.account], label).toEqual(['ACME Co', 'john'])
    }
  })

  it('splits the label at its first colon only', () => {
    const key = parseOtpauthUri(`otpauth://totp/Shop:urn:user:42?secret=${SECRET}`)
    expect([key.issuer, key.account]).toEqual(['Shop', 'urn:user:42'])
  })

  it('lets the issuer parameter win over the label prefix', () => {
    const key = parseOtpauthUri(`otpauth://totp/Old%20Name:bob?secret=${SECRET}&issuer=New%20Name`)
    expect([key.issuer, key.account]).toEqual(['New Name', 'bob'])
    const noPrefix = parseOtpauthUri(`otpauth://totp/bob?issuer=Acme&secret=${SECRET}`)
    expect([noPrefix.issuer, noPrefix.account]).toEqual(['Acme', 'bob'])
    const emptyParam = parseOtpauthUri(`otpauth://totp/Acme:bob?issuer=&secret=${SECRET}`)
    expect(emptyParam.issuer).toBe('Acme')
  })

  it('reads base32 secrets in any case, padded, with spaces, and canonicalizes them', () => {
    for (const secret of [
      'jbswy3dpehpk3pxp',
      'JBSWY3DPEHPK3PXP%3D%3D%3D',
      'JBSW+Y3DP+EHPK+3PXP',
      'jbsw%20y3dp%20ehpk%203pxp',
    ]) {
      expect(parseOtpauthUri(`otpauth://totp/a?secret=${secret}`).secret, secret).toBe(SECRET)
    }
  })

  it('is lenient about case of scheme, type, algorithm and parameter names', () => {
    const key = parseOtpauthUri(`OTPAUTH://TOTP/a?SECRET=${SECRET}&Algorithm=sha-512&DIGITS=7`)
    expect(key).toMatchObject({ kind: 'totp', algorithm: 'SHA512', digits: 7 })
  })

  it('accepts a label-less URI and ignores unknown parameters', () => {
    const key = parseOtpauthUri(`otpauth://totp?secret=${SECRET}&image=https%3A%2F%2Fx%2Fy.png`)
    expect([key.issuer, key.account]).toEqual(['', ''])
  })

  it('reads an HOTP URI without a counter as counter 0, with a note', () => {
    const read = readOtpauthUri(`otpauth://hotp/Bank:me?secret=${SECRET}`)
    expect(read.key).toMatchObject({ kind: 'hotp', counter: 0 })
    expect(read.notes).toEqual(['the hotp URI has no counter: it starts at 0'])
    expect(readOtpauthUri(`otpauth://hotp/Bank:me?secret=${SECRET}&counter=0`).notes).toEqual([])
  })

  it('accepts 6 to 10 digits and secrets of any non-empty length', () => {
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET}&digits=10`).digits).toBe(10)
    expect(parseOtpauthUri('otpauth://totp/a?secret=GEZDGNBVGY3TQOI').secret).toBe(
      'GEZDGNBVGY3TQOI',
    )
  })

  it('reads HOTP with its counter', () => {
    const key = parseOtpauthUri(`otpauth://hotp/Bank:me?secret=${SECRET}&counter=42&digits=8`)
    expect(key).toMatchObject({ kind: 'hotp', counter: 42, digits: 8, period: 30 })
  })

  it('recognizes Steam from the type, encoder=steam or the issuer', () => {
    const steam = {
      kind: 'totp',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      encoder: 'steam',
    }
    expect(parseOtpauthUri(`otpauth://steam/Steam:gamer?secret=${SECRET}`)).toMatchObject(steam)
    expect(
      parseOtpauthUri(
        `otpauth://totp/Valve:gamer?secret=${SECRET}&issuer=Valve&digits=5&encoder=steam`,
      ),
    ).toMatchObject({ ...steam, issuer: 'Valve' })
    expect(
      parseOtpauthUri(`otpauth://totp/Steam:gamer?secret=${SECRET}&issuer=Steam`),
    ).toMatchObject(steam)
    // A totp URI that asks for 6 digits is taken at its word even with issuer Steam.
    expect(parseOtpauthUri(`otpauth://totp/Steam:gamer?secret=${SECRET}&digits=6`).encoder).toBe(
      'standard',
    )
  })

  it('names what is wrong, never quoting the secret', () => {
    const cases: [string, RegExp][] = [
      [
        'https://example.com/?secret=JBSWY3DPEHPK3PXP',
        /not an otpauth:\/\/ URI \(the scheme is 'https'\)/,
      ],
      ['otpauth-migration://offline?data=abc', /scheme is 'otpauth-migration'/],
      ['JBSWY3DPEHPK3PXP', /not an otpauth:\/\/ URI/],
      ['otpauth:///a?secret=JBSWY3DPEHPK3PXP', /missing OTP type/],
      ['otpauth://motp/a?secret=JBSWY3DPEHPK3PXP', /unknown OTP type 'motp'/],
      ['otpauth://totp/a?issuer=x', /missing secret/],
      ['otpauth://totp/a?secret=', /missing secret/],
      ['otpauth://totp/a?secret=JBSWY3DPEHPK3PX1', /secret is not valid base32.*position 16/],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXPA',
        /secret is not valid base32.*impossible length \(17/,
      ],
      ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', /unknown algorithm 'MD5'/],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=11',
        /digits must be from 6 to 10 \(got 11\)/,
      ],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5',
        /digits must be from 6 to 10 \(got 5\)/,
      ],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=six',
        /digits must be a whole number \(got 'six'\)/,
      ],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0',
        /period must be a whole number of seconds/,
      ],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=-30',
        /period must be a whole number \(got '-30'\)/,
      ],
      ['otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1.5', /counter must be a whole number/],
      [
        'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1&encoder=steam',
        /steam needs a time-based/,
      ],
      ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&encoder=yandex', /unknown encoder 'yandex'/],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP',
        /'secret' appears more than once/,
      ],
      ['otpauth://totp/a%E0%A4%A?secret=JBSWY3DPEHPK3PXP', /label is not valid percent-encoding/],
      ['otpauth://totp/a%0Ab?secret=JBSWY3DPEHPK3PXP', /account contains a control character/],
      [
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=%E0%A4',
        /parameter 'issuer' is not valid percent-encoding/,
      ],
    ]
    for (const [uri, message] of cases) {
      const error = parseError(uri)
      expect(error.message, uri).toMatch(message)
      expect(error.message, uri).not.toMatch(/JBSWY3DPEHPK3P|GEZDGNBVGY3TQOI/i)
      expect(error.message).not.toContain('\n')
    }
  })

  it('caps echoed values', () => {
    const long = 'X'.repeat(500)
    expect(
      parseError(`otpauth://totp/a?secret=${SECRET}&algorithm=${long}`).message.length,
    ).toBeLessThan(120)
  })
})

describe('formatOtpauthUri', () => {
  const base: OtpKey = {
    kind: 'totp',
    secret: SECRET,
    issuer: 'ACME Co',
    account: 'john@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    encoder: 'standard',
  }

  it('writes the canonical form', () => {
    expect(formatOtpauthUri(base)).toBe(
      `otpauth://totp/ACME%20Co:john%40example.com?secret=${SECRET}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
    )
    expect(formatOtpauthUri({ ...base, kind: 'hotp', counter: 7, issuer: '' })).toBe(
      `otpauth://hotp/john%40example.com?secret=${SECRET}&algorithm=SHA1&digits=6&counter=7`,
    )
    expect(formatOtpauthUri({ ...base, issuer: 'Steam', encoder: 'steam', digits: 5 })).toBe(
      `otpauth://totp/Steam:john%40example.com?secret=${SECRET}&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam`,
    )
  })

  it('keeps colons out of the label separator', () => {
    const colonIssuer = { ...base, issuer: 'Shop: EU', account: 'bob' }
    expect(formatOtpauthUri(colonIssuer)).toMatch(/^otpauth:\/\/totp\/bob\?.*issuer=Shop%3A%20EU/)
    expect(parseOtpauthUri(formatOtpauthUri(colonIssuer))).toEqual(colonIssuer)
    const colonAccount = { ...base, issuer: '', account: 'urn:user:42' }
    expect(formatOtpauthUri(colonAccount)).toMatch(/^otpauth:\/\/totp\/:urn%3Auser%3A42\?/)
    expect(parseOtpauthUri(formatOtpauthUri(colonAccount))).toEqual(colonAccount)
  })

  it('refuses an invalid key', () => {
    expect(() => formatOtpauthUri({ ...base, digits: 4 })).toThrow(/digits/)
    expect(() => formatOtpauthUri({ ...base, account: 'a\u0000b' })).toThrow(/control character/)
  })
})
