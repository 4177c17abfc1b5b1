// Names of the files in a sync folder. Each device writes only `<vaultId>.<deviceId>.cairnsync`;
// anything else starting with the vault id and mentioning .cairnsync is a copy a sync tool made on
// its own (Syncthing, Dropbox, Nextcloud, …). Names carry ids only, never a title.
import { randomBytes } from '../crypto/random.ts'

export const DEVICE_FILE_EXTENSION = '.cairnsync'
const DEVICE_ID = /^[0-9a-f]{16}$/
const VAULT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function newDeviceId(): string {
  return randomBytes(8).toString('hex')
}

export function isDeviceId(v: unknown): v is string {
  return typeof v === 'string' && DEVICE_ID.test(v)
}

export function isVaultId(v: unknown): v is string {
  return typeof v === 'string' && VAULT_ID.test(v)
}

export function deviceFileName(vaultId: string, deviceId: string): string {
  return `${vaultId}.${deviceId}${DEVICE_FILE_EXTENSION}`
}

export interface FolderEntry {
  name: string
  deviceId: string
  /** A sync tool's own copy (conflict, backup), merged and then tidied away. */
  conflictCopy: boolean
}

const CONFLICT_MARKERS = ['.sync-conflict-', 'conflicted copy', 'conflict copy', 'Conflict']

/** What a file in the folder is for this vault, or null when it is not one of its files. */
export function classifyName(vaultId: string, name: string): FolderEntry | null {
  // Hidden files are temporaries: ours while writing, Syncthing's while receiving.
  if (name.startsWith('.') || !name.startsWith(`${vaultId}.`)) return null
  if (!name.includes(DEVICE_FILE_EXTENSION)) return null
  const deviceId = name.slice(vaultId.length + 1, vaultId.length + 17)
  if (!isDeviceId(deviceId)) return null
  if (name === deviceFileName(vaultId, deviceId)) return { name, deviceId, conflictCopy: false }
  const copy = name.endsWith('.orig') || CONFLICT_MARKERS.some((m) => name.includes(m))
  return copy ? { name, deviceId, conflictCopy: true } : null
}
