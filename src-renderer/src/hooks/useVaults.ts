import { useCallback, useEffect, useRef, useState } from 'react'
import type {
  AppInfo,
  AppSettings,
  ItemList,
  RecentVault,
  VaultInfo,
} from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../api.ts'

export interface VaultsEvents {
  notify(text: string, kind?: 'info' | 'error'): void
  /** After each refresh, with the vaults unlocked now: whatever showed another vault's items closes. */
  onRefreshed(unlocked: ReadonlySet<SessionId>): void
  /** A vault locked (auto-lock included). */
  onLocked(): void
}

/**
 * What main says is open: the host's capabilities and settings, the vaults with the item lists of
 * the unlocked ones, the recent files, and which vault is selected. Kept current from main's events.
 */
export function useVaults(events: VaultsEvents) {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettings] = useState<AppSettings | null>(null)
  const [vaults, setVaults] = useState<VaultInfo[]>([])
  const [recent, setRecent] = useState<RecentVault[]>([])
  const [lists, setLists] = useState<Record<string, ItemList>>({})
  const [selectedVaultId, setSelectedVaultId] = useState<SessionId | null>(null)
  /** Moves whenever vaults or items change: live codes and reminders refetch on it. */
  const [epoch, setEpoch] = useState(0)
  const handlers = useRef(events)
  useEffect(() => {
    handlers.current = events
  })

  const refresh = useCallback(async () => {
    try {
      const [list, recentList] = await Promise.all([
        call(api().vaults.list()),
        call(api().vaults.recent()),
      ])
      const next: Record<string, ItemList> = {}
      await Promise.all(
        list
          .filter((v) => v.state === 'unlocked')
          .map(async (v) => {
            next[v.id] = await call(api().items.list(v.id))
          }),
      )
      setVaults(list)
      setRecent(recentList)
      setLists(next)
      handlers.current.onRefreshed(
        new Set(list.filter((v) => v.state === 'unlocked').map((v) => v.id)),
      )
      setEpoch((e) => e + 1)
      setSelectedVaultId((current) =>
        current && list.some((v) => v.id === current) ? current : (list[0]?.id ?? null),
      )
    } catch (e) {
      handlers.current.notify(errorMessage(e), 'error')
    }
  }, [])

  const refreshItems = useCallback(async (vaultId: SessionId) => {
    try {
      const list = await call(api().items.list(vaultId))
      setLists((old) => ({ ...old, [vaultId]: list }))
      setEpoch((e) => e + 1)
    } catch {
      // Locked meanwhile: the vaults-changed event refreshes everything.
    }
  }, [])

  useEffect(() => {
    void Promise.all([call(api().app.info()), call(api().settings.get())]).then(([i, s]) => {
      setInfo(i)
      setSettings(s)
    })
    // refresh() sets state only after awaiting main, never synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh()
    return api().events.subscribe((event) => {
      switch (event.type) {
        case 'vaults-changed':
          void refresh()
          break
        case 'items-changed':
          void refreshItems(event.vaultId)
          break
        case 'locked':
          handlers.current.onLocked()
          break
        case 'settings-changed':
          void call(api().settings.get()).then(setSettings)
          break
      }
    })
  }, [refresh, refreshItems])

  return {
    info,
    settings,
    vaults,
    recent,
    setRecent,
    lists,
    epoch,
    selectedVaultId,
    setSelectedVaultId,
    refresh,
    refreshItems,
  }
}
