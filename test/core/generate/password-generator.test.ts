import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PASSWORD_OPTIONS,
  generatePassword,
  passwordAlphabet,
  passwordEntropyBits,
  type PasswordOptions,
} from '../../../src-main/core/generate/password-generator.ts'

const only = (fields: Partial<PasswordOptions>): PasswordOptions => ({
  length: 12,
  lower: false,
  upper: false,
  digits: false,
  symbols: false,
  avoidAmbiguous: false,
  ...fields,
})

describe('generatePassword', () => {
  it('draws the requested length from the chosen alphabet', () => {
    const alphabet = passwordAlphabet()
    for (let i = 0; i < 200; i++) {
      const password = generatePassword()
      expect(password).toHaveLength(DEFAULT_PASSWORD_OPTIONS.length)
      for (const c of password) expect(alphabet).toContain(c)
    }
    expect(generatePassword(only({ digits: true, length: 30 }))).toMatch(/^[0-9]{30}$/)
  })

  it('always contains every chosen kind of character, even when short', () => {
    const options = only({ lower: true, upper: true, digits: true, symbols: true, length: 4 })
    for (let i = 0; i < 300; i++) {
      const password = generatePassword(options)
      expect(password).toMatch(/[a-z]/)
      expect(password).toMatch(/[A-Z]/)
      expect(password).toMatch(/[0-9]/)
      expect(password).toMatch(/[^a-zA-Z0-9]/)
    }
  })

  it('can leave out look-alike characters', () => {
    const alphabet = passwordAlphabet({ ...DEFAULT_PASSWORD_OPTIONS, avoidAmbiguous: true })
    for (const c of 'Il1O0o|') expect(alphabet).not.toContain(c)
    expect(alphabet).toContain('a')
  })

  it('never repeats across many draws', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => generatePassword()))
    expect(seen.size).toBe(2000)
  })

  it('is uniform over the alphabet (chi-square, p < 1e-6 fails)', () => {
    // 10 digits × 20,000 characters: for 9 degrees of freedom the 1e-6 critical value is ~46.
    const counts = new Map<string, number>()
    const draws = 2000
    for (let i = 0; i < draws; i++) {
      for (const c of generatePassword(only({ digits: true, length: 10 }))) {
        counts.set(c, (counts.get(c) ?? 0) + 1)
      }
    }
    const expected = (draws * 10) / 10
    let chiSquare = 0
    for (const digit of '0123456789')
      chiSquare += ((counts.get(digit) ?? 0) - expected) ** 2 / expected
    expect(chiSquare).toBeLessThan(46)
  })

  it('rejects impossible options', () => {
    expect(() => generatePassword(only({}))).toThrow(/at least one kind/)
    expect(() => generatePassword(only({ digits: true, length: 3 }))).toThrow(/length/)
    expect(() => generatePassword(only({ digits: true, length: 257 }))).toThrow(/length/)
    expect(() =>
      generatePassword(
        only({ lower: true, upper: true, digits: true, symbols: true, length: 4.5 }),
      ),
    ).toThrow(/whole number/)
  })
})

describe('passwordEntropyBits', () => {
  it('is length × log2(alphabet) for one class', () => {
    expect(passwordEntropyBits(only({ digits: true, length: 12 }))).toBeCloseTo(
      12 * Math.log2(10),
      9,
    )
  })

  it('counts out passwords missing a required class exactly', () => {
    // 4 characters from {digits, lower}, both required: 36^4 minus all-letter and all-digit ones.
    expect(passwordEntropyBits(only({ digits: true, lower: true, length: 4 }))).toBeCloseTo(
      Math.log2(36 ** 4 - 26 ** 4 - 10 ** 4),
      9,
    )
  })

  it('stays finite for the longest passwords', () => {
    const bits = passwordEntropyBits({ ...DEFAULT_PASSWORD_OPTIONS, length: 256 })
    expect(bits).toBeGreaterThan(1600)
    expect(Number.isFinite(bits)).toBe(true)
  })
})
