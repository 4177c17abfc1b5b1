// This device's own file in the sync folder: a vault-slots backup of the whole vault, replaced
// atomically (temporary file, fsync, rename). It is rewritten only when the vault's content
// changed since the last write, so opening or reading a vault never touches the folder.
import { createHmac } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { wipe } from '../crypto/wipe.ts'
import { writeVaultSlotsBackup, type BackupSource } from '../backup/backup-writer.ts'
import type { VaultState } from '../vault/item-store.ts'
import { saveSyncLink, type SyncLink } from './sync-link.ts'
import { deviceFileName } from './sync-names.ts'

const DIGEST_INFO = 'cairn.sync.digest.v1'
const DIGEST_SALT = Buffer.from('cairn sync content digest', 'utf8')

export function deviceFilePath(link: SyncLink, vaultUuid: string): string {
  return join(link.folder, deviceFileName(vaultUuid, link.deviceId))
}

/** A keyed digest of what the file would hold: equal content, equal digest. */
export function contentDigest(vault: BackupSource, state: VaultState): string {
  const key = vault.deriveSubkey(DIGEST_INFO, DIGEST_SALT)
  try {
    const mac = createHmac('sha256', key)
    mac.update(vault.header.name)
    const items = [...state.items].sort((a, b) => (a.record.id < b.record.id ? -1 : 1))
    for (const { record, lineage } of items) mac.update(JSON.stringify([record, lineage]))
    const tombs = [...state.tombstones].sort((a, b) => (a.id < b.id ? -1 : 1))
    mac.update(JSON.stringify(tombs))
    return mac.digest('hex')
  } finally {
    wipe(key)
  }
}

function unchangedOnDisk(path: string, written: NonNullable<SyncLink['written']>): boolean {
  if (!existsSync(path)) return false
  const st = statSync(path)
  return st.size === written.size && st.mtimeMs === written.mtimeMs
}

/**
 * Writes this device's file when the vault changed since the last write (or the file is gone or
 * was replaced by someone else). Returns whether it wrote. Saves the link's `written` record.
 */
export function writeDeviceFile(vaultPath: string, vault: BackupSource, link: SyncLink): boolean {
  const path = deviceFilePath(link, vault.header.vaultUuid)
  const digest = contentDigest(vault, vault.state())
  if (link.written?.digest === digest && unchangedOnDisk(path, link.written)) return false
  writeVaultSlotsBackup(vault, path, { replace: true })
  const st = statSync(path)
  link.written = { digest, size: st.size, mtimeMs: st.mtimeMs }
  saveSyncLink(vaultPath, link)
  return true
}
