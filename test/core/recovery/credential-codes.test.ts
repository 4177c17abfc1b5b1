// The printed forms of recovery keys and one-time codes: shape, checks that catch typos, the
// look-alike digits, and the locator that ties a one-time code to its slot.
import { describe, expect, it } from 'vitest'
import { randomId } from '../../../src-main/core/crypto/random.ts'
import { decodeBase32 } from '../../../src-main/core/otp/base32.ts'
import {
  ONE_TIME_CODE_CHARS,
  RECOVERY_KEY_CHARS,
  generateOneTimeCode,
  generateRecoveryKey,
  inspectOneTimeCode,
  locatorForSlotId,
  parseRecoveryKey,
} from '../../../src-main/core/vault/credential-codes.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Replaces the character at `i` (counting only key characters) with a different one. */
function typo(grouped: string, i: number): string {
  const chars = grouped.replace(/-/g, '').split('')
  chars[i] = ALPHABET[(ALPHABET.indexOf(chars[i]!) + 1) % 32]!
  return chars.join('')
}

describe('recovery keys', () => {
  it('are 56 characters in 14 groups of four, carrying 256 random bits', () => {
    const key = generateRecoveryKey()
    expect(key).toMatch(/^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/)
    expect(decodeBase32(key).length).toBe(35) // 32 key bytes + 3 check bytes
    expect(parseRecoveryKey(key)).toBe(key.replace(/-/g, ''))
    expect(parseRecoveryKey(key).length).toBe(RECOVERY_KEY_CHARS)
    const keys = new Set(Array.from({ length: 50 }, generateRecoveryKey))
    expect(keys.size).toBe(50)
  })

  it('accept any case, spacing and the look-alikes 0, 1 and 8', () => {
    const key = generateRecoveryKey()
    const sloppy = key.toLowerCase().replace(/-/g, '  ').replace(/o/g, '0').replace(/i/g, '1')
    expect(parseRecoveryKey(` ${sloppy.replace(/b/g, '8')}\n`)).toBe(key.replace(/-/g, ''))
  })

  it('catch every single-character typo, a missing character and a foreign one', () => {
    const key = generateRecoveryKey()
    for (let i = 0; i < RECOVERY_KEY_CHARS; i++) {
      expect(() => parseRecoveryKey(typo(key, i)), `position ${i}`).toThrow(/mistyped/)
    }
    expect(() => parseRecoveryKey(key.slice(1))).toThrow(/has 55/)
    expect(() => parseRecoveryKey(key.replace(/.$/, '9'))).toThrow(/group 14/)
  })
})

describe('one-time codes', () => {
  it('are 20 characters in five groups and name their slot by its id', () => {
    const slotId = randomId()
    const code = generateOneTimeCode(slotId)
    expect(code).toMatch(/^([A-Z2-7]{4}-){4}[A-Z2-7]{4}$/)
    expect(code.startsWith(locatorForSlotId(slotId))).toBe(true)
    const shape = inspectOneTimeCode(code.toLowerCase().replace(/-/g, ' '))
    expect(shape).toEqual({
      kind: 'issued',
      canonical: code.replace(/-/g, ''),
      slotIdPrefix: slotId.slice(0, 5),
    })
    expect(code.replace(/-/g, '').length).toBe(ONE_TIME_CODE_CHARS)
  })

  it('the locator covers every 20-bit id prefix both ways', () => {
    for (const prefix of ['00000', 'fffff', '0a1b2', '80000', '7ffff']) {
      const id = `${prefix}000-0000-4000-8000-000000000000`
      const code = generateOneTimeCode(id)
      const shape = inspectOneTimeCode(code)
      expect(shape.kind === 'issued' && shape.slotIdPrefix).toBe(prefix)
    }
  })

  it('a typo is "mistyped" (most of the time: a 5-bit check); other text is "other"', () => {
    let caught = 0
    let tries = 0
    for (let k = 0; k < 20; k++) {
      const code = generateOneTimeCode(randomId())
      for (let i = 0; i < ONE_TIME_CODE_CHARS - 1; i++) {
        tries++
        if (inspectOneTimeCode(typo(code, i)).kind === 'mistyped') caught++
      }
    }
    // A 5-bit check misses about 1 in 32 random substitutions.
    expect(caught / tries).toBeGreaterThan(0.9)
    expect(inspectOneTimeCode('Q7RX-4KZP')).toEqual({ kind: 'other' })
    expect(inspectOneTimeCode('')).toEqual({ kind: 'other' })
  })
})
