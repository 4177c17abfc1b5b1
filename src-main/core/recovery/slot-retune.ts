// A master-password slot calibrated while the machine was busy gets too few passes, and once the
// machine is quiet it unlocks far faster than intended: cheaper to attack by the same factor. After
// a master-password unlock that ran well under the target, a fresh calibration decides; a clearly
// stronger result replaces the slot, wrapping the same key under the password just typed.
import { CALIBRATION_TARGET_MS, calibrateArgon2, type Calibration } from '../kdf/calibrate.ts'
import { ARGON2_FLOOR, type Argon2Params } from '../kdf/argon2-params.ts'
import { parseSlotKdf, type SlotRow } from '../vault/key-slots.ts'
import { isCairnError } from '../errors.ts'
import type { SlotChanges } from '../vault/unlocked-vault-file.ts'
import type { SlotInfo, SlotKind } from '../vault/vault-api.ts'

/** An unlock faster than this calls for a fresh calibration. */
export const RETUNE_BELOW_MS = CALIBRATION_TARGET_MS / 2

/** A calibration this much costlier than the slot replaces it; less is noise, not a busy machine. */
const CLEARLY_STRONGER = 1.5

/** What a re-tune needs from an unlocked vault. */
export interface RetunableVault {
  readonly unlockedWith: SlotInfo
  slotRows(kinds: readonly SlotKind[]): SlotRow[]
  applySlotChanges(changes: SlotChanges): Promise<SlotInfo[]>
}

export interface Retuned {
  before: Argon2Params
  after: Argon2Params
  notice: string
}

const cost = (p: Argon2Params) => p.memoryKiB * p.iterations

/**
 * Re-tunes the master-password slot that just opened the vault when the unlock took under
 * RETUNE_BELOW_MS and a calibration now asks for clearly more work: in one transaction the slot
 * is replaced by one wrapping the same key under the same password. Never less memory or fewer
 * lanes than the slot had. Gives up (null) when `stillWanted` says no after the calibration (the
 * vault was locked meanwhile), and when that slot is no longer live by then (the password was
 * changed elsewhere): a re-tune never brings back a replaced password.
 */
export async function retuneFastPasswordSlot(
  vault: RetunableVault,
  password: string,
  unlockMs: number,
  options: {
    calibrate?: (base: Argon2Params) => Promise<Calibration>
    stillWanted?: () => boolean
  } = {},
): Promise<Retuned | null> {
  if (vault.unlockedWith.kind !== 'password' || unlockMs >= RETUNE_BELOW_MS) return null
  const row = vault.slotRows(['password']).find((r) => r.id === vault.unlockedWith.id)
  const kdf = row ? parseSlotKdf(row) : null
  if (!row || kdf?.name !== 'argon2id') return null
  const base = {
    memoryKiB: Math.max(kdf.params.memoryKiB, ARGON2_FLOOR.memoryKiB),
    iterations: ARGON2_FLOOR.iterations,
    parallelism: Math.max(kdf.params.parallelism, ARGON2_FLOOR.parallelism),
  }
  const calibrate = options.calibrate ?? ((b) => calibrateArgon2(CALIBRATION_TARGET_MS, b))
  const { params } = await calibrate(base)
  if (cost(params) < cost(kdf.params) * CLEARLY_STRONGER) return null
  if (options.stillWanted && !options.stillWanted()) return null
  try {
    await vault.applySlotChanges({
      add: [
        {
          credential: { kind: 'password', password },
          options: { label: row.label, kdfParams: params },
        },
      ],
      remove: [row.id],
    })
  } catch (error) {
    // The slot is gone: another process changed the password while calibration ran.
    if (isCairnError(error, 'NOT_FOUND')) return null
    throw error
  }
  return {
    before: kdf.params,
    after: params,
    notice:
      `Unlocking took ${(unlockMs / 1000).toFixed(2)} s, well under the ${CALIBRATION_TARGET_MS / 1000} s ` +
      `the master password is meant to cost an attacker per guess (the slot was set up on a busy or slower ` +
      `machine): it was re-tuned from ${describe(kdf.params)} to ${describe(params)}`,
  }
}

function describe(p: Argon2Params): string {
  return `${p.iterations} passes at ${Math.round(p.memoryKiB / 1024)} MiB`
}
