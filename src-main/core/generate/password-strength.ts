// Strength estimate with zxcvbn-ts (dictionaries, keyboard patterns, dates, l33t): it judges a
// password by how an attacker would guess it, which a plain entropy count cannot.
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'
import type { Strength } from '../../../src-shared/ipc-contract.ts'

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const

/** Longer input adds nothing to the verdict and costs time per keystroke. */
const MAX_CHECKED_LENGTH = 128

let factory: ZxcvbnFactory | null = null

function estimator(): ZxcvbnFactory {
  // Built on first use: loading the dictionaries takes a moment the app's start need not pay.
  factory ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    maxLength: MAX_CHECKED_LENGTH,
  })
  return factory
}

export function estimateStrength(password: string, userInputs: string[] = []): Strength {
  const result = estimator().check(password.slice(0, MAX_CHECKED_LENGTH), userInputs)
  return {
    score: result.score,
    label: LABELS[result.score],
    guessesLog10: Math.round(result.guessesLog10 * 10) / 10,
    crackTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  }
}
