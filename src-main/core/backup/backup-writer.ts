// Writing a backup file: the vault's items, trash and tombstones as one encrypted, chunked file,
// protected by the vault's own slots or by a separate passphrase. The file appears complete or not
// at all (temporary file, flush, then link or rename).
import { isItemRecord } from '../vault/item-types.ts'
import { existsSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { createCipheriv } from 'node:crypto'
import { randomBytes } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { publishNew, publishReplacing, writeTempFile } from '../fs/atomic-file.ts'
import { validateNewArgon2Params, type Argon2Params } from '../kdf/argon2-params.ts'
import { calibrateArgon2 } from '../kdf/calibrate.ts'
import type { ManagedVault } from '../vault/vault-api.ts'
import {
  BACKUP_SLOT_KINDS,
  CONTENT_KEY_INFO,
  CONTENT_SALT_BYTES,
  DEFAULT_CHUNK_SIZE,
  KDF_SALT_BYTES,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
  NONCE_PREFIX_BYTES,
  TAG_BYTES,
  chunkCount,
  chunkNonce,
  encodeFileHead,
  type BackupHeader,
  type BackupProtection,
} from './backup-format.ts'
import { newPassphraseKeys } from './backup-keys.ts'
import { encodePayload } from './backup-payload.ts'

/** What a backup needs from an open vault. */
export type BackupSource = Pick<ManagedVault, 'header' | 'state' | 'slotRows' | 'deriveSubkey'>

export type BackupProtectionChoice =
  | { kind: 'vault-slots' }
  | {
      kind: 'passphrase'
      passphrase: string
      /** Argon2id parameters (never below the RFC 9106 floor). Default: calibrated to ~1 s. */
      kdfParams?: Argon2Params
      /** Test suites only: parameters below the floor. */
      unsafeKdfParamsForTests?: Argon2Params
    }

export interface BackupProgress {
  phase: 'deriving-key' | 'encrypting' | 'writing' | 'done'
  /** Chunks done and in all (0/0 while deriving a key). */
  done: number
  total: number
}

export interface WriteBackupOptions {
  protection: BackupProtectionChoice
  /** Replace a file already at the destination (automatic backups). Default: FILE_EXISTS. */
  replace?: boolean
  /** Plaintext bytes per chunk (tests use small chunks to exercise many). */
  chunkSize?: number
  onProgress?: (p: BackupProgress) => void
}

export interface BackupSummary {
  path: string
  protection: BackupProtection
  createdAt: number
  items: number
  tombstones: number
  /** Rows that failed authentication in the vault: not in the backup. */
  skippedDamaged: string[]
  bytes: number
}

async function passphraseParams(
  choice: Extract<BackupProtectionChoice, { kind: 'passphrase' }>,
): Promise<Argon2Params> {
  if (choice.unsafeKdfParamsForTests) {
    return validateNewArgon2Params(choice.unsafeKdfParamsForTests, { allowBelowFloor: true })
  }
  if (choice.kdfParams) return validateNewArgon2Params(choice.kdfParams)
  return (await calibrateArgon2()).params
}

function* encryptChunks(
  payload: Buffer,
  key: Buffer,
  header: BackupHeader,
  headerHash: Buffer,
  onChunk: (done: number, total: number) => void,
): Generator<Buffer> {
  const size = header.chunkSize
  const total = chunkCount(payload.length, size)
  for (let index = 0; index < total; index++) {
    const final = index === total - 1
    const plain = payload.subarray(index * size, final ? payload.length : (index + 1) * size)
    const cipher = createCipheriv(
      'aes-256-gcm',
      key,
      chunkNonce(header.noncePrefix, index, final),
      {
        authTagLength: TAG_BYTES,
      },
    )
    cipher.setAAD(headerHash)
    yield Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
    onChunk(index + 1, total)
  }
}

type Progress = (p: BackupProgress) => void

/** Checks that hold for both protections; returns the new header (without key material). */
function startBackup(
  vault: BackupSource,
  out: string,
  protection: BackupProtection,
  options: Pick<WriteBackupOptions, 'replace' | 'chunkSize'>,
): BackupHeader {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new CairnError('INVALID_ARGUMENT', 'Backup chunk size out of range')
  }
  if (!existsSync(dirname(out))) {
    throw new CairnError('FILE_NOT_FOUND', `The folder ${dirname(out)} does not exist`)
  }
  if (!options.replace && existsSync(out)) {
    throw new CairnError('FILE_EXISTS', `${out} already exists`)
  }
  return {
    protection,
    vaultId: vault.header.vaultUuid,
    createdAt: Date.now(),
    chunkSize,
    payloadLength: 0,
    noncePrefix: randomBytes(NONCE_PREFIX_BYTES),
    salt: randomBytes(CONTENT_SALT_BYTES),
    slots: [],
    kdf: null,
  }
}

