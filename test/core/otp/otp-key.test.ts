import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { normalizeOtpKey, otpKeyLabel } from '../../../src-main/core/otp/otp-key.ts'
import type { OtpKey } from '../../../src-main/core/otp/otp-types.ts'

const base: OtpKey = {
  kind: 'totp',
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'Acme',
  account: 'me',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  encoder: 'standard',
}

function rejection(key: OtpKey): Error {
  try {
    normalizeOtpKey(key)
  } catch (e) {
    expect(isCairnError(e, 'INVALID_ARGUMENT')).toBe(true)
    return e as Error
  }
  throw new Error('expected a rejection')
}

describe('normalizeOtpKey', () => {
  it('canonicalizes the secret and trims the names', () => {
    expect(
      normalizeOtpKey({
        ...base,
        secret: 'jbsw y3dp ehpk 3pxp====',
        issuer: ' Acme ',
        account: '\tme ',
      }),
    ).toEqual(base)
  })

  it('zeroes fields that do not apply to the kind', () => {
    expect(normalizeOtpKey({ ...base, counter: 9 }).counter).toBe(0)
    expect(normalizeOtpKey({ ...base, kind: 'hotp', period: 45, counter: 9 })).toMatchObject({
      period: 30,
      counter: 9,
    })
  })

  it('forces Steam keys to SHA1, 5 characters, 30 s', () => {
    expect(
      normalizeOtpKey({ ...base, encoder: 'steam', algorithm: 'SHA256', digits: 8, period: 60 }),
    ).toMatchObject({ algorithm: 'SHA1', digits: 5, period: 30, encoder: 'steam' })
    expect(rejection({ ...base, encoder: 'steam', kind: 'hotp' }).message).toMatch(/time-based/)
  })

  it('names the bad field', () => {
    expect(rejection({ ...base, digits: 5 }).message).toMatch(/digits/)
    expect(rejection({ ...base, digits: 6.5 }).message).toMatch(/digits/)
    expect(rejection({ ...base, period: 0 }).message).toMatch(/period/)
    expect(rejection({ ...base, period: 86_401 }).message).toMatch(/period/)
    expect(rejection({ ...base, kind: 'hotp', counter: -1 }).message).toMatch(/counter/)
    expect(rejection({ ...base, algorithm: 'MD5' as 'SHA1' }).message).toMatch(/algorithm/)
    expect(rejection({ ...base, kind: 'motp' as 'totp' }).message).toMatch(/kind/)
    expect(rejection({ ...base, issuer: 'a\u0007' }).message).toMatch(/issuer contains a control/)
    expect(rejection({ ...base, account: 'x\ud800y' }).message).toMatch(/account .*broken unicode/)
    expect(rejection({ ...base, secret: 'A'.repeat(208) }).message).toMatch(/too long: 130 bytes/)
  })
})

describe('otpKeyLabel', () => {
  it('joins what is there', () => {
    expect(otpKeyLabel({ issuer: 'Acme', account: 'me' })).toBe('Acme (me)')
    expect(otpKeyLabel({ issuer: 'Acme', account: '' })).toBe('Acme')
    expect(otpKeyLabel({ issuer: '', account: 'me' })).toBe('me')
    expect(otpKeyLabel({ issuer: '', account: '' })).toBe('—')
  })
})
