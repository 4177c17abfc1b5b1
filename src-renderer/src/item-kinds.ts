// The one table of item kinds the window names and draws: the add menu, the filters, the list
// and the detail pane all read it, so a kind is called the same everywhere.
import type { ItemKind } from '../../src-shared/ipc-contract.ts'
import type { IconName } from './components/Icons.tsx'

export interface ItemKindInfo {
  /** One item of the kind, as a heading or menu entry says it. */
  label: string
  /** Several items of the kind, as a filter names them. */
  plural: string
  icon: IconName
}

export const ITEM_KINDS: Record<ItemKind, ItemKindInfo> = {
  login: { label: 'Login', plural: 'Logins', icon: 'key' },
  otp: { label: '2FA key', plural: '2FA keys', icon: 'shield' },
  'recovery-codes': { label: 'Recovery codes', plural: 'Recovery codes', icon: 'restore' },
  note: { label: 'Secure note', plural: 'Secure notes', icon: 'note' },
}

/** The kinds in the order the add menu and the filters list them. */
export const ITEM_KIND_ORDER: ItemKind[] = ['login', 'otp', 'recovery-codes', 'note']
