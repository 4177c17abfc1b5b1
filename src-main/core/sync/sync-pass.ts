// One sync pass: every other device's file (and every copy a sync tool made on its own) is read,
// authenticated with the vault key and merged into the open vault by lineage and tombstones; then
// this device's file is rewritten if the vault changed. A file that does not open whole and
// authentic is ignored with a note and nothing from it is merged; a tool's conflict copy is
// removed only after its content is in the vault.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openBackupWithVaultKey, readBackupInfo } from '../backup/backup-reader.ts'
import type { BackupSource } from '../backup/backup-writer.ts'
import type { BackupPayload } from '../backup/backup-payload.ts'
import { mergeInto, type MergeSummary, type MergeTarget } from '../backup/merge.ts'
import { CairnError, isCairnError } from '../errors.ts'
import type { UnlockedVaultFile } from '../vault/unlocked-vault-file.ts'
import { deviceFilePath, writeDeviceFile } from './device-file.ts'
import { requireSyncLink, saveSyncLink, type SyncLink } from './sync-link.ts'
import { classifyName, type FolderEntry } from './sync-names.ts'

export type SyncVault = BackupSource & MergeTarget & Pick<UnlockedVaultFile, 'slots'>

export type DeviceFileStatus =
  'merged' | 'unchanged' | 'ignored' | 'other-key' | 'forgotten' | 'tidied'

export interface DeviceFileReport {
  file: string
  deviceId: string
  conflictCopy: boolean
  status: DeviceFileStatus
  /** When the device wrote it (its own clock), if the file could be read. */
  writtenAt: number | null
  /** Why a file was ignored (never a secret: the reader's own messages). */
  note: string | null
  summary: MergeSummary | null
}

export interface SyncReport {
  deviceId: string
  files: DeviceFileReport[]
  conflicts: MergeSummary['conflicts']
  /** Whether this device's own file was (re)written. */
  wroteOwnFile: boolean
  /** Some device's file opens only with another vault key. */
  needsNewPassword: boolean
  /** True on the first pass that found that: ask the person once. */
  askForNewPassword: boolean
  syncedAt: number
}

function requireFolder(link: SyncLink): void {
  if (!existsSync(link.folder) || !statSync(link.folder).isDirectory()) {
    throw new CairnError(
      'FILE_NOT_FOUND',
      `The sync folder ${link.folder} is missing: is its drive or sync tool available?`,
    )
  }
}

/** This vault's files in the folder (own file included), by name. */
export function folderEntries(link: SyncLink, vaultUuid: string): FolderEntry[] {
  return readdirSync(link.folder)
    .map((name) => classifyName(vaultUuid, name))
    .filter((e): e is FolderEntry => e !== null)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
}

function ownFileReplaced(path: string, link: SyncLink): boolean {
  if (!existsSync(path)) return false
  if (!link.written) return true
  const st = statSync(path)
  return st.size !== link.written.size || st.mtimeMs !== link.written.mtimeMs
}

type ReadResult =
  | { ok: true; payload: BackupPayload; writtenAt: number }
  | { ok: false; status: 'ignored' | 'other-key'; note: string; writtenAt: number | null }

function readDeviceFile(path: string, vault: SyncVault): ReadResult {
  let writtenAt: number | null = null
  let sameKey = false
  try {
    const info = readBackupInfo(path)
    writtenAt = info.createdAt
    // A key rotation replaces every slot: a file carrying one of our slots has our key, so a
    // failure to open it is damage, not a newer password.
    const ours = new Set(vault.slots().map((s) => s.id))
    sameKey = info.slots.some((s) => ours.has(s.id))
    if (info.vaultUuid !== vault.header.vaultUuid || info.protection !== 'vault-slots') {
      return { ok: false, status: 'ignored', note: 'not a file of this vault', writtenAt }
    }
    return { ok: true, payload: openBackupWithVaultKey(path, vault), writtenAt }
  } catch (e) {
    if (isCairnError(e, 'WRONG_CREDENTIAL') && sameKey) {
      return {
        ok: false,
        status: 'ignored',
        note: 'damaged: it failed authentication (altered or corrupted)',
        writtenAt,
      }
    }
    if (isCairnError(e, 'WRONG_CREDENTIAL')) {
      return {
        ok: false,
        status: 'other-key',
        note: 'written with another vault key: the device with the older key needs the new master password',
        writtenAt,
      }
    }
    if (e instanceof CairnError) return { ok: false, status: 'ignored', note: e.message, writtenAt }
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      return { ok: false, status: 'ignored', note: 'disappeared while reading', writtenAt }
    }
    throw e
  }
}

