// Changing the master password versus rotating the vault key:
// - changePassword rewraps the same vault key: recovery keys, one-time codes and backups made
//   with the vault's slots all keep working (the old password still opens older copies).
// - rotation draws a new vault key, re-encrypts every row in one transaction and destroys every
//   slot. Recovery keys and one-time codes die with their slots, so new ones must be issued; this
//   wrapper issues a fresh recovery key at once when the vault had any, in the same transaction as
//   the rotation (a crash never leaves a rotated vault without it). Backups and file copies
//   made before still open with the credentials of their time, but only show what they held then.
import type { ManagedVault, SlotInfo, SlotOptions } from '../vault/vault-api.ts'
import { generateRecoveryKey } from '../vault/credential-codes.ts'
import {
  defaultRecoveryKeyLabel,
  recoveryKeyCredential,
  type IssuedRecoveryKey,
} from './recovery-keys.ts'

export interface RotationResult {
  /** The slots the rotation destroyed (all of them). */
  revokedSlots: SlotInfo[]
  /** A fresh recovery key, when one was issued. Show it once. */
  recoveryKey: IssuedRecoveryKey | null
}

export async function rotateVaultKey(
  vault: Pick<
    ManagedVault,
    'slots' | 'rotateVaultKey' | 'applySlotChanges' | 'removeSlot' | 'unlockedWith'
  >,
  newPassword: string,
  options: { issueRecoveryKey?: boolean; passwordOptions?: SlotOptions } = {},
): Promise<RotationResult> {
  const before = vault.slots()
  const issue = options.issueRecoveryKey ?? before.some((s) => s.kind === 'recovery-key')
  const key = issue ? generateRecoveryKey() : null
  const extra = key
    ? [{ credential: recoveryKeyCredential(key), options: { label: defaultRecoveryKeyLabel() } }]
    : []
  const slots = await vault.rotateVaultKey(newPassword, options.passwordOptions, extra)
  const slot = slots.find((s) => s.kind === 'recovery-key')
  return { revokedSlots: before, recoveryKey: key && slot ? { key, slot } : null }
}
