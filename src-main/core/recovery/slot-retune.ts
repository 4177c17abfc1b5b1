// A master-password slot calibrated while the machine was busy gets too few passes, and once the
// machine is quiet it unlocks far faster than intended: cheaper to attack by the same factor. After
// a master-password unlock that ran well under the target, a fresh calibration decides; a clearly
// stronger result replaces the slot, wrapping the same key under the password just typed.
import { CALIBRATION_TARGET_MS, calibrateArgon2, type Calibration } from '../kdf/calibrate.ts'
import type { Argon2Params } from '../kdf/argon2-params.ts'
import { parseSlotKdf, type SlotRow } from '../vault/key-slots.ts'
import type { SlotInfo, SlotKind, SlotOptions } from '../vault/vault-api.ts'

/** An unlock faster than this calls for a fresh calibration. */
export const RETUNE_BELOW_MS = CALIBRATION_TARGET_MS / 2

/** A calibration this much costlier than the slot replaces it; less is noise, not a busy machine. */
const CLEARLY_STRONGER = 1.5

/** What a re-tune needs from an unlocked vault. */
export interface RetunableVault {
  readonly unlockedWith: SlotInfo
  slotRows(kinds: readonly SlotKind[]): SlotRow[]
  changePassword(newPassword: string, options?: SlotOptions): Promise<void>
}

export interface Retuned {
  before: Argon2Params
  after: Argon2Params
  notice: string
}

const cost = (p: Argon2Params) => p.memoryKiB * p.iterations

/**
 * Re-tunes the master-password slot that just opened the vault when the unlock took under
 * RETUNE_BELOW_MS and a calibration now asks for clearly more work. Null when nothing changed.
 * Run it before anything else can use the session: a password change made meanwhile would be
 * replaced by the password that unlocked.
 */
export async function retuneFastPasswordSlot(
  vault: RetunableVault,
  password: string,
  unlockMs: number,
  calibrate: () => Promise<Calibration> = () => calibrateArgon2(),
): Promise<Retuned | null> {
  if (vault.unlockedWith.kind !== 'password' || unlockMs >= RETUNE_BELOW_MS) return null
  const row = vault.slotRows(['password']).find((r) => r.id === vault.unlockedWith.id)
  const kdf = row ? parseSlotKdf(row) : null
  if (kdf?.name !== 'argon2id') return null
  const { params } = await calibrate()
  if (cost(params) < cost(kdf.params) * CLEARLY_STRONGER) return null
  await vault.changePassword(password, { kdfParams: params })
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
