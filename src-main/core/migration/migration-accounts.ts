// Turns the accounts of a Google Authenticator export into OtpKeys. An account Cairn cannot use
// (MD5, an unknown digit count, a too-short secret) is reported on its own, so the other
// accounts of the same export still import.
import { isCairnError } from '../errors.ts'
import { encodeBase32 } from '../otp/base32.ts'
import { DEFAULT_PERIOD, normalizeOtpKey } from '../otp/otp-key.ts'
import type { OtpAlgorithm, OtpKey, OtpKind } from '../otp/otp-types.ts'
import type { MigrationAccount, MigrationPayload } from './migration-payload.ts'

export type MigrationEntry =
  { ok: true; key: OtpKey } | { ok: false; issuer: string; account: string; reason: string }

const ALGORITHMS: Record<number, OtpAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' }
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 }
// Unspecified means TOTP: that is the export's default and by far the common case.
const KINDS: Record<number, OtpKind> = { 0: 'totp', 1: 'hotp', 2: 'totp' }

export function migrationEntries(payload: MigrationPayload): MigrationEntry[] {
  return payload.accounts.map(toEntry)
}

function toEntry(account: MigrationAccount): MigrationEntry {
  const { issuer, name } = splitName(account)
  const refuse = (reason: string): MigrationEntry => ({ ok: false, issuer, account: name, reason })
  const algorithm = ALGORITHMS[account.algorithm]
  if (!algorithm) {
    return refuse(
      account.algorithm === 4 ? 'uses MD5, which Cairn does not support' : 'unknown algorithm',
    )
  }
  const digits = DIGITS[account.digits]
  if (!digits) return refuse('unknown number of digits')
  const kind = KINDS[account.type]
  if (!kind) return refuse('unknown code type')
  if (account.counter < 0n || account.counter > BigInt(Number.MAX_SAFE_INTEGER)) {
    return refuse('counter out of range')
  }
  try {
    const key = normalizeOtpKey(
      {
        kind,
        secret: encodeBase32(account.secret),
        issuer,
        account: name,
        algorithm,
        digits,
        period: DEFAULT_PERIOD,
        counter: kind === 'hotp' ? Number(account.counter) : 0,
        encoder: 'standard',
      },
      'MALFORMED_URI',
    )
    return { ok: true, key }
  } catch (e) {
    if (isCairnError(e)) return refuse(e.message)
    throw e
  }
}

/**
 * Google Authenticator stores the label as `name`, often "Issuer:account". The issuer prefix is
 * dropped when it repeats the issuer field. Without an issuer field the name stays whole: a
 * colon in a name is not proof of an issuer, and a guessed one would rename the account.
 */
function splitName(account: MigrationAccount): { issuer: string; name: string } {
  const issuer = account.issuer.trim()
  const name = account.name.trim()
  const colon = name.indexOf(':')
  if (colon === -1) return { issuer, name }
  const prefix = name.slice(0, colon).trim()
  const rest = name.slice(colon + 1).trim()
  if (!issuer) return { issuer, name }
  if (prefix.toLowerCase() === issuer.toLowerCase()) return { issuer, name: rest }
  return { issuer, name }
}
