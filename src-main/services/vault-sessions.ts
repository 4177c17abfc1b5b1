// Several vault files open side by side, each locked or unlocked on its own. A locked vault keeps
// no file handle and no key: only its path and header. Unlocking opens the file again.
import { randomUUID, timingSafeEqual } from 'node:crypto'
import { basename, resolve } from 'node:path'
import type { VaultInfo, VaultNotice } from '../../src-shared/ipc-contract.ts'
import { CairnError, isCairnError } from '../core/errors.ts'
import { RETUNE_BELOW_MS, retuneFastPasswordSlot } from '../core/recovery/slot-retune.ts'
import type { Credential, ManagedVault, VaultHeader } from '../core/vault/vault-api.ts'
import { vaultNotices } from './vault-notices.ts'
import type { VaultBackend } from './core-ports.ts'
import type { EventBus } from './event-bus.ts'
import type { SettingsStore } from './settings-store.ts'
import type { SessionId, VaultUuid } from '../../src-shared/ids.ts'

interface Session {
  id: SessionId
  path: string
  header: VaultHeader
  vault: ManagedVault | null
  /** Said by the services about this unlock (a re-tuned slot), beside what the core says. */
  notices: string[]
  /** Core notices already answered in this session (accepted contents), not shown again. */
  settled: Set<string>
  /** The unlock running now (Argon2id takes a while): its credential and its outcome. */
  unlocking: { credential: Credential; done: Promise<VaultInfo> } | null
  /**
   * Counts every lock request (lock, lockAll, close), even of a locked vault: an unlock that sees
   * it change while Argon2id ran was overtaken by a lock (auto-lock, suspend) and must not win.
   */
  lockRequests: number
}

export interface VaultSessionsOptions {
  backend: VaultBackend
  settings: SettingsStore
  events: EventBus
  now?: () => number
  /** Runs after any vault locks (the clipboard is cleared then). */
  onLocked?: () => void
  /** Runs just before a vault locks, while it is still open (automatic backups flush then). */
  beforeLock?: (vaultId: SessionId) => void
  /** Runs after a vault has been unlocked or created (automatic backups start then). */
  onUnlocked?: (vaultId: SessionId) => void
  /**
   * After a master-password unlock far under the calibration target, calibrate again and re-tune
   * the slot when it is clearly too cheap (vaults made on a busy machine). Off where the
   * composition root fixes the Argon2id parameters (tests, the browser harness).
   */
  retuneFastSlots?: boolean
}

export class VaultSessions {
  #sessions = new Map<SessionId, Session>()
  /** Vaults whose password slot was checked for a re-tune in this run (by vault uuid). */
  #retuneTried = new Set<string>()
  #options: VaultSessionsOptions
  #now: () => number

  constructor(options: VaultSessionsOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
  }

