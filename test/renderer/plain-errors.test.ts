// The plain wording is checked against the messages the core really throws.
import { describe, expect, it } from 'vitest'
import { decodeBase32 } from '../../src-main/core/otp/base32.ts'
import { parseOtpauthUri } from '../../src-main/core/otp/otpauth-uri.ts'
import { plainOtpProblem } from '../../src-renderer/src/plain-errors.ts'

const messageOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('expected a throw')
}

describe('plain words for 2FA key problems', () => {
  it('names the bad character of a secret without the word base32', () => {
    const said = plainOtpProblem(messageOf(() => decodeBase32('JBSWY3DP0HPK3PXP')))
    expect(said).toContain('character 9 is something else')
    expect(said).not.toMatch(/base32/i)
  })
  it('explains a link that is not an otpauth link', () => {
    const said = plainOtpProblem(messageOf(() => parseOtpauthUri('https://example.org/')))
    expect(said).toMatch(/^This is not a 2FA setup link/)
  })
  it('explains a link without a secret', () => {
    const said = plainOtpProblem(messageOf(() => parseOtpauthUri('otpauth://totp/A:b?issuer=A')))
    expect(said).toBe('The link has no secret key in it: copy the whole link again.')
  })
  it('passes an unknown message through as a sentence', () => {
    expect(plainOtpProblem('something new went wrong')).toBe('Something new went wrong.')
  })
})
