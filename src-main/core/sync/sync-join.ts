// Joining a sync folder from a new computer, and taking over a key rotation made on another one.
// Both restore the newest device file that opens with the master password (so the vault keeps its
// id, key and slots), then merge in everything else this computer has.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { randomBytes } from '../crypto/random.ts'
import { readBackupInfo } from '../backup/backup-reader.ts'
import { mergeInto } from '../backup/merge.ts'
import { restoreBackup } from '../backup/restore.ts'
import { CairnError, isCairnError } from '../errors.ts'
import type { UnlockedVaultFile } from '../vault/unlocked-vault-file.ts'
import type { Credential } from '../vault/vault-api.ts'
import { openVault } from '../vault/vault-file.ts'
import { linkVault, readSyncLink, saveSyncLink } from './sync-link.ts'
import { DEVICE_FILE_EXTENSION, deviceFileName, isVaultId } from './sync-names.ts'

interface Candidate {
  path: string
  vaultUuid: string
  createdAt: number
}

/** Primary device files in `folder`, newest first (by the writer's clock: only an order to try). */
function candidates(folder: string, vaultUuid?: string): Candidate[] {
  const out: Candidate[] = []
  for (const name of readdirSync(folder)) {
    const [id, device, ...rest] = name.split('.')
    if (!isVaultId(id) || rest.join('.') !== DEVICE_FILE_EXTENSION.slice(1) || !device) continue
    if (vaultUuid && id !== vaultUuid) continue
    try {
      const info = readBackupInfo(join(folder, name))
      if (info.protection === 'vault-slots' && info.vaultUuid === id) {
        out.push({ path: join(folder, name), vaultUuid: id, createdAt: info.createdAt })
      }
    } catch {
      // Torn or foreign: not a candidate.
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt)
}

/** Restores the newest file that opens with `credential` to `out` (which must not exist). */
async function restoreNewest(list: Candidate[], out: string, credential: Credential) {
  let lastError: unknown = null
  for (const c of list) {
    try {
      return { summary: await restoreBackup(c.path, out, credential), from: c.path }
    } catch (e) {
      if (!(e instanceof CairnError) || isCairnError(e, 'FILE_EXISTS')) throw e
      lastError = e
    }
  }
  if (lastError) throw lastError
  throw new CairnError('NOT_FOUND', 'The folder holds no Cairn sync files to join')
}

export interface JoinResult {
  vaultUuid: string
  vaultName: string
  items: number
  from: string
}

/**
 * A new computer joins: NEW_VAULT is restored from the newest device file that opens with the
 * master password, and linked to the folder with a new device id. The caller then runs a sync pass
 * (which merges the other devices' files and writes this device's own).
 */
export async function joinSyncFolder(
  folder: string,
  newVaultPath: string,
  credential: Credential,
): Promise<JoinResult> {
  const dir = resolve(folder)
  if (!existsSync(dir)) throw new CairnError('FILE_NOT_FOUND', `The folder ${dir} does not exist`)
  if (existsSync(newVaultPath)) {
    throw new CairnError('FILE_EXISTS', `${newVaultPath} already exists`)
  }
  const list = candidates(dir)
  const ids = new Set(list.map((c) => c.vaultUuid))
  if (ids.size > 1) {
    throw new CairnError(
      'CONFLICT',
      'The folder holds files of more than one vault: join from a folder for one vault',
    )
  }
  const { summary, from } = await restoreNewest(list, newVaultPath, credential)
  linkVault(newVaultPath, dir, summary.vaultUuid)
  return { vaultUuid: summary.vaultUuid, vaultName: summary.vaultName, items: summary.items, from }
}

/**
 * Another device rotated the vault key: rebuilds this vault from the newest device file that opens
 * with the new master password, with every item of this vault merged in, and puts it in place of
 * the vault file. Locks `vault`; the caller opens the file again with the new password.
 */
export async function adoptRotatedKey(
  vaultPath: string,
  vault: UnlockedVaultFile,
  newCredential: Credential,
): Promise<void> {
  const link = readSyncLink(vaultPath, vault.header.vaultUuid)
  if (!link) throw new CairnError('NOT_FOUND', `${vaultPath} is not linked to a sync folder`)
  const vaultUuid = vault.header.vaultUuid
  const list = candidates(link.folder, vaultUuid)
  const tmp = `${vaultPath}.rekey-${randomBytes(6).toString('hex')}`
  try {
    await restoreNewest(list, tmp, newCredential)
    const locked = openVault(tmp)
    let rebuilt: UnlockedVaultFile
    try {
      rebuilt = await locked.unlock(newCredential, { recordUse: false })
    } finally {
      locked.close()
    }
    try {
      mergeInto(rebuilt, vault.state())
    } finally {
      rebuilt.lock()
    }
    vault.lock()
    // A log left beside the old file must never be replayed into the new one.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(vaultPath + suffix, { force: true })
    renameSync(tmp, vaultPath)
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tmp + suffix, { force: true })
  }
  // This device's file is under the old key and all of it is now in the vault: write it anew.
  rmSync(join(link.folder, deviceFileName(vaultUuid, link.deviceId)), { force: true })
  link.needsNewPassword = false
  link.written = null
  link.merged = {}
  saveSyncLink(vaultPath, link)
}