  list(): VaultInfo[] {
    return [...this.#sessions.values()].map(info)
  }

  info(id: SessionId): VaultInfo {
    return info(this.#session(id))
  }

  /** Opens a vault file locked (or returns its session if it is already open). */
  open(path: string): VaultInfo {
    const full = resolve(path)
    const existing = this.#byPath(full)
    if (existing) return info(existing)
    const locked = this.#options.backend.open(full)
    let header: VaultHeader
    try {
      header = locked.header
    } finally {
      locked.close()
    }
    this.#refuseSecondCopy(header, null)
    const session: Session = {
      id: randomUUID() as SessionId,
      path: full,
      header,
      vault: null,
      notices: [],
      settled: new Set(),
      unlocking: null,
      lockRequests: 0,
    }
    this.#sessions.set(session.id, session)
    this.#options.settings.touchRecent(full, header.name, this.#now())
    this.#changed()
    return info(session)
  }

  /** Creates a vault file and keeps it open, unlocked. */
  async create(path: string, name: string, password: string): Promise<VaultInfo> {
    const full = resolve(path)
    if (this.#byPath(full))
      throw new CairnError('FILE_EXISTS', `${basename(full)} is already open.`)
    const vault = await this.#options.backend.create(full, { name, password })
    const session: Session = {
      id: randomUUID() as SessionId,
      path: full,
      header: vault.header,
      vault,
      notices: [],
      settled: new Set(),
      unlocking: null,
      lockRequests: 0,
    }
    this.#sessions.set(session.id, session)
    this.#options.settings.touchRecent(full, vault.header.name, this.#now())
    this.#options.onUnlocked?.(session.id)
    this.#changed()
    return info(session)
  }

  /**
   * Throws WRONG_PASSWORD (and leaves the session locked) when the password does not fit. A lock
   * requested while Argon2id runs wins: the vault stays locked and the result says so.
   */
  async unlock(id: SessionId, password: string): Promise<VaultInfo> {
    return this.unlockWith(id, { kind: 'password', password })
  }

  /** Unlocks with any credential: a password, a recovery key or a one-time code (used up). */
  async unlockWith(id: SessionId, credential: Credential): Promise<VaultInfo> {
    const session = this.#session(id)
    let waited = false
    for (;;) {
      if (this.#sessions.get(id) !== session) {
        throw new CairnError('NOT_FOUND', 'That vault was closed.') // while we waited our turn
      }
      if (session.vault && !waited) return info(session)
      const running = session.unlocking
      if (!running) break
      // A second click with the same password waits for the first derivation; another password
      // waits its turn and is then checked on its own: it never shares the first one's success.
      if (sameCredential(running.credential, credential)) return running.done
      await running.done.catch(() => {})
      waited = true
    }
    const done = this.#unlockSession(session, credential).finally(() => {
      if (session.unlocking?.done === done) session.unlocking = null
    })
    session.unlocking = { credential, done }
    return done
  }

  async #unlockSession(session: Session, credential: Credential): Promise<VaultInfo> {
    const lockRequests = session.lockRequests
    const started = performance.now()
    const vault = await this.#unlockFile(session.path, credential)
    const stillWanted = () =>
      session.lockRequests === lockRequests && this.#sessions.get(session.id) === session
    const retune = await this.#retune(vault, credential, performance.now() - started, stillWanted)
    // Reading the slot list now makes the core report slot rows it refuses with this unlock.
    vault.slots()
    const overtaken =
      session.lockRequests !== lockRequests || this.#sessions.get(session.id) !== session
    if (overtaken || session.vault) {
      // Locked or closed meanwhile (or already unlocked): don't keep a second handle.
      vault.lock()
      return info(session)
    }
    try {
      this.#refuseSecondCopy(vault.header, session) // the file was replaced by another copy
    } catch (error) {
      vault.lock()
      throw error
    }
    session.vault = vault
    session.notices = retune.notices
    session.settled = new Set()
    // The slot the core found below the floor has just been replaced.
    if (retune.retuned) this.#settle(session, 'change-password')
    session.header = vault.header
    this.#options.settings.touchRecent(session.path, vault.header.name, this.#now())
    this.#options.onUnlocked?.(session.id)
    this.#changed()
    return info(session)
  }

