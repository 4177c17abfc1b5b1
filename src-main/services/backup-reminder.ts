// "No backup for 30 days": when each vault was last backed up (by hand or automatically), kept in
// a small JSON file beside the app settings together with each vault's automatic-backup folder
// (vault ids, folders and times only, no secrets), and the rule the UI asks about. A vault never
// backed up counts from its creation.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { writeFileAtomic } from '../core/fs/atomic-file.ts'

export const BACKUP_REMINDER_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

export interface BackupReminder {
  due: boolean
  /** When the vault was last backed up, or null if never. */
  lastBackupAt: number | null
  /** Whole days since the last backup (or since the vault was created). */
  days: number
}

export function backupReminder(input: {
  lastBackupAt: number | null
  vaultCreatedAt: number
  now: number
  days?: number
}): BackupReminder {
  const since = input.lastBackupAt ?? input.vaultCreatedAt
  const days = Math.max(0, Math.floor((input.now - since) / DAY_MS))
  return {
    due: input.now - since >= (input.days ?? BACKUP_REMINDER_DAYS) * DAY_MS,
    lastBackupAt: input.lastBackupAt,
    days,
  }
}

export interface AutoBackupConfig {
  folder: string
  keep: number
}

/** Last backup time and automatic-backup settings per vault id, persisted in one JSON file. */
export class BackupLedger {
  #path: string
  #times = new Map<string, number>()
  #auto = new Map<string, AutoBackupConfig>()

  constructor(path: string) {
    this.#path = path
    if (!existsSync(path)) return
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as unknown
      const entries = (json as { lastBackupAt?: unknown }).lastBackupAt
      if (typeof entries === 'object' && entries !== null) {
        for (const [id, at] of Object.entries(entries)) {
          if (typeof at === 'number' && Number.isSafeInteger(at)) this.#times.set(id, at)
        }
      }
      const auto = (json as { autoBackup?: unknown }).autoBackup
      if (typeof auto === 'object' && auto !== null) {
        for (const [id, c] of Object.entries(auto)) {
          const { folder, keep } = (c ?? {}) as Record<string, unknown>
          if (typeof folder === 'string' && typeof keep === 'number' && Number.isInteger(keep)) {
            this.#auto.set(id, { folder, keep })
          }
        }
      }
    } catch {
      // A damaged ledger only means an early reminder: start afresh (replaced on the next write).
    }
  }

  lastBackupAt(vaultId: string): number | null {
    return this.#times.get(vaultId) ?? null
  }

  record(vaultId: string, at: number): void {
    if (at <= (this.#times.get(vaultId) ?? -1)) return
    this.#times.set(vaultId, at)
    this.#save()
  }

  autoBackup(vaultId: string): AutoBackupConfig | null {
    return this.#auto.get(vaultId) ?? null
  }

  setAutoBackup(vaultId: string, config: AutoBackupConfig | null): void {
    if (config) this.#auto.set(vaultId, { folder: config.folder, keep: config.keep })
    else this.#auto.delete(vaultId)
    this.#save()
  }

  #save(): void {
    mkdirSync(dirname(this.#path), { recursive: true })
    const doc = {
      version: 1,
      lastBackupAt: Object.fromEntries(this.#times),
      autoBackup: Object.fromEntries(this.#auto),
    }
    writeFileAtomic(this.#path, [Buffer.from(JSON.stringify(doc))], { replace: true })
  }

  reminder(vault: { vaultId: string; createdAt: number }, now: number): BackupReminder {
    return backupReminder({
      lastBackupAt: this.lastBackupAt(vault.vaultId),
      vaultCreatedAt: vault.createdAt,
      now,
    })
  }
}
