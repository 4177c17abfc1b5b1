// AES-256-GCM with a fresh random 96-bit nonce per seal. The 16-byte tag is appended to the
// ciphertext (the layout documented in docs/vault-format.md).
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto'
import { randomBytes } from './random.ts'
import { wipe } from './wipe.ts'

export const AES_KEY_BYTES = 32
export const GCM_NONCE_BYTES = 12
export const GCM_TAG_BYTES = 16

export interface Sealed {
  nonce: Buffer
  /** Ciphertext followed by the 16-byte authentication tag. */
  ciphertext: Buffer
}

/** Authentication failed: wrong key, or the nonce, ciphertext or associated data changed. */
export class AuthenticationError extends Error {
  constructor() {
    super('authentication failed')
    this.name = 'AuthenticationError'
  }
}

/** A raw key as bytes, or (much faster for many operations) as a KeyObject from aesKey(). */
export type AesKey = Uint8Array | KeyObject

/**
 * A KeyObject for repeated use: Node re-imports a raw key for every cipher it creates, which costs
 * more than encrypting a small row. OpenSSL clears its native copy when the object is collected.
 */
export function aesKey(raw: Uint8Array): KeyObject {
  checkKey(raw)
  return createSecretKey(raw)
}

function checkKey(key: AesKey): void {
  const size = key instanceof Uint8Array ? key.length : key.symmetricKeySize
  if (size !== AES_KEY_BYTES) throw new RangeError(`AES-256 key must be ${AES_KEY_BYTES} bytes`)
}

export function seal(key: AesKey, plaintext: Uint8Array, associatedData: Uint8Array): Sealed {
  checkKey(key)
  const nonce = randomBytes(GCM_NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES })
  cipher.setAAD(associatedData)
  const body = cipher.update(plaintext)
  const last = cipher.final()
  const ciphertext = Buffer.concat([body, last, cipher.getAuthTag()])
  return { nonce, ciphertext }
}

/** Returns the plaintext (the caller wipes it when done) or throws AuthenticationError. */
export function open(
  key: AesKey,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  associatedData: Uint8Array,
): Buffer {
  checkKey(key)
  // Values read from a file can be anything (a damaged column comes back as text or a number):
  // what is not bytes of the right size cannot authenticate.
  if (
    !(nonce instanceof Uint8Array) ||
    !(ciphertext instanceof Uint8Array) ||
    nonce.length !== GCM_NONCE_BYTES ||
    ciphertext.length < GCM_TAG_BYTES
  ) {
    throw new AuthenticationError()
  }
  const split = ciphertext.length - GCM_TAG_BYTES
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES })
  decipher.setAAD(associatedData)
  decipher.setAuthTag(ciphertext.subarray(split))
  const body = decipher.update(ciphertext.subarray(0, split))
  try {
    decipher.final()
  } catch {
    wipe(body)
    throw new AuthenticationError()
  }
  return body
}
