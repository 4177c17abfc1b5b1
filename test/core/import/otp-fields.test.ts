// The TOTP layouts password managers use, each read into the same key.
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  otpKeyFromAttributes,
  otpKeyFromText,
} from '../../../src-main/core/import/importers/otp-fields.ts'

const LABEL = { issuer: 'Site', account: 'me' }
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP'
const base = {
  kind: 'totp',
  secret: SECRET,
  issuer: 'Site',
  account: 'me',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  encoder: 'standard',
}

describe('otpKeyFromText', () => {
  it('reads a bare secret (spaces and case ignored), steam:// and an otpauth URI', () => {
    expect(otpKeyFromText('jbsw y3dp ehpk 3pxp jbsw y3dp', LABEL)).toEqual(base)
    expect(otpKeyFromText(`steam://${SECRET}`, LABEL)).toEqual({
      ...base,
      digits: 5,
      encoder: 'steam',
    })
    expect(otpKeyFromText(`otpauth://totp/Other:you?secret=${SECRET}&digits=8`, LABEL)).toEqual({
      ...base,
      issuer: 'Other',
      account: 'you',
      digits: 8,
    })
  })

  it("fills a URI's missing label from the login", () => {
    expect(otpKeyFromText(`otpauth://totp/?secret=${SECRET}`, LABEL)).toEqual(base)
  })

  it('reads KeeOtp query strings, TOTP and HOTP', () => {
    expect(otpKeyFromText(`key=${SECRET}&step=60&size=8&otpHashMode=Sha256`, LABEL)).toEqual({
      ...base,
      period: 60,
      digits: 8,
      algorithm: 'SHA256',
    })
    expect(otpKeyFromText(`key=${SECRET}&type=Hotp&counter=4`, LABEL)).toMatchObject({
      kind: 'hotp',
      counter: 4,
    })
  })

  it('refuses what is not a usable secret with a CairnError that does not quote it', () => {
    for (const bad of ['', 'not base32 !', 'otpauth://totp/x?secret=A1', 'steam://']) {
      let error: unknown = null
      try {
        otpKeyFromText(bad, LABEL)
      } catch (e) {
        error = e
      }
      expect(isCairnError(error, 'MALFORMED_BACKUP'), bad).toBe(true)
      if (bad.length > 3) expect((error as Error).message).not.toContain(bad)
    }
  })
})

describe('otpKeyFromAttributes', () => {
  const from = (fields: Record<string, string>) =>
    otpKeyFromAttributes((name) => fields[name], LABEL)

  it('returns null for an entry without a TOTP', () => {
    expect(from({ Title: 'x' })).toBeNull()
  })

  it("reads KeePassXC's older TOTP Seed / TOTP Settings, Steam included", () => {
    expect(from({ 'TOTP Seed': SECRET, 'TOTP Settings': '60;7' })).toEqual({
      ...base,
      period: 60,
      digits: 7,
    })
    expect(from({ 'TOTP Seed': SECRET, 'TOTP Settings': '30;S' })).toMatchObject({
      encoder: 'steam',
      digits: 5,
    })
    expect(from({ 'TOTP Seed': `otpauth://totp/A:b?secret=${SECRET}` })).toMatchObject({
      issuer: 'A',
      account: 'b',
    })
  })

  it("reads KeePass's TimeOtp-* secret in each encoding and HmacOtp-*", () => {
    const bytes = Buffer.from('Hello!\xde\xad\xbe\xefHello', 'latin1')
    const expected = otpKeyFromText(SECRET, LABEL)
    expect(from({ 'TimeOtp-Secret-Base32': SECRET })).toEqual(expected)
    expect(from({ 'TimeOtp-Secret-Hex': bytes.toString('hex') })).toEqual(expected)
    expect(from({ 'TimeOtp-Secret-Base64': bytes.toString('base64') })).toEqual(expected)
    expect(from({ 'TimeOtp-Secret': '12345678901234567890' })).toMatchObject({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    })
    expect(
      from({
        'TimeOtp-Secret-Base32': SECRET,
        'TimeOtp-Length': '8',
        'TimeOtp-Period': '60',
        'TimeOtp-Algorithm': 'HMAC-SHA-512',
      }),
    ).toEqual({ ...base, digits: 8, period: 60, algorithm: 'SHA512' })
    expect(from({ 'HmacOtp-Secret-Base32': SECRET, 'HmacOtp-Counter': '9' })).toMatchObject({
      kind: 'hotp',
      counter: 9,
    })
  })
})
