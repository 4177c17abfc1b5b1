// An independent HOTP/TOTP/Steam reference on node:crypto, written straight from RFC 4226 §5.3,
// so tests can check the otplib-based engine against something that shares none of its code.
import { createHmac } from 'node:crypto'

export function referenceTruncated(
  algorithm: 'sha1' | 'sha256' | 'sha512',
  secret: Uint8Array,
  counter: number,
): number {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac(algorithm, secret).update(message).digest()
  const offset = (mac[mac.length - 1] as number) & 0x0f
  return mac.readUInt32BE(offset) & 0x7fffffff
}

export function referenceHotp(
  algorithm: 'sha1' | 'sha256' | 'sha512',
  secret: Uint8Array,
  counter: number,
  digits: number,
): string {
  return String(referenceTruncated(algorithm, secret, counter) % 10 ** digits).padStart(digits, '0')
}

export function referenceSteam(secret: Uint8Array, unixSeconds: number): string {
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY'
  let value = referenceTruncated('sha1', secret, Math.floor(unixSeconds / 30))
  let code = ''
  for (let i = 0; i < 5; i++) {
    code += alphabet.charAt(value % 26)
    value = Math.floor(value / 26)
  }
  return code
}
