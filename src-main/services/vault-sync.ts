// Sync in the app: while a linked vault is unlocked, a SyncWatcher (src-main/core/sync) keeps it
// in step with its folder; edits here reach the folder after a short pause. This service links,
// unlinks, forgets devices, joins a folder from a new computer, takes over a key changed on
// another computer, and tells the renderer each vault's sync status. The logic is the core's.
import type { SyncStatus, SyncJoinRequest, VaultInfo } from '../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../src-shared/ids.ts'
import { CairnError } from '../core/errors.ts'
import { adoptRotatedKey, joinSyncFolder } from '../core/sync/sync-join.ts'
import { linkVault, readSyncLink, unlinkVault } from '../core/sync/sync-link.ts'
import { conflictCopies, syncOverview } from '../core/sync/sync-overview.ts'
import { isDeviceId } from '../core/sync/sync-names.ts'
import { forgetDevice, type SyncReport } from '../core/sync/sync-pass.ts'
import { SyncWatcher, syncFailureMessage, type FolderWatch } from '../core/sync/sync-watcher.ts'
import { UnlockedVaultFile } from '../core/vault/unlocked-vault-file.ts'
import type { EventBus } from './event-bus.ts'
import type { VaultPathGrants } from './vault-path-grants.ts'
import type { VaultSessions } from './vault-sessions.ts'

export interface SyncTiming {
  periodMs?: number
  settleMs?: number
  writeDelayMs?: number
  watchFolder?: FolderWatch
}

export interface VaultSyncOptions {
  sessions: VaultSessions
  events: EventBus
  paths: VaultPathGrants
  now?: () => number
  timing?: SyncTiming
}

interface Watching {
  watcher: SyncWatcher
  /** The last pass's notes on files it ignored, by file name. */
  notes: Map<string, string>
  error: string | null
}

export class VaultSync {
  #o: VaultSyncOptions
  #watching = new Map<SessionId, Watching>()
  /** Errors of vaults whose watcher could not start (the link sidecar is unreadable). */
  #startErrors = new Map<SessionId, string>()
  /** Set while this service announces its own merge, which is not a local edit to write out. */
  #announcing: SessionId | null = null

  constructor(options: VaultSyncOptions) {
    this.#o = options
    options.events.subscribe((event) => {
      if (event.type === 'items-changed' && event.vaultId !== this.#announcing) {
        this.#watching.get(event.vaultId)?.watcher.localChange()
      }
    })
  }

  // ---- hooks from the vault sessions ----------------------------------------------------------

  /** A vault was unlocked: when it is linked, sync it and keep watching its folder. */
  onUnlocked(vaultId: SessionId): void {
    this.#start(vaultId)
  }

  /** A vault is about to lock: write a pending edit to the folder, then stop watching. */
  beforeLock(vaultId: SessionId): void {
    this.#stop(vaultId, true)
  }

  // ---- calls ----------------------------------------------------------------------------------

  status(vaultId: SessionId): SyncStatus {
    const vault = this.#vault(vaultId)
    const path = this.#path(vaultId)
    const conflicts = conflictCopies(vault.list().items).map((c) => ({
      itemId: c.id,
      title: c.title,
    }))
    let overview: ReturnType<typeof syncOverview>
    try {
      overview = syncOverview(path, vault.header.vaultUuid)
    } catch (error) {
      const message = syncFailureMessage(error)
      return { link: null, devices: [], conflicts, error: message, needsNewPassword: false }
    }
    if (!overview) {
      return { link: null, devices: [], conflicts, error: null, needsNewPassword: false }
    }
    const watching = this.#watching.get(vaultId)
    const notes = watching?.notes ?? new Map<string, string>()
    const error =
      watching?.error ??
      this.#startErrors.get(vaultId) ??
      (overview.folderMissing
        ? `The sync folder ${overview.folder} is missing: is its drive or sync tool available?`
        : null)
    return {
      link: {
        folder: overview.folder,
        deviceId: overview.deviceId,
        lastSyncedAt: overview.lastSyncedAt,
        folderMissing: overview.folderMissing,
      },
      devices: overview.files.map((f) => ({
        deviceId: f.deviceId,
        thisDevice: f.thisDevice,
        forgotten: f.forgotten,
        syncToolCopy: f.syncToolCopy,
        lastChangeAt: f.writtenAt,
        note: notes.get(f.file) ?? null,
      })),
      conflicts,
      error,
      needsNewPassword: overview.needsNewPassword,
    }
  }

  link(vaultId: SessionId, folder: string): SyncStatus {
    const uuid = this.#vault(vaultId).header.vaultUuid
    const path = this.#path(vaultId)
    const current = readSyncLink(path, uuid)?.folder ?? null
    const chosen = this.#o.paths.toFolder(folder, current)
    // A folder that cannot be linked leaves the current link and its watcher as they were.
    linkVault(path, chosen, uuid)
    this.#stop(vaultId, true)
    this.#start(vaultId)
    return this.status(vaultId)
  }

