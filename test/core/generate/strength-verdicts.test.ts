// The indexed dictionary matchers give exactly the unchanged library's estimate: score, label,
// crack times, guesses, feedback and the whole match sequence, on a corpus of the passwords people
// and Cairn make (generated, passphrases, common ones, l33t spellings, dates, keyboard walks), with
// and without the login's own words as hints, and on the odd inputs the library reads its own way.
import { readFileSync } from 'node:fs'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import { describe, expect, it } from 'vitest'
import { useIndexedDictionaries } from '../../../src-main/core/generate/dictionary-matchers.ts'
import { generatePassword } from '../../../src-main/core/generate/password-generator.ts'
import {
  estimatorOptions,
  strengthFrom,
} from '../../../src-main/core/generate/password-strength.ts'

const stock = new ZxcvbnFactory(estimatorOptions())
const indexed = new ZxcvbnFactory(estimatorOptions())
useIndexedDictionaries(indexed)

const words = readFileSync(
  new URL('../../../resources/wordlists/eff-large-wordlist.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)

/** A fixed sequence of picks, so the corpus is the same on every run. */
function picker(seed: number): (n: number) => number {
  let state = seed
  return (n) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    return state % n
  }
}

const L33T: Record<string, string> = { a: '@', e: '3', i: '1', o: '0', s: '$', t: '7', l: '1' }

function corpus(): { password: string; hints: string[] }[] {
  const pick = picker(7)
  const out: string[] = []
  for (let n = 0; n < 60; n += 1) {
    out.push(
      generatePassword({
        length: 8 + (n % 25),
        lower: true,
        upper: true,
        digits: true,
        symbols: n % 2 === 0,
        avoidAmbiguous: false,
      }),
    )
  }
  for (let n = 0; n < 40; n += 1) {
    const count = 2 + (n % 5)
    const parts = Array.from({ length: count }, () => words[pick(words.length)]!)
    out.push(parts.join(['-', ' ', '', '.', '_'][n % 5]!))
  }
  const passwords = Object.keys(common.dictionary['passwords-common'] ?? {})
  expect(passwords.length).toBeGreaterThan(1000)
  for (let n = 0; n < 40; n += 1) out.push(passwords[pick(2000)]!)
  for (let n = 0; n < 30; n += 1) {
    const word = passwords[pick(5000)]!
    const spelled = [...word].map((c) => (pick(3) > 0 ? (L33T[c] ?? c) : c)).join('')
    out.push(n % 3 === 0 ? spelled[0]!.toUpperCase() + spelled.slice(1) + '!' : spelled)
  }
  for (let n = 0; n < 20; n += 1) {
    const [d, m, y] = [1 + pick(28), 1 + pick(12), 1950 + pick(75)]
    const dates = [
      `${d}/${m}/${y}`,
      `${y}-${m}-${d}`,
      `${d}${m}${y}`,
      `${m}.${d}.${String(y).slice(2)}`,
    ]
    out.push(dates[n % 4]!, `${words[pick(words.length)]}${y}`)
  }
  out.push(
    'qwertyuiop',
    'asdfghjkl;',
    'zxcvbnm,./',
    '1qaz2wsx3edc',
    'qazwsxedc',
    '!QAZ@WSX',
    '1234567890',
    'abcdefghij',
    'zyxwvuts',
    'aaaaaaaaaa',
    'abcabcabcabc',
    'password1',
    'P@ssw0rd!',
    'Tr0ub4dor&3',
    'correct horse battery staple',
    'onetwothree',
    'mondaytuesday',
    'january2024',
    'springsummer',
    'northeast',
    'alphabravocharlie',
    'mercuryvenus',
    'fourfivesix',
    'drowssap',
    'ytrewq',
    // Names of Object.prototype properties, which the library finds in every plain-object dictionary.
    'constructor',
    'Constructor1',
    'myconstructor99',
    '__proto__',
    'x__proto__x',
    'toString',
    'hasownproperty',
    'valueof',
    '',
    // Upper and lower case of different lengths; longer than the 128 characters checked.
    'İstanbul1923',
    'straße2020',
    'ǅemal',
    'x'.repeat(200),
    'Pa55'.repeat(40),
    'a1'.repeat(70) + 'password',
  )
  const hintSets = [
    [],
    ['ada@example.com', 'Mail', 'example'],
    ['Bellatrix', 'bellatrix1987', 'github'],
    ['constructor', '__proto__'],
    ['İstanbul', 'STRASSE'],
  ]
  return out.map((password, n) => ({ password, hints: hintSets[n % hintSets.length]! }))
}

/** Everything the library returns except how long it took. */
function result(factory: ZxcvbnFactory, password: string, hints: string[]) {
  const { calcTime: _time, ...rest } = factory.check(password.slice(0, 128), hints)
  return rest
}

describe('indexed dictionary matchers', () => {
  const inputs = corpus()

  it('cover a corpus of a few hundred passwords', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(250)
    expect(new Set(inputs.map((i) => i.password)).size).toBeGreaterThan(200)
    // The corpus spans every verdict, so an equal verdict is not an accident of one score.
    const scores = new Set(inputs.map(({ password }) => strengthFrom(stock, password).score))
    expect([...scores].sort()).toEqual([0, 1, 2, 3, 4])
  })

  it('give the unchanged library’s verdict on every password, with and without hints', () => {
    let compared = 0
    for (const { password, hints } of inputs) {
      for (const given of [hints, []]) {
        const label = JSON.stringify({ password, hints: given })
        expect(strengthFrom(indexed, password, given), label).toEqual(
          strengthFrom(stock, password, given),
        )
        expect(result(indexed, password, given), label).toEqual(result(stock, password, given))
        compared += 1
      }
    }
    expect(compared).toBe(inputs.length * 2)
  })

  it('find the library’s very matches, even the ones it misreads from Object.prototype', () => {
    // Matches that scoring never picks (a rank read from Object.prototype) leave the verdict alone,
    // so they are compared here, before scoring.
    type Internals = {
      matching: { match: (password: string, user: unknown) => unknown[] }
      options: { getUserInputsOptions: (inputs: string[]) => unknown }
    }
    const matches = (factory: ZxcvbnFactory, password: string, hints: string[]) => {
      const inner = factory as unknown as Internals
      return inner.matching.match(password, inner.options.getUserInputsOptions(hints))
    }
    const odd = inputs.filter(({ password }) => /constructor|proto|İ|ß|ǅ/i.test(password))
    expect(odd.length).toBeGreaterThan(5)
    for (const { password, hints } of [...odd, ...inputs.slice(0, 60)]) {
      const label = JSON.stringify({ password, hints })
      expect(matches(indexed, password, hints), label).toEqual(matches(stock, password, hints))
    }
    expect(
      matches(indexed, 'constructor', []).filter(
        (m) => typeof (m as { rank?: unknown }).rank === 'function',
      ),
    ).toHaveLength(21)
  })

  it('tell a difference when there is one', () => {
    // The same comparison sees the hints change a verdict: it compares what matters.
    expect(result(indexed, 'bellatrix1987', ['bellatrix'])).not.toEqual(
      result(stock, 'bellatrix1987', []),
    )
  })
})
