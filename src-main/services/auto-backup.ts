// Automatic backups of an open vault into a folder the person picks, keeping the newest N
// versions. A change starts a quiet-period timer (debounce); edits in a row push it back, but never
// past a maximum delay, so a long session is still backed up. Each version is one complete
// backup file written atomically (temporary file, then link), named with its UTC time so the
// folder sorts by age; after a successful write the oldest versions beyond N are deleted.
// Backups use the vault's own slots (its master password and recovery keys open them), because
// they are written without asking anyone for a passphrase; needing no key derivation, they are
// written synchronously, so what is pending can still be saved just before a vault locks. No
// Electron here: timers are the global ones, so tests drive them with fake timers.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeVaultSlotsBackup, type BackupSource } from '../core/backup/backup-writer.ts'
import { CairnError, isCairnError } from '../core/errors.ts'

export const BACKUP_EXTENSION = '.cairnbackup'
export const DEFAULT_DEBOUNCE_MS = 30_000
export const DEFAULT_MAX_DELAY_MS = 10 * 60_000
export const MAX_VERSIONS = 100

export interface BackupVersion {
  path: string
  /** Unix ms, from the file name. */
  createdAt: number
}

export interface AutoBackupStatus {
  folder: string
  keep: number
  /** Changes not yet in a backup. */
  pending: boolean
  lastBackupAt: number | null
  /** The last failure's message (cleared by the next success). */
  lastError: string | null
}

export interface AutoBackupOptions {
  folder: string
  /** How many versions to keep (1–100). */
  keep: number
  /** Start of every file name, e.g. the vault file's name without its extension. */
  name: string
  /** Writes one complete backup to `path`, never replacing a file (synchronously). */
  write: (path: string) => void
  debounceMs?: number
  maxDelayMs?: number
  now?: () => number
  onWritten?: (version: BackupVersion) => void
  onError?: (error: unknown) => void
}

/** "Home vault" → "Home-vault": safe in a file name on every platform. */
export function fileStem(name: string): string {
  const stem = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80)
  return stem || 'vault'
}

function stamp(ms: number): string {
  // 2025-03-01T12:34:56.789Z → 20250301T123456789Z
  return new Date(ms).toISOString().replace(/[-:.]/g, '')
}

function parseStamp(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text)
  if (!m) return null
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[]
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!)
}

export class AutoBackup {
  #o: Required<Omit<AutoBackupOptions, 'onWritten' | 'onError'>> &
    Pick<AutoBackupOptions, 'onWritten' | 'onError'>
  #stem: string
  #timer: ReturnType<typeof setTimeout> | null = null
  #firstChangeAt: number | null = null
  #lastError: string | null = null
  #closed = false

  constructor(options: AutoBackupOptions) {
    if (!Number.isInteger(options.keep) || options.keep < 1 || options.keep > MAX_VERSIONS) {
      throw new CairnError('INVALID_ARGUMENT', `Keep 1 to ${MAX_VERSIONS} backup versions`)
    }
    if (!existsSync(options.folder) || !statSync(options.folder).isDirectory()) {
      throw new CairnError('FILE_NOT_FOUND', `The backup folder ${options.folder} does not exist`)
    }
    this.#o = {
      debounceMs: DEFAULT_DEBOUNCE_MS,
      maxDelayMs: DEFAULT_MAX_DELAY_MS,
      now: Date.now,
      ...options,
    }
    this.#stem = fileStem(options.name)
  }

  /** Call after every change to the vault. */
  notifyChanged(): void {
    if (this.#closed) return
    const now = this.#o.now()
    this.#firstChangeAt ??= now
    this.#schedule(now)
  }

  #schedule(now: number): void {
    if (this.#timer) clearTimeout(this.#timer)
    const deadline = (this.#firstChangeAt ?? now) + this.#o.maxDelayMs
    const wait = Math.max(0, Math.min(this.#o.debounceMs, deadline - now))
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.flush()
    }, wait)
  }

  /** Writes a backup now if changes are pending (null when nothing was due, or it failed). */
  flush(): BackupVersion | null {
    if (this.#firstChangeAt === null || this.#closed) return null
    return this.#run()
  }

  /** Writes a backup now, changes or not ("Back up now" in the settings). */
  backupNow(): BackupVersion {
    const version = this.#run()
    if (!version) throw new CairnError('CONFLICT', this.#lastError ?? 'The backup failed')
    return version
  }

  #run(): BackupVersion | null {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const since = this.#firstChangeAt
    this.#firstChangeAt = null
    try {
      const version = this.#writeVersion()
      this.#lastError = null
      this.#prune()
      this.#o.onWritten?.(version)
      return version
    } catch (error) {
      this.#lastError = isCairnError(error)
        ? error.message
        : `The automatic backup failed: ${error instanceof Error ? error.message : String(error)}`
      // Still unsaved: try again after the next quiet period.
      if (since !== null && !this.#closed) {
        this.#firstChangeAt ??= since
        this.#schedule(this.#o.now())
      }
      this.#o.onError?.(error)
      return null
    }
  }

  #writeVersion(): BackupVersion {
    let createdAt = this.#o.now()
    // Two backups within the same millisecond would share a name: step to the next free one.
    while (existsSync(this.#pathFor(createdAt))) createdAt++
    const path = this.#pathFor(createdAt)
    this.#o.write(path)
    return { path, createdAt }
  }

  #pathFor(ms: number): string {
    return join(this.#o.folder, `${this.#stem}.${stamp(ms)}${BACKUP_EXTENSION}`)
  }

  /** This vault's versions in the folder, newest first. */
  versions(): BackupVersion[] {
    const prefix = `${this.#stem}.`
    let names: string[]
    try {
      names = readdirSync(this.#o.folder)
    } catch {
      return []
    }
    return names
      .filter((n) => n.startsWith(prefix) && n.endsWith(BACKUP_EXTENSION))
      .map((n) => ({
        path: join(this.#o.folder, n),
        createdAt: parseStamp(n.slice(prefix.length, -BACKUP_EXTENSION.length)),
      }))
      .filter((v): v is BackupVersion => v.createdAt !== null)
      .sort((a, b) => b.createdAt - a.createdAt)
  }

  #prune(): void {
    for (const old of this.versions().slice(this.#o.keep)) rmSync(old.path, { force: true })
  }

  status(): AutoBackupStatus {
    return {
      folder: this.#o.folder,
      keep: this.#o.keep,
      pending: this.#firstChangeAt !== null,
      lastBackupAt: this.versions()[0]?.createdAt ?? null,
      lastError: this.#lastError,
    }
  }

  /** Stops the timer; with `flush` (just before a vault locks) first writes what is pending. */
  close({ flush = true }: { flush?: boolean } = {}): void {
    if (flush) this.flush()
    this.#closed = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}

/** Automatic backups of an open vault: each version protected by the vault's own slots. */
export function autoBackupFor(
  vault: BackupSource,
  options: Omit<AutoBackupOptions, 'write'>,
): AutoBackup {
  return new AutoBackup({
    ...options,
    write: (path) => {
      writeVaultSlotsBackup(vault, path)
    },
  })
}
