// The other side of a merge: a second vault file or a backup, recognised by its first bytes and
// read without changing it. Shared by `cairn merge` and the app's vault settings.
import { closeSync, openSync, readSync } from 'node:fs'
import { CairnError, isCairnError } from '../errors.ts'
import type { Credential } from '../vault/vault-api.ts'
import { openVault, readVaultState } from '../vault/vault-file.ts'
import { BACKUP_MAGIC, type BackupProtection } from './backup-format.ts'
import { openBackup, openBackupWithVaultKey, readBackupInfo } from './backup-reader.ts'
import type { MergeSide } from './merge.ts'

export type MergeSourceKind =
  { kind: 'vault' } | { kind: 'backup'; protection: BackupProtection; vaultUuid: string }

/** True when `path` starts like a Cairn backup (anything else is read as a vault file). */
export function isBackupFile(path: string): boolean {
  const head = Buffer.alloc(BACKUP_MAGIC.length)
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return false // the vault reader reports a missing file in its own words
  }
  try {
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(BACKUP_MAGIC)
  } finally {
    closeSync(fd)
  }
}

/** What `path` is, so the caller knows which secret to ask for. */
export function describeMergeSource(path: string): MergeSourceKind {
  if (!isBackupFile(path)) return { kind: 'vault' }
  const info = readBackupInfo(path)
  return { kind: 'backup', protection: info.protection, vaultUuid: info.vaultUuid }
}

export interface MergeSourceSecrets {
  /** Opens a vault file or a backup protected by the vault's slots. */
  credential?: Credential
  /** Opens a backup protected by its own passphrase. */
  passphrase?: string
}

/** The open vault a merge writes into: copies of it open with its own key. */
export interface OwnVault {
  header: { vaultUuid: string }
  readCopy(path: string): MergeSide
  deriveSubkey(info: string, salt: Uint8Array): Buffer
}

/**
 * Reads the whole other side, checked, without writing anything. A copy (or vault-slots backup)
 * of `own` is first read with own's key; a secret is needed only when that fails (the other side
 * was made with another vault key) or when it is another vault or a passphrase backup.
 */
export async function readMergeSource(
  path: string,
  secrets: MergeSourceSecrets,
  own?: OwnVault,
): Promise<{ vaultUuid: string; side: MergeSide }> {
  const source = describeMergeSource(path)
  if (own) {
    const sameVault =
      source.kind === 'vault'
        ? readVaultIdOf(path) === own.header.vaultUuid
        : source.protection === 'vault-slots' && source.vaultUuid === own.header.vaultUuid
    if (sameVault) {
      try {
        const side =
          source.kind === 'vault' ? own.readCopy(path) : openBackupWithVaultKey(path, own)
        return { vaultUuid: own.header.vaultUuid, side }
      } catch (e) {
        // Made with another vault key: fall through to the credential, if one was given.
        if (!isCairnError(e, 'WRONG_CREDENTIAL') || (!secrets.credential && !secrets.passphrase)) {
          throw e
        }
      }
    }
  }
  if (source.kind === 'backup') {
    if (source.protection === 'passphrase' && secrets.passphrase === undefined) {
      throw new CairnError('WRONG_CREDENTIAL', `${path} needs its backup passphrase`)
    }
    if (source.protection === 'vault-slots' && !secrets.credential) {
      throw new CairnError(
        'WRONG_CREDENTIAL',
        `${path} needs its vault's password or a recovery key`,
      )
    }
    const opened = await openBackup(
      path,
      source.protection === 'passphrase'
        ? { kind: 'backup-passphrase', passphrase: secrets.passphrase! }
        : secrets.credential!,
    )
    opened.vaultKey?.fill(0)
    return { vaultUuid: source.vaultUuid, side: opened.payload }
  }
  if (!secrets.credential) {
    throw new CairnError('WRONG_CREDENTIAL', `${path} needs its password or a recovery key`)
  }
  const { header, state } = await readVaultState(path, secrets.credential)
  return { vaultUuid: header.vaultUuid, side: state }
}

function readVaultIdOf(path: string): string {
  return openVault(path).header.vaultUuid
}
