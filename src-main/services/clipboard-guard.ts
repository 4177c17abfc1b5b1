// Copies secrets to the clipboard and clears them after a configurable time, but only when the
// clipboard still holds what Cairn wrote: something the user copied since is left alone. Only a
// hash of the written text is kept, so no extra copy of the secret lingers in memory.
import { createHash, timingSafeEqual } from 'node:crypto'
import { CairnError } from '../core/errors.ts'
import type { ClipboardPort } from './clipboard-port.ts'

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms)
    // A pending clear must not keep a CLI or test process alive.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30

export interface ClipboardGuardOptions {
  port: ClipboardPort
  /** Read at every copy, so a settings change applies to the next one. 0 = never clear. */
  clearAfterSeconds: () => number
  now?: () => number
  timers?: Timers
  /** Called after Cairn cleared the clipboard. */
  onCleared?: () => void
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

export class ClipboardGuard {
  #options: ClipboardGuardOptions
  #timers: Timers
  #now: () => number
  #written: Buffer | null = null
  #timer: unknown = null
  #clearsAt: number | null = null

  constructor(options: ClipboardGuardOptions) {
    this.#options = options
    this.#timers = options.timers ?? realTimers
    this.#now = options.now ?? Date.now
  }

  /** Unix ms when the pending clear runs, or null when none is pending. */
  get clearsAt(): number | null {
    return this.#clearsAt
  }

  async copy(text: string): Promise<{ clearsAt: number | null }> {
    if (text === '') throw new CairnError('INVALID_ARGUMENT', 'There is nothing to copy.')
    this.#cancelTimer()
    await this.#options.port.writeText(text, { secret: true })
    this.#written = digest(text)
    const seconds = this.#options.clearAfterSeconds()
    if (seconds > 0) {
      this.#clearsAt = this.#now() + seconds * 1000
      this.#timer = this.#timers.setTimeout(() => void this.clearIfOurs(), seconds * 1000)
    }
    return { clearsAt: this.#clearsAt }
  }

  /** Clears the clipboard if it still holds the last text Cairn wrote (on timeout, lock, quit). */
  async clearIfOurs(): Promise<boolean> {
    this.#cancelTimer()
    const written = this.#written
    if (!written) return false
    this.#written = null
    const current = digest(await this.#options.port.readText())
    if (!timingSafeEqual(current, written)) return false
    await this.#options.port.clear()
    this.#options.onCleared?.()
    return true
  }

  /** Stops the pending timer without touching the clipboard. */
  dispose(): void {
    this.#cancelTimer()
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer)
    this.#timer = null
    this.#clearsAt = null
  }
}
