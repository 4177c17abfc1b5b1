// One-time unlock codes for computers you do not trust: N codes, each its own Argon2id slot
// (at the RFC 9106 floor), destroyed by the vault on first use. Each code starts with a locator
// that names its slot, so unlocking derives a key for that one slot only.
import { randomId } from '../crypto/random.ts'
import { CairnError } from '../errors.ts'
import { generateOneTimeCode, inspectOneTimeCode } from '../vault/credential-codes.ts'
import type {
  Credential,
  ManagedVault,
  SlotInfo,
  SlotOptions,
  UnlockedVault,
} from '../vault/vault-api.ts'

export const MAX_ONE_TIME_CODES = 50

export interface IssuedOneTimeCode {
  /** Printed form (5 groups of 4). Show once; never store. */
  code: string
  slot: SlotInfo
}

/** The credential for a typed code; a typo is reported before any key derivation. */
export function oneTimeCodeCredential(text: string): Credential {
  const shape = inspectOneTimeCode(text)
  if (shape.kind !== 'issued') {
    throw new CairnError(
      'WRONG_CREDENTIAL',
      shape.kind === 'mistyped'
        ? 'The one-time code is mistyped: its check character does not match'
        : 'A one-time code has 20 characters (5 groups of 4, letters A–Z and digits 2–7)',
    )
  }
  return { kind: 'one-time-code', code: shape.canonical }
}

/** Adds `count` one-time codes in one transaction. `slotOptions` is for tests' fast parameters. */
export async function createOneTimeCodes(
  vault: Pick<ManagedVault, 'applySlotChanges'>,
  count: number,
  options: { label?: string; slotOptions?: SlotOptions } = {},
): Promise<IssuedOneTimeCode[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ONE_TIME_CODES) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Ask for 1 to ${MAX_ONE_TIME_CODES} one-time codes at a time`,
    )
  }
  const label = options.label?.trim() || `One-time code ${new Date().toISOString().slice(0, 10)}`
  const planned = Array.from({ length: count }, (_, i) => {
    const slotId = randomId()
    return { slotId, code: generateOneTimeCode(slotId), label: `${label} #${i + 1}` }
  })
  const slots = await vault.applySlotChanges({
    add: planned.map((p) => ({
      credential: { kind: 'one-time-code', code: p.code },
      options: { ...options.slotOptions, label: p.label, slotId: p.slotId },
    })),
  })
  return planned.map((p, i) => ({ code: p.code, slot: slots[i]! }))
}

export function listOneTimeCodes(vault: Pick<UnlockedVault, 'slots'>): SlotInfo[] {
  return vault.slots().filter((s) => s.kind === 'one-time-code')
}

/** Destroys every unused one-time code in one transaction (e.g. after losing the printed list). */
export async function revokeAllOneTimeCodes(
  vault: Pick<ManagedVault, 'slots' | 'applySlotChanges'>,
): Promise<number> {
  const ids = listOneTimeCodes(vault).map((s) => s.id)
  if (ids.length) await vault.applySlotChanges({ remove: ids })
  return ids.length
}
