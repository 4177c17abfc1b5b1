import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto'

/** Cryptographically secure random bytes (a fresh, unpooled Buffer that may be wiped). */
export function randomBytes(length: number): Buffer {
  return nodeRandomBytes(length)
}

/** A random (version 4) UUID in canonical lower-case form. */
export function randomId(): string {
  return randomUUID()
}
