import { useMemo, useState } from 'react'
import type { ItemList, ItemSummary, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import {
  buildSearchIndex,
  countByFilter,
  searchItems,
  type ItemFilter,
} from '../../../src-shared/item-search.ts'
import { isWithinGroup } from '../../../src-shared/group-path.ts'
import { sortItems, withTag, type SortOrder } from '../item-order.ts'

/**
 * What the item list shows: the filter, tag, order and search over the selected vault, and the
 * selected item. A search covers every unlocked vault: the selected vault's matches first, then
 * each other vault's, in sidebar order.
 */
export function useItemBrowser(
  vaults: readonly VaultInfo[],
  lists: Readonly<Record<string, ItemList>>,
  selectedVault: VaultInfo | null,
) {
  const [filter, setFilter] = useState<ItemFilter>('all')
  const [tag, setTag] = useState<string | null>(null)
  const [order, setOrder] = useState<SortOrder>({ key: 'title', descending: false })
  const [query, setQuery] = useState('')
  const [selectedItemId, setSelectedItemId] = useState<string | null>(null)
  /** The group the list shows, in its vault ([] is the top level: items in no group). */
  const [group, setGroup] = useState<{ vaultId: SessionId; path: string[] } | null>(null)
  /** Items picked to move together (Ctrl+click or Space), besides the selected one. */
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set())
  const groupShown = group && group.vaultId === selectedVault?.id ? group.path : null

  const currentList = selectedVault ? lists[selectedVault.id] : undefined
  const searchAll = query.trim() !== '' && selectedVault?.state === 'unlocked'
  const vaultOrder = useMemo(() => {
    if (!selectedVault) return []
    const others = vaults.filter((v) => v.state === 'unlocked' && v.id !== selectedVault.id)
    return [selectedVault.id, ...others.map((v) => v.id)]
  }, [vaults, selectedVault])
  const index = useMemo(
    () =>
      buildSearchIndex(
        searchAll ? vaultOrder.flatMap((id) => lists[id]?.items ?? []) : (currentList?.items ?? []),
      ),
    [searchAll, vaultOrder, lists, currentList],
  )
  const results = useMemo(() => {
    const tagged = withTag(searchItems(index, query, filter), tag)
    // A search looks everywhere; without one, a chosen group narrows the list to what is in it.
    const found =
      groupShown === null || query.trim()
        ? tagged
        : tagged.filter((i) =>
            groupShown.length === 0 ? i.group.length === 0 : isWithinGroup(i.group, groupShown),
          )
    // Without a query the chosen order rules; with one, the best matches come first.
    if (!query.trim()) return sortItems(found, order)
    if (!searchAll) return found
    const rank = (i: ItemSummary) => vaultOrder.indexOf(i.vaultId)
    return found
      .map((item, n) => ({ item, n }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.n - b.n)
      .map((x) => x.item)
  }, [index, query, filter, searchAll, vaultOrder, tag, order, groupShown])
  const counts = useMemo(
    () => (currentList ? countByFilter(currentList.items) : null),
    [currentList],
  )
  // The selection stays inside the results: type a few letters, and the first match is ready to
  // copy with the keyboard.
  const selectedItem = results.find((i) => i.id === selectedItemId) ?? results[0] ?? null
  // Picks outside the list shown (another filter, another vault) do not count.
  const shownMarks = useMemo(
    () => new Set(results.filter((i) => marked.has(i.id)).map((i) => i.id)),
    [results, marked],
  )

  return {
    filter,
    /** A new filter drops the tag and the group: they narrow one list, not every list. */
    chooseFilter(f: ItemFilter) {
      setFilter(f)
      setTag(null)
      setGroup(null)
      setMarked(new Set())
    },
    groupShown,
    /** Lists the items in the group at `path` (and the groups inside it), of every kind. */
    showGroup(vaultId: SessionId, path: string[]) {
      setGroup({ vaultId, path })
      setMarked(new Set())
      setFilter('all')
      setTag(null)
    },
    /** Lists the items carrying `t`, of every kind. */
    showTag(t: string) {
      setTag(t)
      setFilter('all')
    },
    /** Shows `itemId` of `kind`: the filter widens to every kind unless it already shows it. */
    showSaved(itemId: string, kind: ItemSummary['kind']) {
      setFilter((f) => (f === 'all' || f === kind ? f : 'all'))
      setQuery('')
      setSelectedItemId(itemId)
    },
    /** Shows `itemId` with nothing in the way: every kind, no search, no tag. */
    showItem(itemId: string) {
      setFilter('all')
      setTag(null)
      setGroup(null)
      setQuery('')
      setSelectedItemId(itemId)
    },
    tag,
    clearTag: () => setTag(null),
    order,
    setOrder,
    query,
    setQuery,
    results,
    counts,
    currentList,
    selectedItem,
    selectItem: setSelectedItemId,
    /** A plain click picks nothing but the item clicked. */
    clearMarks: () => setMarked((m) => (m.size ? new Set() : m)),
    marked: shownMarks,
    toggleMark(id: string) {
      setMarked((m) => {
        const next = new Set(m)
        // The first pick takes the selected item along: Ctrl+click adds to what is selected.
        if (next.size === 0 && selectedItem && selectedItem.id !== id) next.add(selectedItem.id)
        if (next.has(id)) next.delete(id)
        else next.add(id)
        return next
      })
    },
    /** The picked items with the selected one, or the selected one when none is picked. */
    pickedItems(): ItemSummary[] {
      return results.filter((i) => shownMarks.has(i.id) || i.id === selectedItem?.id)
    },
  }
}

export type ItemBrowser = ReturnType<typeof useItemBrowser>

/** The name of the vault an item comes from when it is not the selected one (search results). */
export function otherVaultNameOf(
  vaults: readonly VaultInfo[],
  selectedVaultId: SessionId | null,
): (item: ItemSummary) => string | null {
  return (item) =>
    item.vaultId === selectedVaultId
      ? null
      : (vaults.find((v) => v.id === item.vaultId)?.name ?? null)
}
