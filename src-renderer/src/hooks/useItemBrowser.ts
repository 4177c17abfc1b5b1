import { useMemo, useState } from 'react'
import type { ItemList, ItemSummary, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import {
  buildSearchIndex,
  countByFilter,
  searchItems,
  type ItemFilter,
} from '../../../src-shared/item-search.ts'
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
    const found = withTag(searchItems(index, query, filter), tag)
    // Without a query the chosen order rules; with one, the best matches come first.
    if (!query.trim()) return sortItems(found, order)
    if (!searchAll) return found
    const rank = (i: ItemSummary) => vaultOrder.indexOf(i.vaultId)
    return found
      .map((item, n) => ({ item, n }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.n - b.n)
      .map((x) => x.item)
  }, [index, query, filter, searchAll, vaultOrder, tag, order])
  const counts = useMemo(
    () => (currentList ? countByFilter(currentList.items) : null),
    [currentList],
  )
  // The selection stays inside the results: type a few letters, and the first match is ready to
  // copy with the keyboard.
  const selectedItem = results.find((i) => i.id === selectedItemId) ?? results[0] ?? null

  return {
    filter,
    /** A new filter drops the tag: a tag narrows one list, not every list. */
    chooseFilter(f: ItemFilter) {
      setFilter(f)
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
