// Which code a copy hands out. A TOTP code with under five seconds left would often expire between
// the paste and the website's check, so the next one is copied instead; an HOTP code uses up its
// counter value, so the caller stores the advanced counter before handing the code out. The
// picker, the main window (Ctrl+T, "Copy code") and the command line all ask this one function.
import { currentCode, hotpCode } from './otp-codes.ts'
import type { OtpKey } from './otp-types.ts'

/** Below this many milliseconds of validity, the next TOTP code is copied instead. */
export const NEXT_CODE_THRESHOLD_MS = 5_000

export type CodeToCopy =
  | {
      which: 'current' | 'next'
      code: string
      /** Unix ms until which the chosen code is valid. */
      validUntil: number
    }
  | {
      which: 'hotp'
      code: string
      /** The counter this code was computed for; store counter + 1 before using the code. */
      counter: number
    }

export function codeToCopy(key: OtpKey, nowMs: number): CodeToCopy {
  if (key.kind === 'hotp')
    return { which: 'hotp', code: hotpCode(key, key.counter), counter: key.counter }
  const now = currentCode(key, nowMs)
  const periodMs = key.period * 1000
  const endsAt = (now.periodStart ?? 0) * 1000 + periodMs
  return endsAt - nowMs < NEXT_CODE_THRESHOLD_MS
    ? { which: 'next', code: now.nextCode, validUntil: endsAt + periodMs }
    : { which: 'current', code: now.code, validUntil: endsAt }
}

/**
 * What to tell the person about a copied code: how long it stays valid (and that it is the next
 * one when the current one was about to expire), or that an HOTP counter moved on.
 */
export function copiedCodeNote(chosen: CodeToCopy, nowMs: number): string {
  if (chosen.which === 'hotp') {
    return `Code copied. The counter is now ${chosen.counter + 1}: the next copy gives a new code.`
  }
  const seconds = Math.max(1, Math.floor((chosen.validUntil - nowMs) / 1000))
  return chosen.which === 'next'
    ? `Next code copied, valid for ${seconds} s: the current one had under ${NEXT_CODE_THRESHOLD_MS / 1000} s left.`
    : `Code copied, valid for another ${seconds} s.`
}
