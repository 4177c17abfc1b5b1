// Property: any valid key survives format → parse unchanged, and parse is idempotent through format.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeBase32 } from '../../../src-main/core/otp/base32.ts'
import { normalizeOtpKey } from '../../../src-main/core/otp/otp-key.ts'
import { formatOtpauthUri, parseOtpauthUri } from '../../../src-main/core/otp/otpauth-uri.ts'
import type { OtpKey } from '../../../src-main/core/otp/otp-types.ts'

// Printable text from the whole of Unicode, with the characters a URI cares about mixed in.
const labelText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom(':', ' ', '%', '%3A', '&', '=', '?', '#', '/', '+', '@', 'é', '名', '🔑'),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join('').replace(/[\p{Cc}]/gu, ''))

const validKey: fc.Arbitrary<OtpKey> = fc
  .record({
    kind: fc.constantFrom('totp', 'hotp'),
    secret: fc.uint8Array({ minLength: 10, maxLength: 128 }).map(encodeBase32),
    issuer: labelText,
    account: labelText,
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 1, max: 86_400 }),
    counter: fc.maxSafeNat(),
    encoder: fc.constantFrom('standard', 'standard', 'steam'),
  } as const)
  .filter((k) => !(k.encoder === 'steam' && k.kind === 'hotp'))
  .map((k) => normalizeOtpKey(k))

describe('otpauth URI round trip', () => {
  it('format then parse gives back the same key', () => {
    fc.assert(
      fc.property(validKey, (key) => {
        expect(parseOtpauthUri(formatOtpauthUri(key))).toEqual(key)
      }),
      { numRuns: 2000 },
    )
  })

  it('formatted URIs are plain ASCII with one ? and no raw spaces', () => {
    fc.assert(
      fc.property(validKey, (key) => {
        const uri = formatOtpauthUri(key)
        expect(uri).toMatch(/^otpauth:\/\/(totp|hotp)\/[\x21-\x7e]*$/)
        expect(uri.split('?')).toHaveLength(2)
        expect(uri).not.toContain('#')
      }),
    )
  })

  it('secrets in any spelling parse to the canonical one', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.boolean(),
        fc.boolean(),
        (bytes, lower, padded) => {
          let secret = encodeBase32(bytes)
          const canonical = secret
          if (lower) secret = secret.toLowerCase()
          if (padded) secret = secret.padEnd(Math.ceil(secret.length / 8) * 8, '=')
          const key = parseOtpauthUri(`otpauth://totp/x?secret=${encodeURIComponent(secret)}`)
          expect(key.secret).toBe(canonical)
        },
      ),
    )
  })
})
