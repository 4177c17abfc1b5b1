// Keeps one unlocked, linked vault in step with its sync folder while it stays unlocked: a pass
// when watching starts, after the folder's files change (file events, let settle briefly), after
// a local edit (debounced, so a burst of edits makes one write) and on a periodic look, because
// file events are not delivered on every file system (network shares, some sync tools' mounts).
// Passes are synchronous and never overlap. No Electron here: the app's main and tests drive it.
import { watch, type FSWatcher } from 'node:fs'
import { CairnError, isCairnError } from '../errors.ts'
import { DebouncedWriter } from './debounced-writer.ts'
import { requireSyncLink } from './sync-link.ts'
import { syncNow, type SyncReport, type SyncVault } from './sync-pass.ts'

export const DEFAULT_PERIOD_MS = 60_000
export const DEFAULT_SETTLE_MS = 750
export const DEFAULT_WRITE_DELAY_MS = 2_000

/** Reports changes in a folder until `close`; `onBroken` when it can report no more. */
export type FolderWatch = (
  folder: string,
  onEvent: () => void,
  onBroken: () => void,
) => { close(): void }

export interface SyncWatcherOptions {
  vaultPath: string
  vault: SyncVault
  /** After every pass that ran to its end. */
  onPass: (report: SyncReport) => void
  /** A pass failed (folder gone, no permission): its message is for the person. */
  onError: (message: string) => void
  periodMs?: number
  settleMs?: number
  writeDelayMs?: number
  watchFolder?: FolderWatch
  now?: () => number
}

const nodeWatch: FolderWatch = (folder, onEvent, onBroken) => {
  const watcher: FSWatcher = watch(folder, { persistent: false }, () => onEvent())
  watcher.on('error', () => {
    watcher.close()
    onBroken()
  })
  return watcher
}

/** A failure as a sentence that never quotes a secret (file system errors name a path at most). */
export function syncFailureMessage(error: unknown): string {
  if (error instanceof CairnError) return error.message
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'EACCES' || code === 'EPERM') {
    return 'Cairn may not read or write the sync folder: check its permissions'
  }
  if (code === 'ENOSPC') return 'The disk holding the sync folder is full'
  return `The sync pass failed${code ? ` (${code})` : ''}: try Sync now, or link the folder again`
}

export class SyncWatcher {
  readonly #o: SyncWatcherOptions
  readonly #edits: DebouncedWriter
  readonly #settle: DebouncedWriter
  #timer: ReturnType<typeof setInterval> | null = null
  #watch: { close(): void } | null = null
  #watchedFolder: string | null = null
  #closed = false

  constructor(options: SyncWatcherOptions) {
    this.#o = options
    this.#edits = new DebouncedWriter(
      () => this.runPass(),
      options.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS,
    )
    this.#settle = new DebouncedWriter(() => this.runPass(), options.settleMs ?? DEFAULT_SETTLE_MS)
  }

  /** Runs a first pass and starts watching. */
  start(): SyncReport | null {
    const report = this.runPass()
    this.#timer = setInterval(() => this.runPass(), this.#o.periodMs ?? DEFAULT_PERIOD_MS)
    this.#timer.unref?.()
    return report
  }

  /** The vault changed here: a pass (which writes this device's file) once edits pause. */
  localChange(): void {
    if (!this.#closed) this.#edits.changed()
  }

  /** One pass now; null when it failed (onError said why) or the watcher is closed. */
  runPass(): SyncReport | null {
    if (this.#closed) return null
    this.#edits.cancel()
    this.#settle.cancel()
    let report: SyncReport
    try {
      report = syncNow(this.#o.vaultPath, this.#o.vault, this.#o.now ? { now: this.#o.now } : {})
    } catch (error) {
      this.#unwatch()
      this.#o.onError(syncFailureMessage(error))
      return null
    }
    this.#ensureWatching()
    this.#o.onPass(report)
    return report
  }

  /** Stops; with `flush` (just before the vault locks) first writes a pending local change. */
  close({ flush = true }: { flush?: boolean } = {}): void {
    if (this.#closed) return
    if (flush && this.#edits.pending) this.runPass()
    this.#closed = true
    this.#edits.cancel()
    this.#settle.cancel()
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    this.#unwatch()
  }

  #ensureWatching(): void {
    let folder: string
    try {
      folder = requireSyncLink(this.#o.vaultPath, this.#o.vault.header.vaultUuid).folder
    } catch (error) {
      if (isCairnError(error)) return
      throw error
    }
    if (this.#watch && this.#watchedFolder === folder) return
    this.#unwatch()
    try {
      const watching = (this.#o.watchFolder ?? nodeWatch)(
        folder,
        () => {
          if (!this.#closed) this.#settle.changed()
        },
        // A folder that disappears (unplugged drive) ends the events: the periodic look
        // notices, and watches again once the folder is back.
        () => {
          if (this.#watch === watching) this.#unwatch()
        },
      )
      this.#watch = watching
      this.#watchedFolder = folder
    } catch {
      // No file events here: the periodic look still runs.
      this.#watch = null
    }
  }

  #unwatch(): void {
    this.#watch?.close()
    this.#watch = null
    this.#watchedFolder = null
  }
}
