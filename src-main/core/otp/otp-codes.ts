// Codes for an OtpKey, computed by otplib 13 (synchronous, its audited noble HMAC plugin).
//
// Two otplib details shape this file:
// - Its guardrails refuse secrets under 16 bytes; real services issue 10-byte ones, so the limits
//   here are Cairn's (otp-key.ts), handed to otplib through createGuardrails.
// - In 13.5.0 the top-level `otplib` generateSync drops `hooks` (fixed upstream later, yeojz/otplib
//   PR 899), which Steam's encoding needs. @otplib/totp and @otplib/hotp pass hooks through, so we
//   call those directly.
// noble's synchronous HMAC beats node:crypto's createHmac for single short messages (per-call
// object overhead dominates); bench/otp.bench.ts measures both.
import { generateSync as hotpGenerateSync } from '@otplib/hotp'
import { generateSync as totpGenerateSync } from '@otplib/totp'
import { NobleCryptoPlugin, createGuardrails, type HashAlgorithm } from 'otplib'
import { CairnError } from '../errors.ts'
import {
  MAX_PERIOD,
  MAX_SECRET_BYTES,
  MIN_PERIOD,
  MIN_SECRET_BYTES,
  normalizeOtpKey,
  otpSecretBytes,
} from './otp-key.ts'
import type { OtpAlgorithm, OtpKey } from './otp-types.ts'
import { encodeSteamToken } from './steam-encoder.ts'

const crypto = new NobleCryptoPlugin()
const guardrails = createGuardrails({
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
  MIN_PERIOD,
  MAX_PERIOD,
})
const steamHooks = { encodeToken: encodeSteamToken } as const

const HASH: Record<OtpAlgorithm, HashAlgorithm> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
}

type OtplibOptions = ReturnType<typeof otplibOptions>

/** Expects a normalized key. */
function otplibOptions(valid: OtpKey) {
  return {
    secret: otpSecretBytes(valid.secret),
    algorithm: HASH[valid.algorithm],
    digits: valid.digits,
    crypto,
    guardrails,
    ...(valid.encoder === 'steam' ? { hooks: steamHooks } : {}),
    period: valid.period,
  }
}

function checkedTime(atUnixSeconds: number): number {
  if (!Number.isFinite(atUnixSeconds) || atUnixSeconds < 0) {
    throw new CairnError('INVALID_ARGUMENT', 'time must be a Unix time in seconds, 0 or later')
  }
  return atUnixSeconds
}

/** The TOTP code of `key` at a Unix time in seconds (fractions allowed). */
export function totpCode(key: OtpKey, atUnixSeconds: number): string {
  return totpAt(otplibOptions(normalizeOtpKey(key)), checkedTime(atUnixSeconds))
}

function totpAt(options: OtplibOptions, epoch: number): string {
  return totpGenerateSync({ ...options, epoch, t0: 0 })
}

/** The HOTP code of `key` for `counter` (the key's own counter is not used). */
export function hotpCode(key: OtpKey, counter: number): string {
  return hotpAt(otplibOptions(normalizeOtpKey(key)), counter)
}

function hotpAt(options: OtplibOptions, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new CairnError('INVALID_ARGUMENT', 'counter must be a whole number from 0 up')
  }
  const { period: _period, ...hotpOptions } = options
  return hotpGenerateSync({ ...hotpOptions, counter })
}

export interface CurrentCode {
  code: string
  /** The code that follows: the next period's (TOTP) or the next counter's (HOTP). */
  nextCode: string
  /** TOTP: Unix seconds at which the current period began. Null for HOTP. */
  periodStart: number | null
  /** TOTP: seconds until the code changes, rounded up (1..period). Null for HOTP. */
  remainingSeconds: number | null
  /** HOTP: the counter `code` belongs to. Null for TOTP. */
  counter: number | null
}

/** What an authenticator shows now: TOTP by the clock, HOTP at the key's stored counter. */
export function currentCode(key: OtpKey, nowMs: number): CurrentCode {
  const valid = normalizeOtpKey(key)
  const options = otplibOptions(valid)
  if (valid.kind === 'hotp') {
    return {
      code: hotpAt(options, valid.counter),
      nextCode: hotpAt(options, valid.counter + 1),
      periodStart: null,
      remainingSeconds: null,
      counter: valid.counter,
    }
  }
  const now = checkedTime(nowMs / 1000)
  const periodStart = Math.floor(now / valid.period) * valid.period
  return {
    code: totpAt(options, periodStart),
    nextCode: totpAt(options, periodStart + valid.period),
    periodStart,
    remainingSeconds: Math.max(1, Math.ceil(periodStart + valid.period - now)),
    counter: null,
  }
}
