// Decides when Cairn locks by itself: after a stretch without keyboard or mouse input anywhere on
// the system, when the machine suspends, and when the screen locks. Screen-lock events exist on
// macOS and Windows only; Linux gets the same effect from polling the system idle state, which
// reports 'locked' while a screen locker runs. No Electron here: the adapter feeds the probe.
import { CairnError } from '../core/errors.ts'
import type { AutoLockSettings, LockReason } from '../../src-shared/shell-contract.ts'

export type AutoLockReason = Extract<LockReason, 'idle' | 'suspend' | 'screen-lock'>

export interface IdleProbe {
  /** Seconds since the last keyboard or mouse input anywhere on the system. */
  idleSeconds(): number
  /** 'locked' while the screen is locked, where the platform can tell. */
  idleState(thresholdSeconds: number): 'active' | 'idle' | 'locked' | 'unknown'
}

export interface AutoLockOptions {
  probe: IdleProbe
  settings: AutoLockSettings
  /** Locks every vault; called once per idle stretch, suspend or screen lock. */
  lock(reason: AutoLockReason): void | Promise<void>
  /** A failed lock must be visible somewhere; it never carries secrets. */
  onError?(error: unknown): void
  /** How often idle time and screen state are sampled. */
  pollIntervalMs?: number
}

export const DEFAULT_AUTO_LOCK_SETTINGS: AutoLockSettings = {
  idleMinutes: 5,
  lockOnSuspend: true,
  lockOnScreenLock: true,
}

export const DEFAULT_POLL_INTERVAL_MS = 5_000
const MAX_IDLE_MINUTES = 24 * 60

export function validateAutoLockSettings(value: unknown): AutoLockSettings {
  const v = value as Partial<Record<keyof AutoLockSettings, unknown>> | null
  if (typeof v !== 'object' || v === null) {
    throw new CairnError('INVALID_ARGUMENT', 'Auto-lock settings must be an object.')
  }
  const { idleMinutes, lockOnSuspend, lockOnScreenLock } = v
  if (
    typeof idleMinutes !== 'number' ||
    !Number.isInteger(idleMinutes) ||
    idleMinutes < 0 ||
    idleMinutes > MAX_IDLE_MINUTES
  ) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Idle minutes must be a whole number from 0 (never) to ${MAX_IDLE_MINUTES}.`,
    )
  }
  if (typeof lockOnSuspend !== 'boolean' || typeof lockOnScreenLock !== 'boolean') {
    throw new CairnError(
      'INVALID_ARGUMENT',
      'Lock on suspend and on screen lock must be true or false.',
    )
  }
  return { idleMinutes, lockOnSuspend, lockOnScreenLock }
}

export class AutoLock {
  readonly #probe: IdleProbe
  readonly #lock: AutoLockOptions['lock']
  readonly #onError: (error: unknown) => void
  readonly #pollIntervalMs: number
  #settings: AutoLockSettings
  #timer: ReturnType<typeof setInterval> | null = null
  // One lock per episode: an idle stretch or a locked screen locks once, not on every sample.
  #idleEpisode = false
  #screenEpisode = false

  constructor(options: AutoLockOptions) {
    this.#probe = options.probe
    this.#lock = options.lock
    this.#onError = options.onError ?? (() => {})
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
    this.#settings = validateAutoLockSettings(options.settings)
  }

  get settings(): AutoLockSettings {
    return { ...this.#settings }
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

  updateSettings(settings: AutoLockSettings): AutoLockSettings {
    this.#settings = validateAutoLockSettings(settings)
    // A shorter limit applies to the current stretch at the next sample, not retroactively now.
    this.#idleEpisode = false
    return this.settings
  }

  /** The system is going to sleep. */
  suspended(): void {
    if (this.#settings.lockOnSuspend) this.#fire('suspend')
  }

  /** The platform reported a screen lock (macOS and Windows 'lock-screen'). */
  screenLocked(): void {
    if (!this.#settings.lockOnScreenLock || this.#screenEpisode) return
    this.#screenEpisode = true
    this.#fire('screen-lock')
  }

  /** One look at idle time and screen state; the timer calls it, tests may too. */
  sample(): void {
    const { idleMinutes, lockOnScreenLock } = this.#settings
    let state: ReturnType<IdleProbe['idleState']>
    let idle: number
    try {
      state = this.#probe.idleState(Math.max(1, idleMinutes * 60))
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
    if (idleMinutes > 0 && idle >= idleMinutes * 60) {
      if (!this.#idleEpisode) {
        this.#idleEpisode = true
        // A locked screen usually means idle too: one lock per sample is enough.
        if (!firedNow) this.#fire('idle')
      }
    } else {
      this.#idleEpisode = false
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
