// Decides when Cairn locks by itself: after a stretch without keyboard or mouse input anywhere on
// the system, when the machine suspends, and when the screen locks. Screen-lock events exist on
// macOS and Windows only; Linux gets the same effect from polling the system idle state, which
// reports 'locked' while a screen locker runs. No Electron here: the adapter feeds the probe.
import type { LockReason } from '../../src-shared/ipc-contract.ts'

export type AutoLockReason = Extract<LockReason, 'idle' | 'suspend' | 'screen-lock'>

export interface AutoLockSettings {
  /** Lock after this many minutes without input anywhere on the system; 0 = never. */
  idleMinutes: number
  lockOnSuspend: boolean
  lockOnScreenLock: boolean
}

export interface IdleProbe {
  /** Seconds since the last keyboard or mouse input anywhere on the system. */
  idleSeconds(): number
  /** 'locked' while the screen is locked, where the platform can tell. */
  idleState(thresholdSeconds: number): 'active' | 'idle' | 'locked' | 'unknown'
}

export interface AutoLockOptions {
  probe: IdleProbe
  /** Read at every sample and event, so a settings change applies at once. */
  settings: () => AutoLockSettings
  /** Locks every vault; called once per idle stretch, suspend or screen lock. */
  lock(reason: AutoLockReason): void | Promise<void>
  /** A failed lock must be visible somewhere; it never carries secrets. */
  onError?(error: unknown): void
  /** How often idle time and screen state are sampled. */
  pollIntervalMs?: number
}

export const DEFAULT_POLL_INTERVAL_MS = 5_000

/** A nonsensical limit (negative, NaN) means "never" rather than "at once". */
function idleLimitSeconds(minutes: number): number {
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60 : 0
}

export class AutoLock {
  readonly #probe: IdleProbe
  readonly #lock: AutoLockOptions['lock']
  readonly #onError: (error: unknown) => void
  readonly #pollIntervalMs: number
  readonly #settings: () => AutoLockSettings
  #timer: ReturnType<typeof setInterval> | null = null
  // One lock per episode: an idle stretch or a locked screen locks once, not on every sample.
  #idleEpisode = false
  #screenEpisode = false

  constructor(options: AutoLockOptions) {
    this.#probe = options.probe
    this.#lock = options.lock
    this.#onError = options.onError ?? (() => {})
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
    this.#settings = options.settings
  }

  get running(): boolean {
    return this.#timer !== null
  }

  start(): void {
    if (this.#timer !== null) return
    this.#timer = setInterval(() => this.sample(), this.#pollIntervalMs)
    // Polling must never keep a quitting app alive.
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
  }

  /** The system is going to sleep. */
  suspended(): void {
    if (this.#read()?.lockOnSuspend) this.#fire('suspend')
  }

  /** The platform reported a screen lock (macOS and Windows 'lock-screen'). */
  screenLocked(): void {
    if (!this.#read()?.lockOnScreenLock || this.#screenEpisode) return
    this.#screenEpisode = true
    this.#fire('screen-lock')
  }

  /** One look at idle time and screen state; the timer calls it, tests may too. */
  sample(): void {
    const settings = this.#read()
    if (!settings) return
    const limit = idleLimitSeconds(settings.idleMinutes)
    const { lockOnScreenLock } = settings
    let state: ReturnType<IdleProbe['idleState']>
    let idle: number
    try {
      state = this.#probe.idleState(Math.max(1, limit))
      idle = this.#probe.idleSeconds()
    } catch (error) {
      this.#onError(error)
      return
    }
    let firedNow = false
    if (state === 'locked') {
      if (lockOnScreenLock && !this.#screenEpisode) {
        this.#screenEpisode = true
        firedNow = true
        this.#fire('screen-lock')
      }
    } else {
      this.#screenEpisode = false
    }
    if (limit > 0 && idle >= limit) {
      if (!this.#idleEpisode) {
        this.#idleEpisode = true
        // A locked screen usually means idle too: one lock per sample is enough.
        if (!firedNow) this.#fire('idle')
      }
    } else {
      this.#idleEpisode = false
    }
  }

  #read(): AutoLockSettings | null {
    try {
      return this.#settings()
    } catch (error) {
      this.#onError(error)
      return null
    }
  }

  #fire(reason: AutoLockReason): void {
    try {
      const result = this.#lock(reason)
      if (result instanceof Promise) result.catch((error: unknown) => this.#onError(error))
    } catch (error) {
      this.#onError(error)
    }
  }
}
