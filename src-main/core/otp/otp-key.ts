// What a valid OtpKey is, in one place: the URI parser, the code generator and the vault all
// accept a key only through normalizeOtpKey. Messages name the field and never quote the secret.
import { CairnError, type CairnErrorCode } from '../errors.ts'
import { decodeBase32, encodeBase32 } from './base32.ts'
import type { OtpAlgorithm, OtpKey } from './otp-types.ts'

/**
 * Any non-empty secret is accepted: real services and real exports carry short ones, and refusing
 * a key only locks its owner out of the account. Below SHORT_SECRET_BYTES the key is kept with a
 * warning (a typo or a truncated paste looks the same), see shortSecretWarning.
 */
export const MIN_SECRET_BYTES = 1
/**
 * 80 bits. RFC 4226 asks for 128, but many real services (Google among them) issue 10-byte
 * secrets; shorter ones are accepted with a warning.
 */
export const SHORT_SECRET_BYTES = 10
/** Generous (RFC 6238's SHA-512 seed is 64 bytes); it only bounds absurd input. */
export const MAX_SECRET_BYTES = 128
export const MIN_DIGITS = 6
/** KeePassXC and Bitwarden accept up to 10; HOTP's 31-bit truncation still fills 10 digits. */
export const MAX_DIGITS = 10
export const MIN_PERIOD = 1
/** One day: longer periods exist nowhere we know of. */
export const MAX_PERIOD = 86_400
export const DEFAULT_PERIOD = 30
export const DEFAULT_DIGITS = 6
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512']

/** Steam Guard: five characters, HMAC-SHA1, 30 seconds, always. */
export const STEAM_DIGITS = 5
export const STEAM_PERIOD = 30

/** Issuer and account are shown in terminals and lists: no control characters, no lone surrogates. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u

function fail(code: CairnErrorCode, message: string): never {
  throw new CairnError(code, message)
}

/** The secret's bytes; throws with `code` if it is not usable base32 of an accepted length. */
export function otpSecretBytes(
  secret: string,
  code: CairnErrorCode = 'INVALID_ARGUMENT',
): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = decodeBase32(secret)
  } catch (e) {
    fail(code, `secret is not valid base32: ${(e as Error).message}`)
  }
  if (bytes.length < MIN_SECRET_BYTES) fail(code, 'secret is empty')
  if (bytes.length > MAX_SECRET_BYTES) {
    fail(
      code,
      `secret is too long: ${bytes.length} bytes; at most ${MAX_SECRET_BYTES} are accepted`,
    )
  }
  return bytes
}

function checkLabelPart(name: string, value: unknown, code: CairnErrorCode): string {
  if (typeof value !== 'string') fail(code, `${name} must be text`)
  const trimmed = value.trim()
  if (UNPRINTABLE.test(trimmed)) {
    fail(code, `${name} contains a control character or broken unicode`)
  }
  return trimmed
}

/**
 * Checks every field and returns the canonical key: secret re-encoded as upper-case unpadded
 * base32, issuer and account trimmed, Steam keys forced to their fixed shape. Throws CairnError
 * with `code` (INVALID_ARGUMENT by default) naming the first problem found.
 */
export function normalizeOtpKey(key: OtpKey, code: CairnErrorCode = 'INVALID_ARGUMENT'): OtpKey {
  if (key.kind !== 'totp' && key.kind !== 'hotp') fail(code, 'kind must be totp or hotp')
  if (key.encoder !== 'standard' && key.encoder !== 'steam') {
    fail(code, 'encoder must be standard or steam')
  }
  if (!OTP_ALGORITHMS.includes(key.algorithm)) {
    fail(code, 'algorithm must be SHA1, SHA256 or SHA512')
  }
  const secret = encodeBase32(otpSecretBytes(key.secret, code))
  const issuer = checkLabelPart('issuer', key.issuer, code)
  const account = checkLabelPart('account', key.account, code)
  const counter = key.kind === 'hotp' ? key.counter : 0
  if (!Number.isSafeInteger(counter) || counter < 0) {
    fail(code, 'counter must be a whole number from 0 up')
  }

  if (key.encoder === 'steam') {
    if (key.kind !== 'totp') fail(code, 'Steam codes are time-based: a Steam key must be totp')
    return {
      kind: 'totp',
      secret,
      issuer,
      account,
      algorithm: 'SHA1',
      digits: STEAM_DIGITS,
      period: STEAM_PERIOD,
      counter: 0,
      encoder: 'steam',
    }
  }
  if (!Number.isInteger(key.digits) || key.digits < MIN_DIGITS || key.digits > MAX_DIGITS) {
    fail(code, `digits must be from ${MIN_DIGITS} to ${MAX_DIGITS}`)
  }
  const period = key.kind === 'totp' ? key.period : DEFAULT_PERIOD
  if (!Number.isInteger(period) || period < MIN_PERIOD || period > MAX_PERIOD) {
    fail(code, `period must be a whole number of seconds from ${MIN_PERIOD} to ${MAX_PERIOD}`)
  }
  return {
    kind: key.kind,
    secret,
    issuer,
    account,
    algorithm: key.algorithm,
    digits: key.digits,
    period,
    counter,
    encoder: 'standard',
  }
}

/**
 * The warning a key with a secret under 80 bits carries (in its notes and in import summaries),
 * or null when the secret is long enough. Expects a normalized key.
 */
export function shortSecretWarning(key: Pick<OtpKey, 'secret'>): string | null {
  const bytes = otpSecretBytes(key.secret).length
  if (bytes >= SHORT_SECRET_BYTES) return null
  return `The secret is only ${bytes * 8} bits, shorter than the ${SHORT_SECRET_BYTES * 8} bits services normally issue: check it was copied whole.`
}

/** A display name for lists and messages: "Issuer (account)", either part alone, or a dash. */
export function otpKeyLabel(key: Pick<OtpKey, 'issuer' | 'account'>): string {
  if (key.issuer && key.account) return `${key.issuer} (${key.account})`
  return key.issuer || key.account || '—'
}
