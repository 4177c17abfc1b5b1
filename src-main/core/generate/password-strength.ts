// Strength estimate with zxcvbn-ts (dictionaries, keyboard patterns, dates, l33t): it judges a
// password by how an attacker would guess it, which a plain entropy count cannot.
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'
import { useIndexedDictionaries } from './dictionary-matchers.ts'
import type { Strength } from '../../../src-shared/ipc-contract.ts'

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const

/** Longer input adds nothing to the verdict and costs time per keystroke. */
const MAX_CHECKED_LENGTH = 128
const L33T_MAX_SUBSTITUTIONS = 10

/** The estimator's settings; the indexed dictionary matchers are checked against them unchanged. */
export function estimatorOptions(): ConstructorParameters<typeof ZxcvbnFactory>[0] {
  return {
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    maxLength: MAX_CHECKED_LENGTH,
    // Each l33t substitution considered multiplies the work: at the library's 100 a generated
    // 20-character password took a fifth of a second, at 10 a tenth of that, with the same scores
    // (a password with more substitutable characters than this is long anyway).
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  }
}

let plain: ZxcvbnFactory | null = null
let indexed: ZxcvbnFactory | null = null

/** One estimate as the user types or generates: the library as it is, nothing extra to build. */
export function estimateStrength(password: string, userInputs: string[] = []): Strength {
  // Built on first use: loading the dictionaries takes a moment the app's start need not pay.
  plain ??= new ZxcvbnFactory(estimatorOptions())
  return strengthFrom(plain, password, userInputs)
}

/**
 * The same verdict for many passwords (vault health): the dictionaries indexed once (about half a
 * second and 50 MB more) make each estimate several times cheaper, worth it only for a batch.
 */
export function estimateStrengthInBatch(password: string, userInputs: string[] = []): Strength {
  if (!indexed) {
    indexed = new ZxcvbnFactory(estimatorOptions())
    useIndexedDictionaries(indexed)
  }
  return strengthFrom(indexed, password, userInputs)
}

/** A strength estimate by the given factory (the app's own, or the unchanged library in tests). */
export function strengthFrom(
  zxcvbn: ZxcvbnFactory,
  password: string,
  userInputs: string[] = [],
): Strength {
  const result = zxcvbn.check(password.slice(0, MAX_CHECKED_LENGTH), userInputs)
  return {
    score: result.score,
    label: LABELS[result.score],
    guessesLog10: Math.round(result.guessesLog10 * 10) / 10,
    crackTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  }
}
