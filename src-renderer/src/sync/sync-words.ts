// How the app words a vault's sync state: the status bar's short line and the settings' details.
import type { SyncStatus } from '../../../src-shared/ipc-contract.ts'
import { formatDate } from '../format.ts'

/** "just now", "2 min ago", "3 h ago", then the date. */
export function agoText(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000))
  if (seconds < 60) return 'just now'
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  return formatDate(ms)
}

export interface SyncIndicatorText {
  text: string
  /** What needs the person: an error, a conflict or a new password; 'ok' otherwise. */
  tone: 'ok' | 'attention' | 'error'
}

/** The status bar's words for a linked vault; null when the vault is not linked. */
export function syncIndicator(status: SyncStatus, now: number): SyncIndicatorText | null {
  if (!status.link) return null
  if (status.error) return { text: 'Sync error', tone: 'error' }
  if (status.needsNewPassword) return { text: 'Sync: new master password needed', tone: 'error' }
  const n = status.conflicts.length
  if (n > 0) return { text: `Sync conflict: ${n} item${n === 1 ? '' : 's'}`, tone: 'attention' }
  const last = status.link.lastSyncedAt
  return { text: last === null ? 'Not synced yet' : `Synced ${agoText(last, now)}`, tone: 'ok' }
}
