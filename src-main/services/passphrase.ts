// Passphrases from a word list (resources/wordlists/eff-large-wordlist.txt: 7,776 words, about
// 12.9 bits each). Words are drawn with crypto.randomInt, so every word is equally likely.
import { randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { PassphraseOptions } from '../../src-shared/ipc-contract.ts'
import { CairnError } from '../core/errors.ts'

export interface Passphrase {
  value: string
  entropyBits: number
}

export const MIN_WORDS = 3
export const MAX_WORDS = 20

export function loadWordList(path: string): string[] {
  const words = readFileSync(path, 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean)
  if (new Set(words).size !== words.length || words.length < 1000) {
    throw new CairnError('INVALID_ARGUMENT', `Word list ${path} must hold 1000+ distinct words.`)
  }
  return words
}

export function generatePassphrase(
  words: readonly string[],
  options: PassphraseOptions,
): Passphrase {
  if (options.words < MIN_WORDS || options.words > MAX_WORDS) {
    throw new CairnError('INVALID_ARGUMENT', `A passphrase has ${MIN_WORDS} to ${MAX_WORDS} words.`)
  }
  const chosen: string[] = []
  for (let i = 0; i < options.words; i++) {
    const word = words[randomInt(words.length)] as string
    chosen.push(options.capitalize ? word.charAt(0).toUpperCase() + word.slice(1) : word)
  }
  let entropyBits = options.words * Math.log2(words.length)
  if (options.includeNumber) {
    const at = randomInt(chosen.length)
    chosen[at] = `${chosen[at] ?? ''}${randomInt(10)}`
    entropyBits += Math.log2(10) + Math.log2(chosen.length)
  }
  return { value: chosen.join(options.separator), entropyBits: Math.round(entropyBits * 10) / 10 }
}
