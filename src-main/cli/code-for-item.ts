// The code `cairn code` (and `show --field otp`) prints for one 2FA key: the code the app would
// copy now (the next one when the current has under 5 seconds left), or with --at exactly the
// time-based code of that moment. A counter-based key's code is spent once shown.
import { codeToCopy } from '../core/otp/code-to-copy.ts'
import { totpCode } from '../core/otp/otp-codes.ts'
import { otpKeyOf, type ItemRecord, type OtpData } from '../core/vault/item-types.ts'
import type { UnlockedVault } from '../core/vault/vault-api.ts'
import { UsageError } from './cli-error.ts'
import { itemName } from './item-display.ts'

export type OtpRecord = ItemRecord & { data: OtpData }

export const isOtp = (record: ItemRecord): record is OtpRecord => record.data.type === 'otp'

/** `at` is in Unix seconds; `atGiven` when the person asked for that moment (--at). */
export function codeFor(
  vault: UnlockedVault,
  record: OtpRecord,
  at: number,
  atGiven: boolean,
): string {
  const data = record.data
  if (atGiven) {
    // Exactly the code of that moment: for checking a key against a known time.
    if (data.kind === 'hotp') {
      throw new UsageError(`--at applies to time-based keys; '${itemName(data)}' is counter-based`)
    }
    return totpCode(data, at)
  }
  const chosen = codeToCopy(otpKeyOf(data), at * 1000)
  if (chosen.which === 'hotp') {
    // The code is spent once shown; store the next counter before printing it.
    vault.update(record.id, { ...data, counter: chosen.counter + 1 }, record.revision)
  }
  return chosen.code
}