  now(vaultId: SessionId): SyncStatus {
    this.#vault(vaultId)
    const watching = this.#watching.get(vaultId)
    if (watching) watching.watcher.runPass()
    else this.#start(vaultId)
    if (!this.#watching.has(vaultId) && !this.#startErrors.has(vaultId)) {
      throw new CairnError('NOT_FOUND', 'This vault is not linked to a sync folder: link it first')
    }
    return this.status(vaultId)
  }

  forget(vaultId: SessionId, deviceId: string): SyncStatus {
    const vault = this.#vault(vaultId)
    if (!isDeviceId(deviceId)) {
      throw new CairnError('INVALID_ARGUMENT', 'A device id is 16 hexadecimal digits')
    }
    forgetDevice(this.#path(vaultId), vault.header.vaultUuid, deviceId)
    this.#watching.get(vaultId)?.watcher.runPass()
    this.#changed(vaultId)
    return this.status(vaultId)
  }

  unlink(vaultId: SessionId): SyncStatus {
    this.#vault(vaultId)
    this.#stop(vaultId, true)
    unlinkVault(this.#path(vaultId))
    this.#startErrors.delete(vaultId)
    this.#changed(vaultId)
    return this.status(vaultId)
  }

  async join(request: SyncJoinRequest): Promise<VaultInfo> {
    const folder = this.#o.paths.toFolder(request.folder)
    const vaultPath = this.#o.paths.toCreate(request.vaultPath)
    await joinSyncFolder(folder, vaultPath, { kind: 'password', password: request.password })
    const opened = this.#o.sessions.open(vaultPath)
    // Unlocking starts the watcher, whose first pass merges the other devices' files.
    return this.#o.sessions.unlock(opened.id, request.password)
  }

  async adoptNewPassword(vaultId: SessionId, password: string): Promise<SyncStatus> {
    const vault = this.#vault(vaultId)
    const path = this.#path(vaultId)
    if (!readSyncLink(path, vault.header.vaultUuid)?.needsNewPassword) {
      throw new CairnError('CONFLICT', 'No other device changed the vault key')
    }
    this.#stop(vaultId, false)
    try {
      // Rebuilds the file under the new key with every local item merged in; locks `vault`.
      await adoptRotatedKey(path, vault, { kind: 'password', password })
    } catch (error) {
      if (!vault.isLocked) this.#start(vaultId)
      throw error
    }
    this.#o.sessions.lock(vaultId)
    await this.#o.sessions.unlock(vaultId, password)
    return this.status(vaultId)
  }

  // ---- watchers -------------------------------------------------------------------------------

  #start(vaultId: SessionId): void {
    this.#stop(vaultId, false)
    this.#startErrors.delete(vaultId)
    const vault = this.#vault(vaultId)
    const vaultPath = this.#path(vaultId)
    try {
      if (!readSyncLink(vaultPath, vault.header.vaultUuid)) return
    } catch (error) {
      this.#startErrors.set(vaultId, syncFailureMessage(error))
      this.#changed(vaultId)
      return
    }
    const t = this.#o.timing ?? {}
    const watching: Watching = {
      notes: new Map(),
      error: null,
      watcher: new SyncWatcher({
        vaultPath,
        vault,
        onPass: (report) => this.#passed(vaultId, watching, report),
        onError: (message) => {
          watching.error = message
          this.#changed(vaultId)
        },
        ...(t.periodMs !== undefined ? { periodMs: t.periodMs } : {}),
        ...(t.settleMs !== undefined ? { settleMs: t.settleMs } : {}),
        ...(t.writeDelayMs !== undefined ? { writeDelayMs: t.writeDelayMs } : {}),
        ...(t.watchFolder ? { watchFolder: t.watchFolder } : {}),
        ...(this.#o.now ? { now: this.#o.now } : {}),
      }),
    }
    this.#watching.set(vaultId, watching)
    watching.watcher.start()
  }

  #stop(vaultId: SessionId, flush: boolean): void {
    const watching = this.#watching.get(vaultId)
    this.#watching.delete(vaultId)
    watching?.watcher.close({ flush })
  }

  #passed(vaultId: SessionId, watching: Watching, report: SyncReport): void {
    watching.error = null
    watching.notes = new Map(
      report.files.filter((f) => f.note !== null).map((f) => [f.file, f.note as string]),
    )
    const mergedSomething = report.files.some((f) => {
      const s = f.summary
      return (
        s !== null &&
        s.added + s.updated + s.deleted + s.revived + s.tombstones + s.conflicts.length > 0
      )
    })
    if (mergedSomething) {
      this.#announcing = vaultId
      try {
        this.#o.events.emit({ type: 'items-changed', vaultId })
      } finally {
        this.#announcing = null
      }
    }
    this.#changed(vaultId)
  }

  #changed(vaultId: SessionId): void {
    this.#o.events.emit({ type: 'sync-changed', vaultId })
  }

  #path(vaultId: SessionId): string {
    return this.#o.sessions.info(vaultId).path
  }

  #vault(vaultId: SessionId): UnlockedVaultFile {
    const vault = this.#o.sessions.unlocked(vaultId)
    if (!(vault instanceof UnlockedVaultFile)) {
      throw new CairnError('UNSUPPORTED', 'Sync needs a vault file from the vault core')
    }
    return vault
  }
}
