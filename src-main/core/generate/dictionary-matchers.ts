// zxcvbn-ts's dictionary matchers (plain, l33t, reversed; also inside its word-sequence matcher)
// with one index over every dictionary instead of a lookup per dictionary per substring: the
// library looks each substring of the password up in all twenty dictionaries, again for each l33t
// variant, and that was most of an estimate's time. The matches are the library's own, in the same
// order, so every verdict stays the same (test/core/generate/strength-verdicts.test.ts compares
// them with the unchanged library). The l33t and reverse logic follows @zxcvbn-ts/core 4.2 (MIT).
import type {
  DictionaryMatch,
  L33tMatch,
  MatchOptions,
  Options,
  RankedDictionaries,
  UserInputsOptions,
  ZxcvbnFactory,
} from '@zxcvbn-ts/core'

type TrieNode = Options['trieNodeRoot']
type PasswordChanges = L33tMatch['subs'][number]
/** A substitution and where it sits in the substituted password. */
type IndexedChange = PasswordChanges & { i: number }

/** A word's place in each dictionary that holds it, in the library's dictionary order. */
interface Hit {
  dictionaryName: string
  rank: number
}

/**
 * Every word and every beginning of one. A substring that begins no word ends the search from its
 * start, which cuts the substrings looked up from about twenty per character to a few.
 */
type Entry = Hit[] | typeof PREFIX_ONLY | typeof PROTOTYPE_NAME

const PREFIX_ONLY = 0
/**
 * The library looks words up in plain objects, so a substring named like an Object.prototype
 * property ("constructor") finds that property in every dictionary not holding the word; such a
 * substring takes the library's own path to keep its verdicts exactly.
 */
const PROTOTYPE_NAME = 1

interface DictionaryIndex {
  entries: Map<string, Entry>
  /** The dictionaries in the library's order, with their longest words. */
  names: string[]
  maxWordSize: Record<string, number>
  ranked: RankedDictionaries
  longest: number
}

function buildIndex(options: Options, include: (name: string) => boolean): DictionaryIndex {
  const entries = new Map<string, Entry>()
  const names = Object.keys(options.rankedDictionaries).filter(include)
  const ranked: RankedDictionaries = {}
  const maxWordSize: Record<string, number> = {}
  let longest = 0
  for (const name of names) {
    const dictionary = options.rankedDictionaries[name]!
    ranked[name] = dictionary
    maxWordSize[name] = options.rankedDictionariesMaxWordSize[name] ?? 0
    longest = Math.max(longest, maxWordSize[name])
    for (const word of Object.keys(dictionary)) {
      const hit = { dictionaryName: name, rank: dictionary[word]! }
      const entry = entries.get(word)
      if (Array.isArray(entry)) entry.push(hit)
      else entries.set(word, [hit])
      for (let end = word.length - 1; end > 0; end -= 1) {
        const prefix = word.slice(0, end)
        if (entries.has(prefix)) break
        entries.set(prefix, PREFIX_ONLY)
      }
    }
  }
  for (const name of Object.getOwnPropertyNames(Object.prototype)) {
    if (name !== name.toLowerCase()) continue
    entries.set(name, PROTOTYPE_NAME)
    for (let end = name.length - 1; end > 0; end -= 1) {
      const prefix = name.slice(0, end)
      if (!entries.has(prefix)) entries.set(prefix, PREFIX_ONLY)
    }
  }
  return { entries, names, maxWordSize, ranked, longest }
}

/** The user's own words as a second, small index of the same kind. */
interface UserWords {
  words: UserInputsOptions['rankedDictionary']
  maxWordSize: number
  prefixes: Set<string>
}

/** One estimate hands the same user inputs to the plain, l33t and reverse matchers. */
const userWordsOf = new WeakMap<UserInputsOptions, UserWords>()

