// The health view's report: every unlocked vault checked together by the core, each finding
// turned into what the renderer may see (session ids, titles and reasons, never a secret).
// Strength estimates take milliseconds a password, so they run on a pool of worker threads (main
// keeps answering; progress goes out as events) and are kept between reports (the view asks again
// after every edit) under a keyed hash of the password, never the password itself. When every
// vault locks, the ratings are forgotten and the workers end.
import { createHmac, randomBytes } from 'node:crypto'
import type { HealthReport } from '../../src-shared/ipc-contract.ts'
import {
  RatingPool,
  type RatingRequest,
  type RatingWorkerFactory,
} from '../core/health/rating-pool.ts'
import { checkVaultHealth, type PasswordRating } from '../core/health/vault-health.ts'
import type { EventBus } from './event-bus.ts'
import type { SessionId } from '../../src-shared/ids.ts'
import type { VaultSessions } from './vault-sessions.ts'

/** More ratings than any vault needs; past it the cache starts afresh. */
const MAX_KEPT_RATINGS = 50_000

export interface VaultHealthOptions {
  sessions: VaultSessions
  events: EventBus
  /** When a vault was last backed up (by hand or automatically); null when never. */
  lastBackupAt: (vaultId: SessionId) => number | null
  now?: () => number
  /** The rating worker's entry (default: the core's .ts file, as Node runs it). */
  createRatingWorker?: RatingWorkerFactory
}

export class VaultHealth {
  #o: VaultHealthOptions
  #now: () => number
  #ratings = new Map<string, PasswordRating>()
  #hashKey = randomBytes(32)
  #queue: Promise<unknown> = Promise.resolve()
  readonly #pool: RatingPool

  constructor(options: VaultHealthOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    this.#pool = new RatingPool(
      options.createRatingWorker ? { createWorker: options.createRatingWorker } : {},
    )
    options.events.subscribe((event) => {
      const unlocked = () => options.sessions.list().some((v) => v.state === 'unlocked')
      if (event.type === 'locked' || (event.type === 'vaults-changed' && !unlocked())) {
        this.#forget()
      }
    })
  }

  /** Worker threads currently started (they end when every vault locks). */
  get ratingWorkers(): number {
    return this.#pool.workers
  }

  /**
   * A new map and key (a check still running writes into the old map, which nothing reads), and
   * the workers end: they held passwords in memory.
   */
  #forget(): void {
    this.#ratings = new Map()
    this.#hashKey = randomBytes(32)
    if (this.#pool.workers > 0) void this.#pool.close()
  }

  /** Rates what no earlier report rated, on the pool; the others come from the kept ratings. */
  #rateAll(): (
    requests: RatingRequest[],
    onProgress: (done: number, total: number) => void,
  ) => Promise<PasswordRating[]> {
    const ratings = this.#ratings
    const hashKey = this.#hashKey
    return async (requests, onProgress) => {
      const keys = requests.map(({ password, hints }) =>
        createHmac('sha256', hashKey)
          .update(JSON.stringify([password, hints]))
          .digest('base64'),
      )
      // Each password not yet rated goes to the pool once, however many logins share it.
      const toRate = new Map<string, RatingRequest>()
      keys.forEach((key, k) => {
        if (!ratings.has(key) && !toRate.has(key)) toRate.set(key, requests[k]!)
      })
      const unrated = keys.filter((key) => !ratings.has(key)).length
      const kept = requests.length - unrated
      const fresh = await this.#pool.rate([...toRate.values()], (done, total) =>
        onProgress(kept + Math.round((done / total) * unrated), requests.length),
      )
      const found = new Map([...toRate.keys()].map((key, k) => [key, fresh[k]!] as const))
      const answer = keys.map((key) => found.get(key) ?? ratings.get(key)!)
      if (ratings.size + found.size > MAX_KEPT_RATINGS) ratings.clear()
      for (const [key, rating] of found) ratings.set(key, rating)
      return answer
    }
  }

  /**
   * One check at a time: a report asked for while another runs (the view asks after every edit)
   * waits for it, then finds most ratings already made.
   */
  report(): Promise<HealthReport> {
    const next = this.#queue.then(
      () => this.#report(),
      () => this.#report(),
    )
    this.#queue = next.catch(() => undefined)
    return next
  }

  async #report(): Promise<HealthReport> {
    const open = this.#o.sessions.list()
    const unlocked = open
      .filter((v) => v.state === 'unlocked')
      .map((v) => ({
        info: v,
        vault: this.#o.sessions.unlocked(v.id),
        lastBackupAt: this.#o.lastBackupAt(v.id),
      }))
    const report = await checkVaultHealth(
      unlocked.map(({ info, vault, lastBackupAt }) => ({
        vaultUuid: info.vaultUuid,
        name: info.name,
        items: vault.list().items,
        lastBackupAt,
      })),
      {
        now: this.#now(),
        rateAll: this.#rateAll(),
        onProgress: (done, total) =>
          this.#o.events.emit({
            type: 'progress',
            vaultId: null,
            progress: { operation: 'health', phase: 'rating', done, total },
          }),
      },
    )
    const byUuid = new Map(unlocked.map(({ info }) => [info.vaultUuid as string, info]))
    return {
      findings: report.findings.map((f) => {
        const vault = byUuid.get(f.vaultUuid)!
        return {
          vaultId: vault.id,
          vaultName: vault.name,
          itemId: f.itemId,
          kind: f.kind,
          title: f.title,
          reason: f.reason,
          detail: f.detail,
          score: f.score,
        }
      }),
      vaults: unlocked.map(({ info, lastBackupAt }) => ({
        vaultId: info.id,
        name: info.name,
        lastBackupAt,
      })),
      lockedVaults: open
        .filter((v) => v.state === 'locked')
        .map((v) => ({ vaultId: v.id, name: v.name })),
      checked: report.checked,
    }
  }
}
