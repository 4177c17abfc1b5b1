// The ciphers encrypted exports use, on node:crypto, with every failure a CairnError: a tag that
// does not verify under a key derived from the person's password means a wrong password; under a
// key already proven right, a damaged file.
import { createDecipheriv } from 'node:crypto'
import { CairnError } from '../../errors.ts'
import type { AskSecret } from '../importer.ts'

export const GCM_TAG_BYTES = 16

/** AES-GCM decryption; null when the tag does not verify (wrong key or altered bytes). */
export function openAesGcm(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad?: Uint8Array,
): Uint8Array | null {
  if (tag.length !== GCM_TAG_BYTES || nonce.length === 0) return null
  try {
    const decipher = createDecipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, nonce, {
      authTagLength: GCM_TAG_BYTES,
    })
    decipher.setAuthTag(tag)
    if (aad) decipher.setAAD(aad)
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]))
  } catch {
    return null
  }
}

/** Ciphertext with its tag appended, as Java's and WebCrypto's AES-GCM write it. */
export function openAesGcmJoined(
  key: Uint8Array,
  nonce: Uint8Array,
  joined: Uint8Array,
  aad?: Uint8Array,
): Uint8Array | null {
  if (joined.length < GCM_TAG_BYTES) return null
  const cut = joined.length - GCM_TAG_BYTES
  return openAesGcm(key, nonce, joined.subarray(0, cut), joined.subarray(cut), aad)
}

export function wrongPassword(formatName: string): never {
  throw new CairnError(
    'WRONG_PASSWORD',
    `Wrong password for this ${formatName} export (or the file was altered)`,
  )
}

/** The export's password, asked once; a person who declines gets a clear refusal. */
export async function exportPassword(askSecret: AskSecret, formatName: string): Promise<string> {
  const password = await askSecret(`Password of the ${formatName} export`)
  if (password === null || password === '') {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `The ${formatName} export is encrypted and no password was given`,
    )
  }
  return password
}

export function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