function userWords(userInputsOptions: UserInputsOptions | undefined): UserWords | null {
  if (!userInputsOptions) return null
  const known = userWordsOf.get(userInputsOptions)
  if (known) return known
  const words = userInputsOptions.rankedDictionary
  const prefixes = new Set<string>()
  for (const word of Object.keys(words)) {
    for (let end = 1; end <= word.length; end += 1) prefixes.add(word.slice(0, end))
  }
  const built = { words, maxWordSize: userInputsOptions.rankedDictionaryMaxWordSize, prefixes }
  userWordsOf.set(userInputsOptions, built)
  return built
}

const USER_INPUTS = 'userInputs'

class IndexedDictionaryMatcher {
  readonly #index: DictionaryIndex
  readonly #withUserInputs: boolean

  constructor(index: DictionaryIndex, withUserInputs: boolean) {
    this.#index = index
    this.#withUserInputs = withUserInputs
  }

  match({ password, userInputsOptions }: MatchOptions): DictionaryMatch[] {
    return this.matchWords(password, this.#withUserInputs ? userWords(userInputsOptions) : null)
  }

  matchWords(password: string, user: UserWords | null): DictionaryMatch[] {
    const { entries, longest } = this.#index
    const matches: DictionaryMatch[] = []
    const lower = password.toLowerCase()
    const width = Math.max(longest, user?.maxWordSize ?? 0)
    // Bounds and tokens from the password, words from its lower case (which may be longer).
    const length = password.length
    for (let i = 0; i < length; i += 1) {
      for (let j = i; j < length; j += 1) {
        // As in the library: the whole password is looked up even when one longer than any word.
        const whole = i === 0 && j === length - 1
        if (j - i + 1 > width && !whole) break
        const word = lower.slice(i, j + 1)
        const entry = entries.get(word)
        const userPrefix = user !== null && user.prefixes.has(word)
        if (entry === undefined && !userPrefix) break
        if (entry === PROTOTYPE_NAME) {
          this.#asTheLibraryDoes(matches, password, word, i, j, user)
          continue
        }
        if (Array.isArray(entry)) {
          for (const { dictionaryName, rank } of entry) {
            matches.push(dictionaryMatch(password, word, i, j, rank, dictionaryName))
          }
        }
        if (userPrefix && (j - i + 1 <= user.maxWordSize || whole)) {
          const rank = user.words[word]
          if (rank !== undefined) {
            matches.push(dictionaryMatch(password, word, i, j, rank, USER_INPUTS))
          }
        }
      }
    }
    return matches
  }

  /** The library's lookup, dictionary by dictionary, for a substring it would misread. */
  #asTheLibraryDoes(
    matches: DictionaryMatch[],
    password: string,
    word: string,
    i: number,
    j: number,
    user: UserWords | null,
  ): void {
    const { names, ranked, maxWordSize } = this.#index
    const dictionaries: [string, Record<string, number>, number][] = names.map((name) => [
      name,
      ranked[name]!,
      maxWordSize[name]!,
    ])
    if (user) dictionaries.push([USER_INPUTS, user.words, user.maxWordSize])
    const whole = i === 0 && j === password.length - 1
    for (const [name, dictionary, max] of dictionaries) {
      if (j - i + 1 > max && !whole) continue
      const rank = dictionary[word]
      if (rank !== undefined) matches.push(dictionaryMatch(password, word, i, j, rank, name))
    }
  }
}

function dictionaryMatch(
  password: string,
  word: string,
  i: number,
  j: number,
  rank: number,
  dictionaryName: string,
): DictionaryMatch {
  return {
    pattern: 'dictionary',
    i,
    j,
    token: password.slice(i, j + 1),
    matchedWord: word,
    rank,
    dictionaryName,
    reversed: false,
    l33t: false,
  }
}

class IndexedReverseMatcher {
  readonly #plain: IndexedDictionaryMatcher
  constructor(plain: IndexedDictionaryMatcher) {
    this.#plain = plain
  }

