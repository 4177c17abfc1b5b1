import type { OtpAlgorithm, OtpEncoder, OtpKind } from '../../../src-shared/otp-kinds.ts'

export type { OtpAlgorithm, OtpEncoder, OtpKind }

/** Everything needed to compute codes for one 2FA account. */
export interface OtpKey {
  kind: OtpKind
  /** Base32, canonical: upper case, no padding, no spaces. */
  secret: string
  issuer: string
  account: string
  algorithm: OtpAlgorithm
  digits: number
  /** Seconds, TOTP only (default 30). */
  period: number
  /** HOTP only: the counter of the next code to show (default 0). */
  counter: number
  encoder: OtpEncoder
}
