import { describe, expect, it } from 'vitest'
import { generatePassphrase, loadWordList } from '../../src-main/services/passphrase.ts'

const wordListPath = new URL('../../resources/wordlists/eff-large-wordlist.txt', import.meta.url)
  .pathname

describe('passphrases', () => {
  const words = loadWordList(wordListPath)

  it('ships a list of 7776 distinct lower-case words', () => {
    expect(words).toHaveLength(7776)
    expect(new Set(words).size).toBe(7776)
    expect(words.every((w) => /^[a-z-]+$/.test(w))).toBe(true)
  })

  it('joins the requested number of list words and states the exact entropy', () => {
    const p = generatePassphrase(words, {
      words: 6,
      separator: '.',
      capitalize: false,
      includeNumber: false,
    })
    const parts = p.value.split('.')
    expect(parts).toHaveLength(6)
    expect(parts.every((w) => words.includes(w))).toBe(true)
    expect(p.entropyBits).toBeCloseTo(6 * Math.log2(7776), 1)
  })

  it('capitalises and adds one digit when asked', () => {
    const p = generatePassphrase(words, {
      words: 4,
      separator: ' ',
      capitalize: true,
      includeNumber: true,
    })
    const parts = p.value.split(' ')
    expect(parts.every((w) => /^[A-Z]/.test(w))).toBe(true)
    expect(parts.filter((w) => /\d$/.test(w))).toHaveLength(1)
    expect(p.entropyBits).toBeCloseTo(4 * Math.log2(7776) + Math.log2(10) + 2, 1)
  })

  it('does not repeat itself', () => {
    const options = { words: 5, separator: '-', capitalize: false, includeNumber: false }
    const seen = new Set(Array.from({ length: 50 }, () => generatePassphrase(words, options).value))
    expect(seen.size).toBe(50)
  })

  it('rejects a word count outside 3..20', () => {
    const options = { separator: '-', capitalize: false, includeNumber: false }
    expect(() => generatePassphrase(words, { ...options, words: 2 })).toThrow('3 to 20')
  })
})