  match(matchOptions: MatchOptions): DictionaryMatch[] {
    const { password } = matchOptions
    const reversed = password.split('').reverse().join('')
    return this.#plain.match({ ...matchOptions, password: reversed }).map((match) => ({
      ...match,
      token: match.token.split('').reverse().join(''),
      reversed: true,
      i: password.length - 1 - match.j,
      j: password.length - 1 - match.i,
    }))
  }
}

interface SubbedPassword {
  password: string
  changes: IndexedChange[]
  isFullSubstitution: boolean
}

class IndexedL33tMatcher {
  readonly #plain: IndexedDictionaryMatcher
  readonly #withUserInputs: boolean
  readonly #options: Options

  constructor(plain: IndexedDictionaryMatcher, withUserInputs: boolean, options: Options) {
    this.#plain = plain
    this.#withUserInputs = withUserInputs
    this.#options = options
  }

  match({ password, userInputsOptions }: MatchOptions): L33tMatch[] {
    const user = this.#withUserInputs ? userWords(userInputsOptions) : null
    const matches: L33tMatch[] = []
    const seen = new Set<string>()
    const subbed = cleanPasswords(
      password,
      this.#options.l33tMaxSubstitutions,
      this.#options.trieNodeRoot,
    )
    let hasFullMatch = false
    for (const variant of subbed) {
      if (hasFullMatch) break
      for (const match of this.#plain.matchWords(variant.password, user)) {
        const extras = unsubbed(variant, match.i, match.j)
        if (!hasFullMatch) hasFullMatch = extras.i === 0 && extras.j === password.length - 1
        const token = password.slice(extras.i, extras.j + 1)
        const newMatch: L33tMatch = { ...match, l33t: true, token, ...extras }
        const key = `${newMatch.i}\u0000${newMatch.j}\u0000${newMatch.dictionaryName}\u0000${newMatch.matchedWord}`
        // Only matches with an actual substitution, each once.
        if (token.toLowerCase() !== match.matchedWord && !seen.has(key)) {
          seen.add(key)
          matches.push(newMatch)
        }
      }
    }
    // One-character l33t matches ('1' for 'i', '4' for 'a') are noise.
    return matches.filter((match) => match.token.length > 1)
  }
}

function unsubbed(
  variant: SubbedPassword,
  i: number,
  j: number,
): { i: number; j: number; subs: PasswordChanges[]; subDisplay: string } {
  let iUnsubbed = i
  let jUnsubbed = j
  const subs: PasswordChanges[] = []
  const display: string[] = []
  const seen = new Set<string>()
  for (const change of variant.changes) {
    if (change.i < i) {
      const diff = change.substitution.length - change.letter.length
      iUnsubbed += diff
      jUnsubbed += diff
    } else if (change.i <= j) {
      jUnsubbed += change.substitution.length - change.letter.length
      const key = `${change.letter}-${change.substitution}`
      if (!seen.has(key)) {
        seen.add(key)
        subs.push({ letter: change.letter, substitution: change.substitution })
        display.push(`${change.substitution} -> ${change.letter}`)
      }
    }
  }
  return { i: iUnsubbed, j: jUnsubbed, subs, subDisplay: display.join(', ') }
}

