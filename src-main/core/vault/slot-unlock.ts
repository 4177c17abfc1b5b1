// Finding the slot a credential opens. Shared by the vault file and by backups, which carry a
// copy of the vault's slots. A Cairn-issued one-time code names its slot (credential-codes.ts), so
// only that slot's Argon2id runs, not one per printed code.
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { inspectOneTimeCode } from './credential-codes.ts'
import {
  MAX_SLOTS_TRIED,
  credentialSecret,
  isKnownSlotKind,
  slotIntact,
  slotsTried,
  tamperedSlot,
  unwrapSlot,
  type SlotRow,
} from './key-slots.ts'
import type { Credential } from './vault-api.ts'

const SPOKEN: Record<string, string> = {
  password: 'password',
  'recovery-key': 'recovery key',
  'one-time-code': 'one-time code',
}

function spokenKind(kind: string): string {
  return SPOKEN[kind] ?? kind
}

/** The error for a credential that opens none of the slots. */
export function wrongCredential(credential: Credential): CairnError {
  if (credential.kind === 'password') return new CairnError('WRONG_PASSWORD', 'Wrong password')
  if (credential.kind === 'one-time-code') {
    return new CairnError('WRONG_CREDENTIAL', 'Wrong one-time code, or it has already been used')
  }
  return new CairnError('WRONG_CREDENTIAL', `Wrong ${spokenKind(credential.kind)}`)
}

/** The slots worth trying for `credential`, and the credential in the form to feed them. */
export function slotsToTry(
  slots: readonly SlotRow[],
  credential: Credential,
): { slots: SlotRow[]; credential: Credential } {
  const ofKind = slots.filter((s) => s.kind === credential.kind && isKnownSlotKind(s.kind))
  if (ofKind.length === 0) {
    // Cairn writes only known kinds: an unreadable one is a damaged slot, maybe the one wanted.
    const unreadable = slots.filter((s) => typeof s.kind !== 'string' || !isKnownSlotKind(s.kind))
    if (unreadable.length) {
      throw new CairnError(
        'DAMAGED_FILE',
        `No intact ${spokenKind(credential.kind)} slot: ${unreadable.length} key slot(s) are damaged (their kind is unreadable). ` +
          'Unlock with another credential, or restore the vault from a backup',
      )
    }
    throw new CairnError(
      wrongCredential(credential).code,
      `This vault has no ${spokenKind(credential.kind)} to unlock with`,
    )
  }
  if (credential.kind !== 'one-time-code') return { slots: ofKind, credential }
  const shape = inspectOneTimeCode(credential.code)
  if (shape.kind === 'mistyped') {
    throw new CairnError(
      'WRONG_CREDENTIAL',
      'The one-time code is mistyped: its check character does not match',
    )
  }
  if (shape.kind === 'other') return { slots: ofKind, credential }
  return {
    slots: ofKind.filter((s) => s.id.startsWith(shape.slotIdPrefix)),
    credential: { kind: 'one-time-code', code: shape.canonical },
  }
}

/**
 * The slot `credential` opens and the vault key it wraps (the caller owns and wipes the key).
 * Throws WRONG_PASSWORD / WRONG_CREDENTIAL, or TAMPERED_SLOT when a slot that might have been the
 * right one no longer verifies.
 */
/**
 * Judges a slot that unwrapped: null to use it, or why it must not be used (the vault's
 * authenticated slot set does not list it as it is). The key stays the caller's to wipe.
 */
export type SlotAcceptance = (slot: SlotRow, key: Buffer) => string | null

export async function openSlot(
  vaultId: string,
  slots: readonly SlotRow[],
  credential: Credential,
  accept?: SlotAcceptance,
): Promise<{ slot: SlotRow; key: Buffer; refused: string[] }> {
  const chosen = slotsToTry(slots, credential)
  // A hostile file could hold thousands of slots: an unlock derives keys for a bounded number.
  const { tried, untried } = slotsTried(chosen.slots)
  const secret = credentialSecret(chosen.credential)
  try {
    const tampered: SlotRow[] = []
    const refused: string[] = []
    for (const slot of tried) {
      if (!slotIntact(vaultId, slot)) {
        tampered.push(slot)
        continue
      }
      const key = await unwrapSlot(vaultId, slot, secret)
      if (!key) continue
      const refusal = accept?.(slot, key) ?? null
      if (refusal === null) return { slot, key, refused }
      wipe(key)
      refused.push(refusal)
    }
    // A slot that unwrapped but is spent, revoked or unlisted: say exactly that.
    if (refused[0]) throw new CairnError('WRONG_CREDENTIAL', refused[0])
    // The right credential may belong to the slot that no longer verifies: say so, not "wrong".
    if (tampered[0]) throw tamperedSlot(tampered[0])
    const wrong = wrongCredential(credential)
    if (untried) {
      throw new CairnError(
        wrong.code,
        `${wrong.message}, or it belongs to one of the ${untried} ${spokenKind(credential.kind)} slot(s) past the first ${MAX_SLOTS_TRIED}, which unlock does not try`,
      )
    }
    throw wrong
  } finally {
    wipe(secret)
  }
}
