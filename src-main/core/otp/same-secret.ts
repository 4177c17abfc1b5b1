// Whether two 2FA keys share a secret, whatever way each was written down (case, spaces, padding):
// the same secret saved twice is one account's key in two places, or a mix-up worth a warning.
import { canonicalBase32 } from './base32.ts'

function canonical(secret: string): string {
  try {
    return canonicalBase32(secret)
  } catch {
    return secret.toUpperCase()
  }
}

export function sameOtpSecret(a: string, b: string): boolean {
  return canonical(a) === canonical(b)
}
