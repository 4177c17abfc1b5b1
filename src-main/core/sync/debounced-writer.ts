// A burst of edits makes one device-file write: each change restarts a short timer, and a
// pending write can be flushed at once (before the vault locks or the app quits).
export class DebouncedWriter {
  #timer: ReturnType<typeof setTimeout> | null = null
  readonly #write: () => void
  readonly #delayMs: number

  constructor(write: () => void, delayMs = 2000) {
    this.#write = write
    this.#delayMs = delayMs
  }

  get pending(): boolean {
    return this.#timer !== null
  }

  /** A change happened: write once things are quiet for the delay. */
  changed(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.flush(), this.#delayMs)
    this.#timer.unref?.()
  }

  /** Writes now if a write is pending. */
  flush(): void {
    if (!this.#timer) return
    clearTimeout(this.#timer)
    this.#timer = null
    this.#write()
  }

  /** Drops a pending write (the caller flushes first if it wants it). */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}
