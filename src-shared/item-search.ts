// Instant search over item summaries: runs in the renderer on every keystroke (and in main for
// callers such as the picker), so it works on precomputed, normalised text and allocates little.
import type { ItemFilter, ItemSummary } from './ipc-contract.ts'

export type { ItemFilter }

export const ITEM_FILTERS: readonly ItemFilter[] = [
  'all',
  'favourites',
  'login',
  'otp',
  'recovery-codes',
  'note',
  'trash',
]

interface IndexEntry {
  item: ItemSummary
  /** Lower-case, accent-free issuer, account, title, username, URLs and tags. */
  haystack: string
  /** Lower-case title and issuer, for ranking prefix matches first. */
  head: string
  /** The haystack's words, for the typo-tolerant second pass. */
  words: string[]
}

export interface SearchIndex {
  readonly entries: readonly IndexEntry[]
}

/** Lower case without diacritics, so "Zoë" is found by "zoe". */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

function titleKey(item: ItemSummary): string {
  return (item.title || item.issuer || item.account).toLowerCase()
}

/** Build once per list change; sorted by title so a search keeps a stable order. */
export function buildSearchIndex(items: readonly ItemSummary[]): SearchIndex {
  const entries = items.map((item) => {
    const parts = [item.issuer, item.account, item.title, item.username, ...item.urls, ...item.tags]
    return {
      item,
      haystack: normalizeForSearch(parts.join('\u0000')),
      head: normalizeForSearch(`${item.title}\u0000${item.issuer}`),
      key: titleKey(item),
    }
  })
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return {
    entries: entries.map(({ item, haystack, head }) => ({
      item,
      haystack,
      head,
      words: haystack.split(/[^\p{L}\p{N}]+/u).filter(Boolean),
    })),
  }
}

export function matchesFilter(item: ItemSummary, filter: ItemFilter): boolean {
  if (filter === 'trash') return item.deletedAt !== null
  if (item.deletedAt !== null) return false
  if (filter === 'favourites') return item.favourite
  return filter === 'all' || item.kind === filter
}

/**
 * Items matching every word of `query` (in any of the searched fields) and the filter. Titles or
 * issuers that start with the first word come first; otherwise index order is kept.
 */
export function searchItems(index: SearchIndex, query: string, filter: ItemFilter): ItemSummary[] {
  const words = normalizeForSearch(query).split(/\s+/).filter(Boolean)
  const first = words[0]
  const leading: ItemSummary[] = []
  const rest: ItemSummary[] = []
  for (const entry of index.entries) {
    if (!matchesFilter(entry.item, filter)) continue
    let hit = true
    for (const word of words) {
      if (!entry.haystack.includes(word)) {
        hit = false
        break
      }
    }
    if (!hit) continue
    if (first !== undefined && isWordStart(entry.head, first)) leading.push(entry.item)
    else rest.push(entry.item)
  }
  if (leading.length > 0 || rest.length > 0) return leading.concat(rest)
  return searchWithTypos(index, words, filter)
}

/** Words this short match only exactly: one typo in three letters is a different word. */
const TYPO_MIN_LENGTH = 4

/**
 * When nothing matches exactly: items where every query word is one typo (a missing, extra,
 * wrong or swapped letter) away from a word of the item or from its beginning ("gthub" finds
 * GitHub).
 */
function searchWithTypos(index: SearchIndex, words: string[], filter: ItemFilter): ItemSummary[] {
  if (words.length === 0 || words.some((w) => w.length < TYPO_MIN_LENGTH)) return []
  const found: ItemSummary[] = []
  for (const entry of index.entries) {
    if (!matchesFilter(entry.item, filter)) continue
    if (words.every((w) => entry.haystack.includes(w) || entry.words.some((t) => nearWord(w, t))))
      found.push(entry.item)
  }
  return found
}

function nearWord(typed: string, word: string): boolean {
  for (let len = typed.length - 1; len <= typed.length + 1; len++) {
    if (len <= word.length && editDistanceAtMostOne(typed, word.slice(0, len))) return true
  }
  return false
}

/** Optimal string alignment distance <= 1 (insert, delete, substitute or swap two neighbours). */
export function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) {
    if (i === a.length) return true
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a]
  return longer.slice(i + 1) === shorter.slice(i)
}

function isWordStart(head: string, word: string): boolean {
  if (head.startsWith(word)) return true
  const i = head.indexOf(`\u0000${word}`)
  return i >= 0
}

/** How many live items of each kind, and how many in the trash (the sidebar's counts). */
export function countByFilter(items: readonly ItemSummary[]): Record<ItemFilter, number> {
  const counts: Record<ItemFilter, number> = {
    all: 0,
    favourites: 0,
    login: 0,
    otp: 0,
    'recovery-codes': 0,
    note: 0,
    trash: 0,
  }
  for (const item of items) {
    if (item.deletedAt !== null) counts.trash++
    else {
      counts.all++
      if (item.favourite) counts.favourites++
      counts[item.kind]++
    }
  }
  return counts
}
