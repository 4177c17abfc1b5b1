import { describe, expect, it } from 'vitest'
import { estimateStrength } from '../../../src-main/core/generate/password-strength.ts'

describe('password strength', () => {
  it('rates a common password very weak and says why', () => {
    const s = estimateStrength('password1')
    expect(s.score).toBe(0)
    expect(s.label).toBe('Very weak')
    expect(s.warning).not.toBeNull()
  })

  it('rates keyboard walks weak', () => {
    expect(estimateStrength('qwertyuiop').score).toBeLessThanOrEqual(1)
  })

  it('rates a long random password very strong', () => {
    const s = estimateStrength('vT8#qL2!mZ9@xR4$wK7^')
    expect(s.score).toBe(4)
    expect(s.guessesLog10).toBeGreaterThan(12)
    expect(s.crackTime).toMatch(/centuries|years/)
  })

  it('is harsher on a password built from the user’s own inputs', () => {
    const alone = estimateStrength('bellatrix1987')
    const withInput = estimateStrength('bellatrix1987', ['bellatrix'])
    expect(withInput.guessesLog10).toBeLessThan(alone.guessesLog10)
  })
})
