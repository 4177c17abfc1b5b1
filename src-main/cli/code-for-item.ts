// The code `cairn code` (and `show --field otp`) prints for one 2FA key: the time-based code at
// the given time, or for a counter-based key the code of its stored counter, which is then spent.
import { hotpCode, totpCode } from '../core/otp/otp-codes.ts'
import type { ItemRecord, OtpData } from '../core/vault/item-types.ts'
import type { UnlockedVault } from '../core/vault/vault-api.ts'
import { UsageError } from './cli-error.ts'
import { itemName } from './item-display.ts'

export type OtpRecord = ItemRecord & { data: OtpData }

export const isOtp = (record: ItemRecord): record is OtpRecord => record.data.type === 'otp'

export function codeFor(
  vault: UnlockedVault,
  record: OtpRecord,
  at: number,
  atGiven: boolean,
): string {
  const key = record.data
  if (key.kind === 'totp') return totpCode(key, at)
  if (atGiven) {
    throw new UsageError(`--at applies to time-based keys; '${itemName(key)}' is counter-based`)
  }
  const code = hotpCode(key, key.counter)
  // The code is spent once shown; store the next counter before printing it.
  vault.update(record.id, { ...key, counter: key.counter + 1 }, record.revision)
  return code
}
