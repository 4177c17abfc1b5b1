// What an agent serves: the vaults it answers for. The `cairn` agent process holds the vaults
// `cairn unlock` gave it (held-vaults.ts); the desktop app, when the person turns it on, serves
// the vaults unlocked in its window instead (src-main/services/app-agent-vaults.ts).
import type { UnlockedVaultFile } from '../../core/vault/unlocked-vault-file.ts'
import type { AgentRequest, HeldVaultStatus } from './agent-protocol.ts'

export interface AgentVaults {
  /** Who answers: shown by `cairn status`. */
  readonly host: 'agent' | 'app'
  /** The vault at this real path for one request (its keys checked first), if served. */
  use(realPath: string): UnlockedVaultFile | undefined
  statuses(): HeldVaultStatus[]
  /** Locks the vault at this real path, or every one (null); returns the paths locked. */
  lock(realPath: string | null): string[]
  unlock(request: Extract<AgentRequest, { op: 'unlock' }>): Promise<HeldVaultStatus>
  /** Every vault checks that its keys are those it was unlocked with (before an overview). */
  checkAll(): void
  /** A command ran on the vault at this real path (it may have changed it). */
  ran?(realPath: string): void
}
