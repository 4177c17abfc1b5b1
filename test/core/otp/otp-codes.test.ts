import { describe, expect, it } from 'vitest'
import { encodeBase32 } from '../../../src-main/core/otp/base32.ts'
import { currentCode, hotpCode, totpCode } from '../../../src-main/core/otp/otp-codes.ts'
import type { OtpAlgorithm, OtpKey } from '../../../src-main/core/otp/otp-types.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { referenceHotp, referenceSteam } from './reference-hotp.ts'

function key(secret: Uint8Array, fields: Partial<OtpKey> = {}): OtpKey {
  return {
    kind: 'totp',
    secret: encodeBase32(secret),
    issuer: 'Example',
    account: 'alice@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    encoder: 'standard',
    ...fields,
  }
}

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'))
// RFC 6238 Appendix B: the seed is "1234567890" repeated to the hash's block-ish length.
const RFC_SEEDS: Record<OtpAlgorithm, Uint8Array> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
}

describe('HOTP', () => {
  it('matches RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ]
    const rfcKey = key(RFC_SEEDS.SHA1, { kind: 'hotp' })
    expected.forEach((code, counter) => expect(hotpCode(rfcKey, counter)).toBe(code))
  })
})

describe('TOTP', () => {
  it('matches RFC 6238 Appendix B for SHA1, SHA256 and SHA512', () => {
    const table: [number, string, string, string][] = [
      [59, '94287082', '46119246', '90693936'],
      [1111111109, '07081804', '68084774', '25091201'],
      [1111111111, '14050471', '67062674', '99943326'],
      [1234567890, '89005924', '91819424', '93441116'],
      [2000000000, '69279037', '90698825', '38618901'],
      [20000000000, '65353130', '77737706', '47863826'],
    ]
    for (const [time, sha1, sha256, sha512] of table) {
      const expected: Record<OtpAlgorithm, string> = { SHA1: sha1, SHA256: sha256, SHA512: sha512 }
      for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
        const rfcKey = key(RFC_SEEDS[algorithm], { algorithm, digits: 8 })
        expect(totpCode(rfcKey, time), `${algorithm} at ${time}`).toBe(expected[algorithm])
      }
    }
  })

  it('works with 80-bit (10-byte) secrets like real services issue', () => {
    const tenBytes = Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1')
    const shortKey = { ...key(tenBytes), secret: 'JBSWY3DPEHPK3PXP' }
    for (const time of [0, 59, 1_700_000_000, 1_700_000_029, 1_700_000_030]) {
      expect(totpCode(shortKey, time)).toBe(
        referenceHotp('sha1', tenBytes, Math.floor(time / 30), 6),
      )
    }
    expect(hotpCode({ ...shortKey, kind: 'hotp' }, 7)).toBe(referenceHotp('sha1', tenBytes, 7, 6))
  })

  it('honours digits, algorithm and period like the reference', () => {
    const secret = ascii('cairn-test-secret-32-bytes-long!')
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      for (const digits of [6, 7, 8]) {
        for (const period of [1, 15, 30, 60, 3600]) {
          const time = 1_234_567_890
          const hash = algorithm.toLowerCase() as 'sha1' | 'sha256' | 'sha512'
          expect(totpCode(key(secret, { algorithm, digits, period }), time)).toBe(
            referenceHotp(hash, secret, Math.floor(time / period), digits),
          )
        }
      }
    }
  })

  it('computes secrets under 80 bits and 9 or 10 digits like an independent HMAC', () => {
    for (const [secret, digits] of [
      [ascii('123456789'), 6],
      [ascii('1'), 6],
      [RFC_SEEDS.SHA1, 9],
      [RFC_SEEDS.SHA1, 10],
      [ascii('12345'), 10],
    ] as const) {
      for (const at of [0, 59, 1_111_111_109, 2_000_000_000]) {
        const counter = Math.floor(at / 30)
        expect(totpCode(key(secret, { digits }), at)).toBe(
          referenceHotp('sha1', secret, counter, digits),
        )
      }
    }
  })

  it('refuses an empty secret, 11 digits and times before 1970', () => {
    expect(() => totpCode(key(new Uint8Array(0)), 0)).toThrow(/empty/)
    expect(() => totpCode(key(RFC_SEEDS.SHA1), -1)).toThrow(/Unix time/)
    expect(() => totpCode(key(RFC_SEEDS.SHA1, { digits: 11 }), 0)).toThrow(/digits/)
  })
})

describe('Steam', () => {
  // Published with KeePassXC's tests, taken from the Steam mobile app on a throw-away account.
  const steamSecret = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK'
  const steamKey: OtpKey = {
    ...key(new Uint8Array(20), { issuer: 'Steam', encoder: 'steam', digits: 5 }),
    secret: steamSecret,
  }

  it('matches codes from the Steam app', () => {
    expect(totpCode(steamKey, 1511200518)).toBe('FR8RV')
    expect(totpCode(steamKey, 1511200714)).toBe('9P3VP')
  })

  it('matches an independent node:crypto computation', () => {
    const secret = ascii('steam-secret-bytes!!')
    const k = key(secret, { encoder: 'steam', digits: 5 })
    for (const time of [0, 30, 1_600_000_000, 1_700_000_123, 2_000_000_000]) {
      const code = totpCode(k, time)
      expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/)
      expect(code).toBe(referenceSteam(secret, time))
    }
  })

  it('always uses SHA1, 5 characters and 30 s whatever the key says', () => {
    const odd = { ...steamKey, algorithm: 'SHA512' as const, digits: 8, period: 60 }
    expect(totpCode(odd, 1511200518)).toBe('FR8RV')
  })
})

describe('currentCode', () => {
  const rfcKey = key(RFC_SEEDS.SHA1, { digits: 8 })

  it('gives the code, the next one and the time left in the period', () => {
    const now = currentCode(rfcKey, 1111111109_000)
    expect(now).toEqual({
      code: '07081804',
      // RFC 6238, appendix B: T = 1111111111 s (the same 30 s step), SHA-1.
      nextCode: '14050471',
      periodStart: 1111111080,
      remainingSeconds: 1,
      counter: null,
    })
    const later = currentCode(rfcKey, 1111111110_250)
    expect(later.code).toBe(now.nextCode)
    expect(later.periodStart).toBe(1111111110)
    expect(later.remainingSeconds).toBe(30)
  })

  it('uses the period of the key', () => {
    const slow = { ...rfcKey, period: 60 }
    const now = currentCode(slow, 1_000_000_079_500)
    expect(now.periodStart).toBe(1_000_000_020)
    expect(now.remainingSeconds).toBe(1)
    expect(now.code).toBe(referenceHotp('sha1', RFC_SEEDS.SHA1, Math.floor(1_000_000_079 / 60), 8))
  })

  it('shows HOTP at the stored counter', () => {
    const counterKey = key(RFC_SEEDS.SHA1, { kind: 'hotp', counter: 3 })
    expect(currentCode(counterKey, Date.now())).toEqual({
      code: '969429',
      nextCode: '338314',
      periodStart: null,
      remainingSeconds: null,
      counter: 3,
    })
  })

  it('rejects an invalid key with a CairnError', () => {
    let caught: unknown
    try {
      currentCode({ ...rfcKey, secret: 'not base32!' }, 0)
    } catch (e) {
      caught = e
    }
    expect(isCairnError(caught, 'INVALID_ARGUMENT')).toBe(true)
    expect((caught as Error).message).not.toContain('not base32!')
  })
})
