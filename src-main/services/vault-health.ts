// The health view's report: every unlocked vault checked together by the core, each finding
// turned into what the renderer may see (session ids, titles and reasons, never a secret).
// Strength estimates take milliseconds a password, so they are kept between reports (the view asks
// again after every edit) under a keyed hash of the password, never the password itself, and
// forgotten when every vault locks; the check pauses now and then so main keeps answering.
import { createHmac, randomBytes } from 'node:crypto'
import { setImmediate } from 'node:timers/promises'
import type { HealthReport } from '../../src-shared/ipc-contract.ts'
import { estimateStrength } from '../core/generate/password-strength.ts'
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
}

export class VaultHealth {
  #o: VaultHealthOptions
  #now: () => number
  #ratings = new Map<string, PasswordRating>()
  #hashKey = randomBytes(32)
  #queue: Promise<unknown> = Promise.resolve()

  constructor(options: VaultHealthOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    options.events.subscribe((event) => {
      if (event.type === 'locked') this.#forget()
    })
  }

  /** A new map and key: a check still running writes into the old map, which nothing reads. */
  #forget(): void {
    this.#ratings = new Map()
    this.#hashKey = randomBytes(32)
  }

  #rater(): (password: string, hints: string[]) => PasswordRating {
    const ratings = this.#ratings
    const hashKey = this.#hashKey
    return (password, hints) => {
      const key = createHmac('sha256', hashKey)
        .update(JSON.stringify([password, hints]))
        .digest('base64')
      const kept = ratings.get(key)
      if (kept) return kept
      const { score, label, crackTime } = estimateStrength(password, hints)
      if (ratings.size >= MAX_KEPT_RATINGS) ratings.clear()
      ratings.set(key, { score, label, crackTime })
      return { score, label, crackTime }
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
      { now: this.#now(), rate: this.#rater(), pause: () => setImmediate() },
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
