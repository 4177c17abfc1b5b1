// The list's order (title, username, modified or created; either way round) and its tag filter.
import type { ItemSummary } from '../../src-shared/ipc-contract.ts'

export type SortKey = 'title' | 'username' | 'updated' | 'created'
export interface SortOrder {
  key: SortKey
  descending: boolean
}

export const SORT_LABELS: Record<SortKey, string> = {
  title: 'Title',
  username: 'Username / account',
  updated: 'Modified',
  created: 'Created',
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function compare(a: ItemSummary, b: ItemSummary, key: SortKey): number {
  switch (key) {
    case 'title':
      return collator.compare(a.title, b.title)
    case 'username':
      return collator.compare(a.username || a.account, b.username || b.account)
    case 'updated':
      return a.updatedAt - b.updatedAt
    case 'created':
      return a.createdAt - b.createdAt
  }
}

/** `items` in `order`; ties keep their title order so the list never jumps. */
export function sortItems(items: readonly ItemSummary[], order: SortOrder): ItemSummary[] {
  const sign = order.descending ? -1 : 1
  return [...items].sort(
    (a, b) => sign * compare(a, b, order.key) || collator.compare(a.title, b.title),
  )
}

export function withTag(items: readonly ItemSummary[], tag: string | null): ItemSummary[] {
  if (tag === null) return [...items]
  const wanted = tag.toLowerCase()
  return items.filter((i) => i.tags.some((t) => t.toLowerCase() === wanted))
}
