// Random passwords for logins (the CLI's --generate, later the app's generator). Every character
// is drawn with crypto.randomInt, which rejects out-of-range draws instead of taking a modulo, so
// each character of the alphabet is equally likely. When every chosen character class must appear,
// whole passwords that miss one are thrown away and drawn again: that keeps the result uniform
// over all passwords that satisfy the rule (patching in a missing class would not).
import { randomInt } from 'node:crypto'
import type { PasswordOptions } from '../../../src-shared/ipc-contract.ts'
import { CairnError } from '../errors.ts'

export type { PasswordOptions }

export const DEFAULT_PASSWORD_OPTIONS: Readonly<PasswordOptions> = Object.freeze({
  length: 20,
  lower: true,
  upper: true,
  digits: true,
  symbols: true,
  avoidAmbiguous: false,
})

export const MIN_PASSWORD_LENGTH = 4
export const MAX_PASSWORD_LENGTH = 256

const CLASSES = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  // No quotes, backslash, backtick or space: these break shells, CSV and some login forms.
  symbols: '!#$%&()*+,-./:;<=>?@[]^_{|}~',
} as const
const AMBIGUOUS = new Set('Il1O0o|')

type ClassName = keyof typeof CLASSES

function chosenClasses(options: PasswordOptions): string[] {
  const names = (Object.keys(CLASSES) as ClassName[]).filter((name) => options[name])
  return names.map((name) =>
    [...CLASSES[name]].filter((c) => !options.avoidAmbiguous || !AMBIGUOUS.has(c)).join(''),
  )
}

function checkOptions(options: PasswordOptions): string[] {
  const classes = chosenClasses(options)
  if (classes.length === 0) {
    throw new CairnError('INVALID_ARGUMENT', 'choose at least one kind of character')
  }
  const { length } = options
  if (!Number.isInteger(length) || length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `password length must be a whole number from ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH}`,
    )
  }
  if (length < classes.length) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `a ${length}-character password cannot hold all ${classes.length} kinds of character`,
    )
  }
  return classes
}

/** The characters a password with these options is drawn from. */
export function passwordAlphabet(options: PasswordOptions = DEFAULT_PASSWORD_OPTIONS): string {
  return checkOptions(options).join('')
}

/** A fresh random password that contains every chosen kind of character. */
export function generatePassword(options: PasswordOptions = DEFAULT_PASSWORD_OPTIONS): string {
  const classes = checkOptions(options)
  const alphabet = [...classes.join('')]
  for (;;) {
    const chars = Array.from({ length: options.length }, () => alphabet[randomInt(alphabet.length)])
    const password = chars.join('')
    if (classes.every((set) => chars.some((c) => c !== undefined && set.includes(c)))) {
      return password
    }
  }
}

/**
 * Strength in bits: log2 of how many passwords these options can produce. Requiring every class
 * removes a few; inclusion–exclusion over the classes counts them out exactly. Worked as a
 * fraction of alphabet^length so long passwords do not overflow.
 */
export function passwordEntropyBits(options: PasswordOptions = DEFAULT_PASSWORD_OPTIONS): number {
  const sizes = checkOptions(options).map((set) => set.length)
  const alphabet = sizes.reduce((a, b) => a + b, 0)
  let fraction = 0
  // Sum over subsets S of left-out classes: (-1)^|S| * ((alphabet - |S's characters|) / alphabet)^length
  for (let mask = 0; mask < 1 << sizes.length; mask++) {
    let size = 0
    let left = 0
    sizes.forEach((n, i) => {
      if (mask & (1 << i)) left++
      else size += n
    })
    fraction += (left % 2 === 0 ? 1 : -1) * (size / alphabet) ** options.length
  }
  return options.length * Math.log2(alphabet) + Math.log2(fraction)
}
