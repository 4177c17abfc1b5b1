// The health view's report: every unlocked vault checked together by the core, each finding
// turned into what the renderer may see (session ids, titles and reasons, never a secret).
import type { HealthReport } from '../../src-shared/ipc-contract.ts'
import { checkVaultHealth } from '../core/health/vault-health.ts'
import type { SessionId } from '../../src-shared/ids.ts'
import type { VaultSessions } from './vault-sessions.ts'

export interface VaultHealthOptions {
  sessions: VaultSessions
  /** When a vault was last backed up (by hand or automatically); null when never. */
  lastBackupAt: (vaultId: SessionId) => number | null
  now?: () => number
}

export class VaultHealth {
  #o: VaultHealthOptions
  #now: () => number

  constructor(options: VaultHealthOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  report(): HealthReport {
    const open = this.#o.sessions.list()
    const unlocked = open
      .filter((v) => v.state === 'unlocked')
      .map((v) => ({
        info: v,
        vault: this.#o.sessions.unlocked(v.id),
        lastBackupAt: this.#o.lastBackupAt(v.id),
      }))
    const report = checkVaultHealth(
      unlocked.map(({ info, vault, lastBackupAt }) => ({
        vaultUuid: info.vaultUuid,
        name: info.name,
        items: vault.list().items,
        lastBackupAt,
      })),
      { now: this.#now() },
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
