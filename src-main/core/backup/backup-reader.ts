// Reading a backup file. Nothing is trusted before it is checked: the prelude and header against
// the header hash, the credential against a slot or the passphrase check, and every chunk by its
// tag. A wrong credential, a truncated file and a flipped byte each get their own CairnError, and
// reading never writes anything.
import { readFileSync, statSync } from 'node:fs'
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { slotInfo, type SlotRow } from '../vault/key-slots.ts'
import { openSlot } from '../vault/slot-unlock.ts'
import type { Credential, SlotInfo } from '../vault/vault-api.ts'
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MAGIC,
  HEADER_HASH_BYTES,
  MAX_HEADER_BYTES,
  PRELUDE_BYTES,
  TAG_BYTES,
  CONTENT_KEY_INFO,
  bodyLength,
  chunkCount,
  chunkNonce,
  decodeHeader,
  malformed,
  type BackupHeader,
  type BackupProtection,
} from './backup-format.ts'
import { contentKeyFrom, passphraseContentKey } from './backup-keys.ts'
import { decodePayload, type BackupPayload } from './backup-payload.ts'

/** The backup's own passphrase, or (vault-slots) any credential of the vault it came from. */
export type BackupCredential = Credential | { kind: 'backup-passphrase'; passphrase: string }

/** What can be shown about a backup before it is unlocked. */
export interface BackupInfo {
  path: string
  protection: BackupProtection
  vaultUuid: string
  createdAt: number
  /** vault-slots: the credentials that open it (labels as they were when it was written). */
  slots: SlotInfo[]
}

export interface OpenedBackup {
  info: BackupInfo
  header: BackupHeader
  payload: BackupPayload
  /** vault-slots: the vault key (the caller wipes it); null for passphrase backups. */
  vaultKey: Buffer | null
  /** vault-slots: the slot that opened it. */
  openedWith: SlotRow | null
}

interface ParsedFile {
  bytes: Buffer
  header: BackupHeader
  headerHash: Buffer
  /** Offset of the first chunk. */
  body: number
}

function readWhole(path: string): Buffer {
  try {
    if (!statSync(path).isFile()) throw malformed(`${path} is not a file`)
    return readFileSync(path)
  } catch (e) {
    if (e instanceof CairnError) throw e
    throw new CairnError('FILE_NOT_FOUND', `No backup file at ${path}`, { cause: e })
  }
}

function truncated(path: string): CairnError {
  return malformed(`${path} is truncated: the backup is incomplete`)
}

function parseFile(path: string): ParsedFile {
  const bytes = readWhole(path)
  const magicLength = Math.min(bytes.length, BACKUP_MAGIC.length)
  if (
    bytes.length === 0 ||
    !bytes.subarray(0, magicLength).equals(BACKUP_MAGIC.subarray(0, magicLength))
  ) {
    throw malformed(`${path} is not a Cairn backup`)
  }
  if (bytes.length < PRELUDE_BYTES) throw truncated(path)
  const version = bytes.readUInt32BE(8)
  const headerLength = bytes.readUInt32BE(12)
  if (headerLength > MAX_HEADER_BYTES) {
    throw malformed(`${path} is damaged (its header length is impossible)`)
  }
  const body = PRELUDE_BYTES + headerLength + HEADER_HASH_BYTES
  if (bytes.length < body) throw truncated(path)
  const headerHash = createHash('sha256')
    .update(bytes.subarray(0, PRELUDE_BYTES + headerLength))
    .digest()
  const stored = bytes.subarray(PRELUDE_BYTES + headerLength, body)
  if (!timingSafeEqual(headerHash, stored)) {
    // A version we do not know may be laid out differently; only trust its number if intact.
    throw malformed(`${path} is damaged (its header does not match its checksum)`)
  }
  if (version > BACKUP_FORMAT_VERSION) {
    throw new CairnError(
      'NEWER_FORMAT',
      `${path} uses backup format ${version}; this Cairn reads format ${BACKUP_FORMAT_VERSION}: update Cairn`,
    )
  }
  if (version !== BACKUP_FORMAT_VERSION) throw malformed(`${path} is damaged (format number)`)
  const header = decodeHeader(bytes.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headerLength))
  const expected = body + bodyLength(header)
  if (bytes.length < expected) {
    throw malformed(
      `${path} is truncated (${bytes.length} of ${expected} bytes): the backup is incomplete`,
    )
  }
  if (bytes.length > expected) {
    throw malformed(`${path} is damaged (${bytes.length - expected} unexpected bytes at its end)`)
  }
  return { bytes, header, headerHash, body }
}

function infoOf(path: string, h: BackupHeader): BackupInfo {
  return {
    path,
    protection: h.protection,
    vaultUuid: h.vaultId,
    createdAt: h.createdAt,
    slots: h.slots.map(slotInfo),
  }
}

/** The backup's clear header, checked: to decide which credential to ask for. */
export function readBackupInfo(path: string): BackupInfo {
  return infoOf(path, parseFile(path).header)
}

