// Where a backup's content key comes from. Both protections end in the same HKDF step:
//   vault-slots: ikm = the vault key (reached through any of the backup's slots)
//   passphrase:  ikm = Argon2id(NFC passphrase, kdf.salt, kdf params), keyCheck stored beside it
//   contentKey = HKDF-SHA256(ikm, salt = header.salt, info = "cairn.backup.content.v1", 32)
import { hkdfSync, timingSafeEqual } from 'node:crypto'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { deriveKey } from '../kdf/derive-key.ts'
import type { Argon2Params } from '../kdf/argon2-params.ts'
import { CONTENT_KEY_INFO, PASSPHRASE_CHECK_INFO, type PassphraseKdf } from './backup-format.ts'

function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32))
}

export function contentKeyFrom(ikm: Uint8Array, salt: Uint8Array): Buffer {
  return hkdf(ikm, salt, CONTENT_KEY_INFO)
}

/** A new passphrase protection: the stored check and the content key. */
export async function newPassphraseKeys(
  passphrase: string,
  params: Argon2Params,
  kdfSalt: Buffer,
  contentSalt: Buffer,
): Promise<{ keyCheck: Buffer; contentKey: Buffer }> {
  const ikm = await deriveKey(passphrase, kdfSalt, params)
  try {
    return {
      keyCheck: hkdf(ikm, Buffer.alloc(0), PASSPHRASE_CHECK_INFO),
      contentKey: contentKeyFrom(ikm, contentSalt),
    }
  } finally {
    wipe(ikm)
  }
}

/** The content key for `passphrase`, or CairnError WRONG_PASSWORD when it is not the one. */
export async function passphraseContentKey(
  passphrase: string,
  kdf: PassphraseKdf,
  contentSalt: Buffer,
): Promise<Buffer> {
  const ikm = await deriveKey(passphrase, kdf.salt, kdf.params)
  const check = hkdf(ikm, Buffer.alloc(0), PASSPHRASE_CHECK_INFO)
  try {
    if (!timingSafeEqual(check, kdf.keyCheck)) {
      throw new CairnError('WRONG_PASSWORD', 'Wrong backup passphrase')
    }
    return contentKeyFrom(ikm, contentSalt)
  } finally {
    wipe(ikm, check)
  }
}