/** Reads and merges every other device's file, then writes this device's own if needed. */
export function syncNow(
  vaultPath: string,
  vault: SyncVault,
  options: { now?: () => number } = {},
): SyncReport {
  const now = options.now ?? Date.now
  const link = requireSyncLink(vaultPath, vault.header.vaultUuid)
  requireFolder(link)
  const vaultUuid = vault.header.vaultUuid
  const ownPath = deviceFilePath(link, vaultUuid)
  const files: DeviceFileReport[] = []
  const conflicts: MergeSummary['conflicts'] = []
  for (const entry of folderEntries(link, vaultUuid)) {
    const path = join(link.folder, entry.name)
    const base = { file: entry.name, deviceId: entry.deviceId, conflictCopy: entry.conflictCopy }
    if (link.forgotten.includes(entry.deviceId)) {
      rmSync(path, { force: true })
      files.push({ ...base, status: 'forgotten', writtenAt: null, note: null, summary: null })
      continue
    }
    // Our own file is read back only when something other than us replaced it (a copied vault
    // with the same device id, a sync tool restoring an old version): its content is kept.
    if (path === ownPath && !ownFileReplaced(path, link)) continue
    const st = statSync(path, { throwIfNoEntry: false })
    const seen = link.merged[entry.name]
    if (
      st &&
      seen &&
      seen.size === st.size &&
      seen.mtimeMs === st.mtimeMs &&
      seen.ino === st.ino &&
      !entry.conflictCopy
    ) {
      files.push({ ...base, status: 'unchanged', writtenAt: null, note: null, summary: null })
      continue
    }
    const read = readDeviceFile(path, vault)
    if (!read.ok) {
      files.push({
        ...base,
        status: read.status,
        writtenAt: read.writtenAt,
        note: read.note,
        summary: null,
      })
      continue
    }
    const summary = mergeInto(vault, read.payload)
    conflicts.push(...summary.conflicts)
    const changed =
      summary.added + summary.updated + summary.deleted + summary.revived + summary.tombstones >
        0 || summary.conflicts.length > 0
    if (entry.conflictCopy) rmSync(path, { force: true })
    else if (st && path !== ownPath)
      link.merged[entry.name] = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino }
    files.push({
      ...base,
      status: entry.conflictCopy ? 'tidied' : changed ? 'merged' : 'unchanged',
      writtenAt: read.writtenAt,
      note: null,
      summary,
    })
  }
  const present = new Set(files.map((f) => f.file))
  for (const name of Object.keys(link.merged)) if (!present.has(name)) delete link.merged[name]
  const needsNewPassword = files.some((f) => f.status === 'other-key')
  const askForNewPassword = needsNewPassword && !link.needsNewPassword
  link.needsNewPassword = needsNewPassword
  const wroteOwnFile = writeDeviceFile(vaultPath, vault, link)
  const syncedAt = now()
  link.lastSyncedAt = syncedAt
  saveSyncLink(vaultPath, link)
  return {
    deviceId: link.deviceId,
    files,
    conflicts,
    wroteOwnFile,
    needsNewPassword,
    askForNewPassword,
    syncedAt,
  }
}

/** Forgets a device: its files are removed now and ignored from now on. */
export function forgetDevice(vaultPath: string, vaultUuid: string, deviceId: string): number {
  const link = requireSyncLink(vaultPath, vaultUuid)
  if (deviceId === link.deviceId) {
    throw new CairnError('INVALID_ARGUMENT', 'This is the device itself: unlink the vault instead')
  }
  if (!link.forgotten.includes(deviceId)) link.forgotten.push(deviceId)
  saveSyncLink(vaultPath, link)
  let removed = 0
  if (existsSync(link.folder)) {
    for (const e of folderEntries(link, vaultUuid)) {
      if (e.deviceId !== deviceId) continue
      rmSync(join(link.folder, e.name), { force: true })
      removed++
    }
  }
  return removed
}