function decryptChunk(key: Buffer, nonce: Buffer, aad: Buffer, chunk: Buffer): Buffer | null {
  const split = chunk.length - TAG_BYTES
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(chunk.subarray(split))
  const plain = decipher.update(chunk.subarray(0, split))
  try {
    decipher.final()
    return plain
  } catch {
    wipe(plain)
    return null
  }
}

/** Decrypts every chunk; the caller wipes the result. */
function decryptBody(
  path: string,
  file: ParsedFile,
  key: Buffer,
  onChunk: (done: number, total: number) => void,
): Buffer {
  const { bytes, header, headerHash } = file
  const stride = header.chunkSize + TAG_BYTES
  const total = chunkCount(header.payloadLength, header.chunkSize)
  const parts: Buffer[] = []
  try {
    for (let index = 0, at = file.body; index < total; index++, at += stride) {
      const final = index === total - 1
      const chunk = bytes.subarray(at, final ? bytes.length : at + stride)
      if (chunk.length < TAG_BYTES) throw truncated(path)
      const plain = decryptChunk(
        key,
        chunkNonce(header.noncePrefix, index, final),
        headerHash,
        chunk,
      )
      if (!plain) {
        throw malformed(
          `${path} is damaged: part ${index + 1} of ${total} failed authentication (altered or corrupted)`,
        )
      }
      parts.push(plain)
      onChunk(index + 1, total)
    }
    return Buffer.concat(parts)
  } finally {
    wipe(...parts)
  }
}

/**
 * Opens a vault-slots backup of an open vault with that vault's own key (no credential needed).
 * WRONG_CREDENTIAL when its first part does not open with it (made before a key rotation, or
 * damaged there): open it with a credential instead.
 */
export function openBackupWithVaultKey(
  path: string,
  vault: { header: { vaultUuid: string }; deriveSubkey(info: string, salt: Uint8Array): Buffer },
): BackupPayload {
  const file = parseFile(path)
  const { header } = file
  if (header.protection !== 'vault-slots' || header.vaultId !== vault.header.vaultUuid) {
    throw new CairnError('WRONG_CREDENTIAL', `${path} is not protected by this vault's key`)
  }
  const contentKey = vault.deriveSubkey(CONTENT_KEY_INFO, header.salt)
  let plain: Buffer | null = null
  try {
    const first = bodyPart(file, 0)
    const opened = decryptChunk(contentKey, first.nonce, file.headerHash, first.chunk)
    if (!opened) {
      throw new CairnError(
        'WRONG_CREDENTIAL',
        `${path} does not open with this vault's key (made before a key rotation?): give its password`,
      )
    }
    wipe(opened)
    plain = decryptBody(path, file, contentKey, () => {})
    return decodePayload(plain, header.vaultId)
  } finally {
    wipe(contentKey, plain)
  }
}

function bodyPart(file: ParsedFile, index: number): { nonce: Buffer; chunk: Buffer } {
  const { header, bytes } = file
  const stride = header.chunkSize + TAG_BYTES
  const total = chunkCount(header.payloadLength, header.chunkSize)
  const final = index === total - 1
  const at = file.body + index * stride
  return {
    nonce: chunkNonce(header.noncePrefix, index, final),
    chunk: bytes.subarray(at, final ? bytes.length : at + stride),
  }
}

export interface OpenBackupOptions {
  onProgress?: (p: { phase: 'deriving-key' | 'decrypting'; done: number; total: number }) => void
}

/** Opens and fully verifies a backup. Writes nothing. */
export async function openBackup(
  path: string,
  credential: BackupCredential,
  options: OpenBackupOptions = {},
): Promise<OpenedBackup> {
  const file = parseFile(path)
  const { header } = file
  const progress = options.onProgress ?? (() => {})
  let contentKey: Buffer
  let vaultKey: Buffer | null = null
  let openedWith: SlotRow | null = null
  progress({ phase: 'deriving-key', done: 0, total: 0 })
  if (header.protection === 'passphrase') {
    if (credential.kind !== 'backup-passphrase') {
      throw new CairnError(
        'WRONG_CREDENTIAL',
        'This backup is protected by its own backup passphrase, not by the vault password',
      )
    }
    contentKey = await passphraseContentKey(credential.passphrase, header.kdf!, header.salt)
  } else {
    if (credential.kind === 'backup-passphrase') {
      throw new CairnError(
        'WRONG_CREDENTIAL',
        "This backup is protected by its vault's master password and recovery keys, not by a backup passphrase",
      )
    }
    const opened = await openSlot(header.vaultId, header.slots, credential)
    vaultKey = opened.key
    openedWith = opened.slot
    contentKey = contentKeyFrom(vaultKey, header.salt)
  }
  let plain: Buffer | null = null
  try {
    plain = decryptBody(path, file, contentKey, (done, total) =>
      progress({ phase: 'decrypting', done, total }),
    )
    const payload = decodePayload(plain, header.vaultId)
    return { info: infoOf(path, header), header, payload, vaultKey, openedWith }
  } catch (e) {
    wipe(vaultKey)
    throw e
  } finally {
    wipe(contentKey, plain)
  }
}
