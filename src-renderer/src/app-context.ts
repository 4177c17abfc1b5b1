// What every screen needs from the app frame: the host's capabilities, settings, the open vaults
// and their item lists, and the copy/notify actions (copying runs in main).
import { createContext, useContext } from 'react'
import type {
  AppInfo,
  AppSettings,
  CopyRef,
  ItemList,
  VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../src-shared/ids.ts'

/** A button in a toast (Undo after a delete), kept up longer so there is time to press it. */
export interface ToastAction {
  label: string
  run: () => void
}

export interface AppActions {
  info: AppInfo
  settings: AppSettings
  vaults: VaultInfo[]
  /** Item lists of the unlocked vaults, by vault session id. */
  lists: Readonly<Record<string, ItemList>>
  /** Changes whenever vaults or items change: live codes refetch on it. */
  epoch: number
  notify(text: string, kind?: 'info' | 'error', action?: ToastAction): void
  copy(vaultId: SessionId, itemId: string, ref: CopyRef, label: string): Promise<void>
  copyText(text: string, label: string): Promise<void>
  /** Lists the items carrying `tag` (a tag in the detail pane is a link to them). */
  showTag(tag: string): void
}

export const AppContext = createContext<AppActions | null>(null)

export function useApp(): AppActions {
  const ctx = useContext(AppContext)
  if (!ctx) throw new Error('useApp outside the app frame')
  return ctx
}
