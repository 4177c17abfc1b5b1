// The link between a vault file and a sync folder, kept in a sidecar next to the vault
// (`<vault>.sync.json`). It holds nothing secret: the folder, this device's random id, which
// devices were forgotten and what was last written. Anyone able to write next to the vault can
// forge it, and gains nothing by that: every device file is still opened and authenticated with
// the vault key, so a forged sidecar can at most stop or misdirect sync, never read or inject an
// item. A digest that decides "unchanged, skip the write" is an HMAC under a vault subkey.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { CairnError } from '../errors.ts'
import { writeFileAtomic } from '../fs/atomic-file.ts'
import { isDeviceId, isVaultId, newDeviceId } from './sync-names.ts'

export interface SyncLink {
  /**
   * The vault this link belongs to (null in links written before it was recorded). A vault made
   * later under the same file name does not inherit an old vault's link.
   */
  vaultUuid: string | null
  folder: string
  deviceId: string
  /** Devices whose files are ignored and removed. */
  forgotten: string[]
  /** Unix ms of the last completed sync pass. */
  lastSyncedAt: number | null
  /** Set once the other devices' files stopped opening with this vault's key. */
  needsNewPassword: boolean
  /** What this device last wrote: HMAC of the content, and the file's size and mtime then. */
  written: { digest: string; size: number; mtimeMs: number } | null
  /**
   * Other devices' files as they were when last merged (size, mtime and inode: every atomic
   * replace makes a new one): an unchanged file is
   * not read again. Forging it can only delay a merge until the file changes.
   */
  merged: Record<string, { size: number; mtimeMs: number; ino: number }>
}

export function linkPathFor(vaultPath: string): string {
  return `${vaultPath}.sync.json`
}

function invalid(path: string): CairnError {
  return new CairnError(
    'INVALID_ARGUMENT',
    `${path} is not a valid sync link: link the vault to its folder again`,
  )
}

function parseLink(path: string, text: string): SyncLink {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw invalid(path)
  }
  const d = doc as Record<string, unknown>
  const w = d.written as Record<string, unknown> | null
  if (
    typeof d !== 'object' ||
    d === null ||
    d.format !== 1 ||
    typeof d.folder !== 'string' ||
    !isAbsolute(d.folder) ||
    !(d.vaultUuid === undefined || d.vaultUuid === null || isVaultId(d.vaultUuid)) ||
    !isDeviceId(d.deviceId) ||
    !Array.isArray(d.forgotten) ||
    !d.forgotten.every(isDeviceId) ||
    !(d.lastSyncedAt === null || Number.isSafeInteger(d.lastSyncedAt)) ||
    typeof d.needsNewPassword !== 'boolean' ||
    !(
      w === null ||
      (typeof w === 'object' &&
        typeof w.digest === 'string' &&
        Number.isSafeInteger(w.size) &&
        typeof w.mtimeMs === 'number')
    )
  ) {
    throw invalid(path)
  }
  const merged = (d.merged ?? {}) as Record<
    string,
    { size: unknown; mtimeMs: unknown; ino: unknown }
  >
  if (
    typeof merged !== 'object' ||
    !Object.values(merged).every(
      (m) =>
        typeof m === 'object' &&
        Number.isSafeInteger(m.size) &&
        typeof m.mtimeMs === 'number' &&
        typeof m.ino === 'number',
    )
  ) {
    throw invalid(path)
  }
  return {
    merged: merged as SyncLink['merged'],
    vaultUuid: (d.vaultUuid as string | null | undefined) ?? null,
    folder: d.folder,
    deviceId: d.deviceId,
    forgotten: d.forgotten as string[],
    lastSyncedAt: d.lastSyncedAt as number | null,
    needsNewPassword: d.needsNewPassword,
    written: w as SyncLink['written'],
  }
}

/**
 * The vault's sync link, or null when it is not linked. With `vaultUuid`, a link left by another
 * vault that once had this file name counts as none.
 */
export function readSyncLink(vaultPath: string, vaultUuid?: string): SyncLink | null {
  const path = linkPathFor(vaultPath)
  if (!existsSync(path)) return null
  const link = parseLink(path, readFileSync(path, 'utf8'))
  if (vaultUuid !== undefined && link.vaultUuid !== null && link.vaultUuid !== vaultUuid) {
    return null
  }
  return link
}

export function requireSyncLink(vaultPath: string, vaultUuid?: string): SyncLink {
  const link = readSyncLink(vaultPath, vaultUuid)
  if (!link) {
    throw new CairnError(
      'NOT_FOUND',
      `${vaultPath} is not linked to a sync folder: run cairn sync link first`,
    )
  }
  return link
}

export function saveSyncLink(vaultPath: string, link: SyncLink): void {
  const text = JSON.stringify({ format: 1, ...link }, null, 2) + '\n'
  writeFileAtomic(linkPathFor(vaultPath), [Buffer.from(text, 'utf8')], { replace: true })
}

/**
 * Links the vault `vaultUuid` at `vaultPath` to `folder` (which must exist) with a fresh device
 * id; relinking the same vault keeps it.
 */
export function linkVault(vaultPath: string, folder: string, vaultUuid: string): SyncLink {
  const absolute = resolve(folder)
  if (!existsSync(absolute)) {
    throw new CairnError('FILE_NOT_FOUND', `The folder ${absolute} does not exist`)
  }
  const before = readSyncLink(vaultPath, vaultUuid)
  const link: SyncLink = {
    vaultUuid,
    folder: absolute,
    deviceId: before?.deviceId ?? newDeviceId(),
    forgotten: before?.forgotten ?? [],
    lastSyncedAt: null,
    needsNewPassword: false,
    written: null,
    merged: {},
  }
  saveSyncLink(vaultPath, link)
  return link
}

export function unlinkVault(vaultPath: string): void {
  rmSync(linkPathFor(vaultPath), { force: true })
}