/** Encrypts the vault's state under `contentKey` and publishes the file. Owns the key. */
function finishBackup(
  vault: BackupSource,
  out: string,
  header: BackupHeader,
  contentKey: Buffer,
  replace: boolean,
  progress: Progress,
): BackupSummary {
  let payload: Buffer | null = null
  let tmp: string | null = null
  try {
    const state = vault.state()
    payload = encodePayload({
      vault: {
        id: vault.header.vaultUuid,
        name: vault.header.name,
        createdAt: vault.header.createdAt,
      },
      exportedAt: header.createdAt,
      items: state.items,
      tombstones: state.tombstones,
    })
    header.payloadLength = payload.length
    const { head, headerHash } = encodeFileHead(header)
    let bytes = head.length
    const chunks = encryptChunks(payload, contentKey, header, headerHash, (done, total) =>
      progress({ phase: 'encrypting', done, total }),
    )
    tmp = writeTempFile(
      out,
      (function* () {
        yield head
        for (const c of chunks) {
          bytes += c.length
          yield c
        }
      })(),
      'backup',
    )
    progress({ phase: 'writing', done: 0, total: 0 })
    if (replace) publishReplacing(tmp, out)
    else publishNew(tmp, out)
    progress({ phase: 'done', done: 0, total: 0 })
    return {
      path: out,
      protection: header.protection,
      createdAt: header.createdAt,
      // Kept groups travel in the backup too, but a person counts items.
      items: state.items.filter((v) => isItemRecord(v.record)).length,
      tombstones: state.tombstones.length,
      skippedDamaged: state.damaged.map((d) => d.id),
      bytes,
    }
  } finally {
    wipe(payload, contentKey)
    if (tmp) rmSync(tmp, { force: true })
  }
}

/**
 * A backup protected by the vault's own slots, written synchronously (no key derivation is
 * needed): automatic backups use it, so a pending one can be written just before a vault locks.
 */
export function writeVaultSlotsBackup(
  vault: BackupSource,
  out: string,
  options: Omit<WriteBackupOptions, 'protection'> = {},
): BackupSummary {
  const header = startBackup(vault, out, 'vault-slots', options)
  header.slots = vault.slotRows(BACKUP_SLOT_KINDS)
  if (header.slots.length === 0) {
    throw new CairnError(
      'CONFLICT',
      'The vault has no password or recovery key to protect a backup',
    )
  }
  const contentKey = vault.deriveSubkey(CONTENT_KEY_INFO, header.salt)
  return finishBackup(
    vault,
    out,
    header,
    contentKey,
    options.replace === true,
    options.onProgress ?? (() => {}),
  )
}

/** Writes a backup of `vault` to `out`. Throws FILE_EXISTS rather than replace, unless asked. */
export async function writeBackup(
  vault: BackupSource,
  out: string,
  options: WriteBackupOptions,
): Promise<BackupSummary> {
  const { protection } = options
  if (protection.kind === 'vault-slots') return writeVaultSlotsBackup(vault, out, options)
  const progress = options.onProgress ?? (() => {})
  const header = startBackup(vault, out, 'passphrase', options)
  if (typeof protection.passphrase !== 'string' || protection.passphrase.length === 0) {
    throw new CairnError('INVALID_ARGUMENT', 'The backup passphrase is empty')
  }
  progress({ phase: 'deriving-key', done: 0, total: 0 })
  const params = await passphraseParams(protection)
  const kdfSalt = randomBytes(KDF_SALT_BYTES)
  const keys = await newPassphraseKeys(protection.passphrase, params, kdfSalt, header.salt)
  header.kdf = { name: 'argon2id', params, salt: kdfSalt, keyCheck: keys.keyCheck }
  return finishBackup(vault, out, header, keys.contentKey, options.replace === true, progress)
}
