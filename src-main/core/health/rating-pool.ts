// Password ratings on a small pool of worker threads: a strength estimate takes milliseconds, a
// vault holds thousands of logins, and neither Electron's main process nor the CLI's event loop
// should stop for that long. Batches go to whichever worker is free; results come back in the order
// asked. A worker that fails ends the whole run with a CairnError and no ratings at all, so no
// report is ever built from part of the passwords. Idle workers keep their dictionaries loaded
// (about a second to build) until close(), and never keep a process alive.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { CairnError } from '../errors.ts'
import type { RatingAnswer, RatingBatch, RatingRequest } from './rating-protocol.ts'
import type { PasswordRating } from './vault-health.ts'

export type { RatingRequest }

/** Creates a worker running rating-worker.ts (or a bundler's equivalent entry). */
export type RatingWorkerFactory = () => Worker

export const defaultRatingWorkerFactory: RatingWorkerFactory = () =>
  new Worker(new URL('./rating-worker.ts', import.meta.url))

/**
 * Each worker holds its own dictionaries and index (about 150 MB), so the pool stays small
 * whatever the core count.
 */
export const MAX_POOL_SIZE = 3

/** One core stays free for the thread that asked (and the window it serves). */
export function defaultPoolSize(): number {
  return Math.min(MAX_POOL_SIZE, Math.max(1, availableParallelism() - 1))
}

/**
 * Another worker starts only while this many batches wait: a worker takes about a second to
 * build its dictionaries, longer than a few batches take to rate on the ones already running.
 */
const BATCHES_WORTH_A_WORKER = 4

/** Small enough that progress moves several times a second, large enough to keep messages few. */
const BATCH_SIZE = 16

export interface RatingPoolOptions {
  size?: number
  createWorker?: RatingWorkerFactory
}

/** Called after each batch: how many of the run's passwords are rated. */
export type RatingProgress = (done: number, total: number) => void

interface Run {
  ratings: PasswordRating[]
  done: number
  total: number
  onProgress: RatingProgress | undefined
  resolve: (ratings: PasswordRating[]) => void
  reject: (error: Error) => void
}

interface Batch {
  run: Run
  offset: number
  requests: RatingRequest[]
}

interface Slot {
  worker: Worker
  /** The batch it is rating, null while idle. */
  batch: (Batch & { id: number }) | null
}

export class RatingPool {
  readonly size: number
  readonly #createWorker: RatingWorkerFactory
  #slots: Slot[] = []
  #queue: Batch[] = []
  #runs = new Set<Run>()
  #nextId = 1

  constructor(options: RatingPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()))
    this.#createWorker = options.createWorker ?? defaultRatingWorkerFactory
  }

  /** Rates every request; the ratings are in the order of the requests. */
  rate(requests: readonly RatingRequest[], onProgress?: RatingProgress): Promise<PasswordRating[]> {
    if (requests.length === 0) return Promise.resolve([])
    return new Promise<PasswordRating[]>((resolve, reject) => {
      const run: Run = {
        ratings: new Array<PasswordRating>(requests.length),
        done: 0,
        total: requests.length,
        onProgress,
        resolve,
        reject,
      }
      this.#runs.add(run)
      for (let offset = 0; offset < requests.length; offset += BATCH_SIZE) {
        const slice = requests.slice(offset, offset + BATCH_SIZE)
        this.#queue.push({ run, offset, requests: slice.map((r) => ({ ...r })) })
      }
      this.#dispatch()
    })
  }

  /** Workers currently started (idle ones included). */
  get workers(): number {
    return this.#slots.length
  }

  /** Stops every worker; runs still going fail. A later rate() starts new workers. */
  async close(): Promise<void> {
    const slots = this.#slots
    this.#slots = []
    this.#failAll(new CairnError('BUSY', 'Rating passwords was stopped: every vault was locked.'))
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const idle = this.#slots.find((s) => s.batch === null)
      const worthIt = this.#slots.length === 0 || this.#queue.length >= BATCHES_WORTH_A_WORKER
      const slot = idle ?? (worthIt ? this.#startWorker() : null)
      if (!slot) return
      const batch = this.#queue.shift()!
      const id = this.#nextId++
      slot.batch = { ...batch, id }
      slot.worker.ref()
      const message: RatingBatch = { id, requests: batch.requests }
      slot.worker.postMessage(message)
    }
  }

  #startWorker(): Slot | null {
    if (this.#slots.length >= this.size) return null
    const worker = this.#createWorker()
    const slot: Slot = { worker, batch: null }
    worker.on('message', (answer: RatingAnswer) => this.#answered(slot, answer))
    worker.on('error', () => this.#crashed(slot))
    worker.on('exit', () => this.#crashed(slot))
    worker.unref()
    this.#slots.push(slot)
    return slot
  }

  #answered(slot: Slot, answer: RatingAnswer): void {
    const batch = slot.batch
    if (!batch || batch.id !== answer.id) return
    if (!answer.ok || answer.ratings.length !== batch.requests.length) {
      this.#crashed(slot)
      return
    }
    slot.batch = null
    // An idle worker must not keep the process alive.
    slot.worker.unref()
    const { run } = batch
    if (this.#runs.has(run)) {
      answer.ratings.forEach((rating, k) => (run.ratings[batch.offset + k] = rating))
      run.done += answer.ratings.length
      run.onProgress?.(run.done, run.total)
      if (run.done === run.total) {
        this.#runs.delete(run)
        run.resolve(run.ratings)
      }
    }
    this.#dispatch()
  }

  /**
   * A worker that died, failed a batch or answered nonsense: every run fails whole (no partial
   * report) and every worker is stopped, so the next check starts afresh.
   */
  #crashed(slot: Slot): void {
    if (!this.#slots.includes(slot)) return
    const slots = this.#slots
    this.#slots = []
    this.#failAll(
      new CairnError(
        'IO_ERROR',
        'Rating passwords failed: a worker thread stopped unexpectedly. Run the check again.',
      ),
    )
    for (const s of slots) void s.worker.terminate()
  }

  #failAll(error: CairnError): void {
    const runs = [...this.#runs]
    this.#runs.clear()
    this.#queue = []
    for (const s of this.#slots) s.batch = null
    for (const run of runs) run.reject(error)
  }
}
