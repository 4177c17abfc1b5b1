// One vault the agent holds unlocked: its lock timers, and the watch that locks it when the file's
// keys change underneath it. The key slots (ids, kinds, creation times) and the file's identity
// (device and inode) are fingerprinted at unlock; any difference — another process changed the
// password, rotated the vault key, added or revoked a recovery key, replaced or removed the file —
// locks the vault at once. The fingerprint is checked when the file changes (fs.watch on its
// folder), every two seconds as a backstop where watching is unreliable, and before every request.
import { statSync, watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { ManagedVault } from '../../core/vault/vault-api.ts'
import type { HeldVaultStatus } from './agent-protocol.ts'

const BACKSTOP_CHECK_MS = 2000

export type LockReason = 'time' | 'idle' | 'key-changed' | 'asked'

function fileIdentity(path: string): string {
  try {
    const st = statSync(path)
    return `${st.dev}:${st.ino}`
  } catch {
    return 'gone'
  }
}

function slotFingerprint(vault: ManagedVault): string {
  return vault
    .slots()
    .map((s) => `${s.id}:${s.kind}:${s.createdAt}`)
    .sort()
    .join(',')
}

export class HeldVault {
  readonly path: string
  readonly name: string
  readonly lockAt: number
  #idleLockAt: number
  readonly #idleMs: number
  readonly #vault: ManagedVault
  readonly #fingerprint: string
  readonly #identity: string
  readonly #timers: NodeJS.Timeout[] = []
  #idleTimer: NodeJS.Timeout | null = null
  #watcher: FSWatcher | null = null
  #locked = false
  readonly #onLock: (held: HeldVault, reason: LockReason) => void

  constructor(
    vault: ManagedVault,
    options: { forMs: number; idleMs: number; now: number },
    onLock: (held: HeldVault, reason: LockReason) => void,
  ) {
    this.#vault = vault
    this.path = vault.path
    this.name = vault.header.name
    this.lockAt = options.now + options.forMs
    this.#idleMs = options.idleMs
    this.#idleLockAt = options.now + options.idleMs
    this.#onLock = onLock
    this.#fingerprint = slotFingerprint(vault)
    this.#identity = fileIdentity(vault.path)
    this.#timers.push(setTimeout(() => this.lock('time'), options.forMs))
    this.#timers.push(setInterval(() => this.checkKeys(), BACKSTOP_CHECK_MS))
    this.#armIdle()
    try {
      const base = basename(this.path)
      this.#watcher = watch(dirname(this.path), (_event, file) => {
        if (file === null || String(file).startsWith(base)) this.checkKeys()
      })
      this.#watcher.on('error', () => this.#watcher?.close())
    } catch {
      // No watching on this file system: the backstop interval still checks.
    }
  }

  get isLocked(): boolean {
    return this.#locked
  }

  #armIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer)
    this.#idleLockAt = Date.now() + this.#idleMs
    this.#idleTimer = setTimeout(() => this.lock('idle'), this.#idleMs)
  }

  /** Locks when the key slots or the file are no longer those it was unlocked with. */
  checkKeys(): boolean {
    if (this.#locked) return false
    let same: boolean
    try {
      same =
        fileIdentity(this.path) === this.#identity &&
        slotFingerprint(this.#vault) === this.#fingerprint
    } catch {
      same = false
    }
    if (!same) this.lock('key-changed')
    return same
  }

  /** The unlocked vault for one request, after the key check; counts as use for the idle timer. */
  use(): ManagedVault | undefined {
    if (!this.checkKeys()) return undefined
    this.#armIdle()
    return this.#vault
  }

  status(): HeldVaultStatus {
    return { path: this.path, name: this.name, lockAt: this.lockAt, idleLockAt: this.#idleLockAt }
  }

  lock(reason: LockReason): void {
    if (this.#locked) return
    this.#locked = true
    for (const t of this.#timers) clearTimeout(t)
    if (this.#idleTimer) clearTimeout(this.#idleTimer)
    this.#watcher?.close()
    try {
      this.#vault.lock()
    } finally {
      this.#onLock(this, reason)
    }
  }
}