/** The l33t variants of a password: full substitutions first, then partial ones, up to `limit`. */
function cleanPasswords(password: string, limit: number, trieRoot: TrieNode): SubbedPassword[] {
  const found: SubbedPassword[] = []
  const buffer: string[] = []
  interface Step {
    onlyFullSub: boolean
    isFullSub: boolean
    index: number
    subIndex: number
    changes: IndexedChange[]
    lastSubLetter: string | undefined
    consecutiveSubCount: number
  }
  const nodesAt = (index: number): TrieNode[] => {
    const nodes: TrieNode[] = []
    let cur: TrieNode | undefined = trieRoot
    for (let i = index; i < password.length; i += 1) {
      cur = cur.getChild(password.charAt(i))
      if (!cur) break
      nodes.push(cur)
    }
    return nodes
  }
  const step = (s: Step): void => {
    if (found.length >= limit) return
    if (s.index === password.length) {
      if (s.onlyFullSub === s.isFullSub) {
        found.push({
          password: buffer.join(''),
          changes: s.changes,
          isFullSubstitution: s.onlyFullSub,
        })
      }
      return
    }
    const nodes = nodesAt(s.index)
    let hasSubs = false
    // Wider substitutions first.
    for (let k = nodes.length - 1; k >= 0; k -= 1) {
      const cur = nodes[k]!
      const sub = cur.parents.join('')
      if (!cur.isTerminal()) continue
      // A fourth substitution in a row of the same text is not tried.
      if (s.lastSubLetter === sub && s.consecutiveSubCount >= 3) continue
      hasSubs = true
      for (const letter of cur.subs ?? []) {
        buffer.push(letter)
        step({
          onlyFullSub: s.onlyFullSub,
          isFullSub: s.isFullSub,
          index: s.index + sub.length,
          subIndex: s.subIndex + letter.length,
          changes: s.changes.concat({ i: s.subIndex, letter, substitution: sub }),
          lastSubLetter: sub,
          consecutiveSubCount: s.lastSubLetter === sub ? s.consecutiveSubCount + 1 : 1,
        })
        buffer.pop()
        if (found.length >= limit) return
      }
    }
    if (!s.onlyFullSub || !hasSubs) {
      buffer.push(password.charAt(s.index))
      step({
        ...s,
        isFullSub: s.isFullSub && !hasSubs,
        index: s.index + 1,
        subIndex: s.subIndex + 1,
      })
      buffer.pop()
    }
  }
  const start = { isFullSub: true, index: 0, subIndex: 0, changes: [], consecutiveSubCount: 0 }
  step({ ...start, onlyFullSub: true, lastSubLetter: undefined })
  step({ ...start, onlyFullSub: false, lastSubLetter: undefined })
  return found
}

interface DictionaryMatchers {
  dictionary: unknown
  dictionaryL33t: unknown
  dictionaryReverse: unknown
}

/** The parts of a ZxcvbnFactory the library keeps private; checked, so an update fails loudly. */
function internals(factory: ZxcvbnFactory): {
  options: Options
  matchers: DictionaryMatchers & { wordSequence: DictionaryMatchers }
} {
  const inner = factory as unknown as {
    options?: Options
    matching?: { matchers?: DictionaryMatchers & { wordSequence?: DictionaryMatchers } }
  }
  const matchers = inner.matching?.matchers
  const words = matchers?.wordSequence
  const names = ['dictionary', 'dictionaryL33t', 'dictionaryReverse'] as const
  if (!inner.options || !matchers || !words || names.some((n) => !matchers[n] || !words[n])) {
    throw new Error('zxcvbn-ts changed: its dictionary matchers are not where they were')
  }
  return {
    options: inner.options,
    matchers: matchers as DictionaryMatchers & { wordSequence: DictionaryMatchers },
  }
}

/**
 * Puts the indexed matchers in place of the factory's own. Only for a factory without
 * Levenshtein matching (its per-dictionary search is not indexed) and without a dictionary
 * named "userInputs" of its own.
 */
export function useIndexedDictionaries(factory: ZxcvbnFactory): void {
  const { options, matchers } = internals(factory)
  if (options.useLevenshteinDistance || USER_INPUTS in options.rankedDictionaries) {
    throw new Error('indexed dictionaries do not cover Levenshtein matching or own user inputs')
  }
  const all = new IndexedDictionaryMatcher(
    buildIndex(options, () => true),
    true,
  )
  matchers.dictionary = all
  matchers.dictionaryL33t = new IndexedL33tMatcher(all, true, options)
  matchers.dictionaryReverse = new IndexedReverseMatcher(all)
  const sequences = new IndexedDictionaryMatcher(
    buildIndex(options, (name) => options.isWordSequence(name)),
    false,
  )
  const words = matchers.wordSequence
  words.dictionary = sequences
  words.dictionaryL33t = new IndexedL33tMatcher(sequences, false, options)
  words.dictionaryReverse = new IndexedReverseMatcher(sequences)
}
