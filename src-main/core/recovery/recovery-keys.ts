// Recovery keys: a random 256-bit key, shown once, stored as one more key slot (HKDF, since the
// key itself is uniformly random). Unlocking with one must be followed by a new master password;
// completing that destroys the used slot and issues a fresh key, all in one transaction.
import { CairnError } from '../errors.ts'
import { generateRecoveryKey, parseRecoveryKey } from '../vault/credential-codes.ts'
import type {
  Credential,
  ManagedVault,
  SlotInfo,
  SlotOptions,
  UnlockedVault,
} from '../vault/vault-api.ts'

/** What recovery-key management needs from an open vault. */
export type RecoveryVault = Pick<
  ManagedVault,
  'slots' | 'applySlotChanges' | 'removeSlot' | 'unlockedWith'
>

export interface IssuedRecoveryKey {
  /** The key in its printed form (14 groups of 4). Show it once; never store it. */
  key: string
  slot: SlotInfo
}

/** The credential for a typed recovery key; typos are caught here, before any vault is touched. */
export function recoveryKeyCredential(text: string): Credential {
  return { kind: 'recovery-key', key: parseRecoveryKey(text) }
}

export function defaultRecoveryKeyLabel(now = new Date()): string {
  return `Recovery key ${now.toISOString().slice(0, 10)}`
}

export async function createRecoveryKey(
  vault: RecoveryVault,
  options: { label?: string } = {},
): Promise<IssuedRecoveryKey> {
  const key = generateRecoveryKey()
  const label = options.label?.trim() || defaultRecoveryKeyLabel()
  const [slot] = await vault.applySlotChanges({
    add: [{ credential: recoveryKeyCredential(key), options: { label } }],
  })
  return { key, slot: slot! }
}

export function listRecoveryKeys(vault: Pick<UnlockedVault, 'slots'>): SlotInfo[] {
  return vault.slots().filter((s) => s.kind === 'recovery-key')
}

/** A slot of `kind` by its full id or a unique prefix of at least 4 characters. */
export function findSlot(
  vault: Pick<UnlockedVault, 'slots'>,
  kind: SlotInfo['kind'],
  idOrPrefix: string,
): SlotInfo {
  const wanted = idOrPrefix.trim().toLowerCase()
  const ofKind = vault.slots().filter((s) => s.kind === kind)
  const exact = ofKind.find((s) => s.id === wanted)
  if (exact) return exact
  const matches = wanted.length >= 4 ? ofKind.filter((s) => s.id.startsWith(wanted)) : []
  const what = kind.replace(/-/g, ' ')
  if (matches.length === 1) return matches[0]!
  if (matches.length > 1) {
    throw new CairnError('INVALID_ARGUMENT', `More than one ${what} starts with ${wanted}`)
  }
  throw new CairnError('NOT_FOUND', `No ${what} with id ${wanted}`)
}

/** Destroys a recovery key's slot. Older copies of the vault file still hold it (threat model). */
export function revokeRecoveryKey(vault: RecoveryVault, idOrPrefix: string): SlotInfo {
  const slot = findSlot(vault, 'recovery-key', idOrPrefix)
  vault.removeSlot(slot.id)
  return slot
}

/**
 * True when the session was opened with a recovery key that is still in place: a new master
 * password is due (completeRecovery).
 */
export function needsNewPassword(vault: Pick<UnlockedVault, 'unlockedWith' | 'slots'>): boolean {
  const used = vault.unlockedWith
  return used.kind === 'recovery-key' && vault.slots().some((s) => s.id === used.id)
}

/**
 * After a recovery-key unlock: sets the new master password, destroys the slot that was used and
 * issues a fresh recovery key, in one transaction. Other recovery keys stay valid.
 */
export async function completeRecovery(
  vault: RecoveryVault,
  newPassword: string,
  options: { label?: string; passwordOptions?: SlotOptions } = {},
): Promise<IssuedRecoveryKey> {
  if (vault.unlockedWith.kind !== 'recovery-key') {
    throw new CairnError('CONFLICT', 'This vault was not unlocked with a recovery key')
  }
  if (!needsNewPassword(vault)) {
    throw new CairnError('CONFLICT', 'The recovery key used to unlock has already been replaced')
  }
  const used = vault.unlockedWith.id
  const key = generateRecoveryKey()
  const label = options.label?.trim() || defaultRecoveryKeyLabel()
  const slots = await vault.applySlotChanges(
    {
      newPassword,
      remove: [used],
      add: [{ credential: recoveryKeyCredential(key), options: { label } }],
    },
    options.passwordOptions,
  )
  const slot = slots.find((s) => s.kind === 'recovery-key')!
  return { key, slot }
}