  /**
   * Runs before the session is handed out, so no password change in this app can happen
   * meanwhile (one made elsewhere is caught by the core: the slot must still be live). A lock
   * requested while it calibrates wins; each vault is tried once per run of the app. A failed
   * re-tune leaves the slot as it was: the unlock itself succeeded.
   */
  async #retune(
    vault: ManagedVault,
    credential: Credential,
    unlockMs: number,
    stillWanted: () => boolean,
  ): Promise<{ notices: string[]; retuned: boolean }> {
    const uuid = vault.header.vaultUuid
    if (!this.#options.retuneFastSlots || credential.kind !== 'password') {
      return { notices: [], retuned: false }
    }
    if (unlockMs >= RETUNE_BELOW_MS || this.#retuneTried.has(uuid)) {
      return { notices: [], retuned: false }
    }
    this.#retuneTried.add(uuid)
    try {
      const retuned = await retuneFastPasswordSlot(vault, credential.password, unlockMs, {
        stillWanted,
      })
      return { notices: retuned ? [retuned.notice] : [], retuned: retuned !== null }
    } catch (error) {
      if (!isCairnError(error)) throw error
      return {
        notices: [`The master-password slot could not be re-tuned: ${error.message}`],
        retuned: false,
      }
    }
  }

  async #unlockFile(path: string, credential: Credential): Promise<ManagedVault> {
    const locked = this.#options.backend.open(path)
    try {
      return await locked.unlock(credential)
    } catch (error) {
      locked.close()
      throw error
    }
  }

  /** The session's current notices that `action` answered are not shown again. */
  settleNotices(id: SessionId, action: NonNullable<VaultNotice['action']>): void {
    this.#settle(this.#session(id), action)
    this.#changed()
  }

  #settle(session: Session, action: NonNullable<VaultNotice['action']>): void {
    const texts = session.vault ? [...session.vault.notices(), ...session.notices] : []
    for (const text of texts) {
      if (vaultNotices([text])[0]!.action === action) session.settled.add(text)
    }
  }

  lock(id: SessionId): VaultInfo {
    const session = this.#session(id)
    session.lockRequests++
    if (session.vault) {
      this.#lockSession(session)
      this.#options.onLocked?.()
      this.#changed()
    }
    return info(session)
  }

  lockAll(): VaultInfo[] {
    let any = false
    for (const session of this.#sessions.values()) {
      session.lockRequests++
      if (session.vault) {
        this.#lockSession(session)
        any = true
      }
    }
    if (any) {
      this.#options.onLocked?.()
      this.#changed()
    }
    return this.list()
  }

  /** Locks (if needed) and removes the vault from the sidebar. */
  close(id: SessionId): VaultInfo[] {
    const session = this.#session(id)
    session.lockRequests++
    const wasUnlocked = session.vault !== null
    if (wasUnlocked) this.#lockSession(session)
    this.#sessions.delete(id)
    if (wasUnlocked) this.#options.onLocked?.()
    this.#changed()
    return this.list()
  }

  /** Locks and forgets every session (app quit, harness reset). */
  closeAll(): void {
    for (const id of [...this.#sessions.keys()]) this.close(id)
  }

  /** The open vault of session `id`; LOCKED when it is locked. */
  unlocked(id: SessionId): ManagedVault {
    const session = this.#session(id)
    if (!session.vault) throw new CairnError('LOCKED', `${session.header.name} is locked.`)
    return session.vault
  }

  /** The session holding the vault with this permanent id (for cross-vault links). */
  findByVaultUuid(vaultUuid: VaultUuid): VaultInfo | null {
    for (const session of this.#sessions.values()) {
      if (session.header.vaultUuid === vaultUuid) return info(session)
    }
    return null
  }

  // Two copies of one vault (a backup beside the original) share its permanent id: with both
  // open, a cross-vault link could not say which copy it means. One copy at a time.
  #refuseSecondCopy(header: VaultHeader, self: Session | null): void {
    for (const other of this.#sessions.values()) {
      if (other === self || other.header.vaultUuid !== header.vaultUuid) continue
      throw new CairnError(
        'CONFLICT',
        `This vault is already open as “${other.header.name}” (${basename(other.path)}). ` +
          'Close it first to open this copy.',
      )
    }
  }

  #lockSession(session: Session): void {
    if (session.vault) {
      try {
        this.#options.beforeLock?.(session.id)
      } catch (error) {
        // Locking must never fail: a hook's problem is logged, the keys are dropped regardless.
        console.error(
          'Cairn: before-lock hook failed:',
          error instanceof Error ? error.message : error,
        )
      }
    }
    const vault = session.vault
    session.vault = null
    vault?.lock()
  }

  #session(id: SessionId): Session {
    const session = this.#sessions.get(id)
    if (!session) throw new CairnError('NOT_FOUND', 'That vault is not open.')
    return session
  }

  #byPath(path: string): Session | undefined {
    for (const session of this.#sessions.values()) if (session.path === path) return session
    return undefined
  }

  #changed(): void {
    this.#options.events.emit({ type: 'vaults-changed' })
  }
}

/** Compares in constant time (lengths aside), as password comparisons should. */
function secretOf(c: Credential): string {
  return c.kind === 'password' ? c.password : c.kind === 'recovery-key' ? c.key : c.code
}

function sameCredential(a: Credential, b: Credential): boolean {
  if (a.kind !== b.kind) return false
  const x = Buffer.from(secretOf(a), 'utf8')
  const y = Buffer.from(secretOf(b), 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

function info(session: Session): VaultInfo {
  return {
    id: session.id,
    vaultUuid: session.header.vaultUuid as VaultUuid,
    name: session.header.name,
    path: session.path,
    fileName: basename(session.path),
    state: session.vault ? 'unlocked' : 'locked',
    notices: session.vault
      ? vaultNotices(
          [...session.vault.notices(), ...session.notices].filter((t) => !session.settled.has(t)),
        )
      : [],
  }
}
