// What a person is shown about a linked vault without unlocking it: the folder, this device, when
// it last synced, and each device's file with when it was written. Also the conflict copies a
// merge left in the vault, which stay until the person deletes them or drops their tag.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readBackupInfo } from '../backup/backup-reader.ts'
import { CONFLICT_TAG } from '../backup/merge.ts'
import type { ItemRecord } from '../vault/item-types.ts'
import { readSyncLink } from './sync-link.ts'
import { folderEntries } from './sync-pass.ts'

export interface SyncDeviceFile {
  file: string
  deviceId: string
  thisDevice: boolean
  forgotten: boolean
  /** A copy a sync tool made on its own (merged and removed by the next pass). */
  syncToolCopy: boolean
  /** When the device wrote it, by its own clock; null when the file cannot be read (yet). */
  writtenAt: number | null
}

export interface SyncOverview {
  folder: string
  deviceId: string
  lastSyncedAt: number | null
  needsNewPassword: boolean
  /** The folder is not there (an unplugged drive, a sync tool not running). */
  folderMissing: boolean
  files: SyncDeviceFile[]
}

/** The vault's sync state from its link and the folder; null when the vault is not linked. */
export function syncOverview(vaultPath: string, vaultUuid: string): SyncOverview | null {
  const link = readSyncLink(vaultPath, vaultUuid)
  if (!link) return null
  const folderMissing = !existsSync(link.folder) || !statSync(link.folder).isDirectory()
  const files: SyncDeviceFile[] = []
  if (!folderMissing) {
    for (const e of folderEntries(link, vaultUuid)) {
      let writtenAt: number | null = null
      try {
        writtenAt = readBackupInfo(join(link.folder, e.name)).createdAt
      } catch {
        // Still being written, cut short or damaged: a sync pass says why.
      }
      files.push({
        file: e.name,
        deviceId: e.deviceId,
        thisDevice: e.deviceId === link.deviceId,
        forgotten: link.forgotten.includes(e.deviceId),
        syncToolCopy: e.conflictCopy,
        writtenAt,
      })
    }
  }
  return {
    folder: link.folder,
    deviceId: link.deviceId,
    lastSyncedAt: link.lastSyncedAt,
    needsNewPassword: link.needsNewPassword,
    folderMissing,
    files,
  }
}

export interface ConflictCopy {
  id: string
  title: string
}

/** Live items a merge kept as the other side of a conflict (tagged `conflict`). */
export function conflictCopies(items: readonly ItemRecord[]): ConflictCopy[] {
  return items
    .filter((r) => r.deletedAt === null && r.data.tags.includes(CONFLICT_TAG))
    .map((r) => ({ id: r.id, title: r.data.title }))
    .sort((a, b) => a.title.localeCompare(b.title))
}
