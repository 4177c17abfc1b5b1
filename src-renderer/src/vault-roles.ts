// Which open vault holds passwords and which holds 2FA keys. Cairn sets a person up with one of
// each; their names can change, so what a vault holds counts as much as what it is called.
import type { ItemKind, ItemList, VaultInfo } from '../../src-shared/ipc-contract.ts'

export type VaultRole = 'keys' | 'passwords' | 'other'

const KEYS_NAME = /2fa|two[- ]factor|otp|authenticat/i
const PASSWORDS_NAME = /password|login/i

export function vaultRole(vault: VaultInfo, list: ItemList | undefined): VaultRole {
  if (KEYS_NAME.test(vault.name)) return 'keys'
  if (PASSWORDS_NAME.test(vault.name)) return 'passwords'
  const items = list?.items.filter((i) => i.deletedAt === null) ?? []
  const keys = items.filter((i) => i.kind === 'otp').length
  const logins = items.filter((i) => i.kind === 'login').length
  if (keys > 0 && logins === 0) return 'keys'
  if (logins > 0 && keys === 0) return 'passwords'
  return 'other'
}

/** Where a new item of `kind` goes: 2FA keys and their recovery codes into the 2FA vault, logins
 * and notes into the passwords vault, when that vault is unlocked; otherwise the selected one. */
export function targetVaultFor(
  kind: ItemKind,
  vaults: VaultInfo[],
  lists: Readonly<Record<string, ItemList>>,
  selectedId: string | null,
): string | null {
  const unlocked = vaults.filter((v) => v.state === 'unlocked')
  const wanted: VaultRole = kind === 'otp' || kind === 'recovery-codes' ? 'keys' : 'passwords'
  const selected = unlocked.find((v) => v.id === selectedId)
  if (selected && vaultRole(selected, lists[selected.id]) === wanted) return selected.id
  const match = unlocked.find((v) => vaultRole(v, lists[v.id]) === wanted)
  return match?.id ?? selected?.id ?? unlocked[0]?.id ?? null
}
