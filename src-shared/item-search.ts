// Instant search over item summaries: runs in the renderer on every keystroke (and in main for
// callers such as the picker), so it works on precomputed, normalised text and allocates little.
import type { ItemFilter, ItemSummary } from './ipc-contract.ts'

export type { ItemFilter }

export const ITEM_FILTERS: readonly ItemFilter[] = [
  'all',
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
  return { entries: entries.map(({ item, haystack, head }) => ({ item, haystack, head })) }
}

export function matchesFilter(item: ItemSummary, filter: ItemFilter): boolean {
  if (filter === 'trash') return item.deletedAt !== null
  if (item.deletedAt !== null) return false
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
  return leading.length === 0 ? rest : leading.concat(rest)
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
      counts[item.kind]++
    }
  }
  return counts
}
