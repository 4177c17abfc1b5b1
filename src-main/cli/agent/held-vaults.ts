// The vaults the `cairn` agent process holds: unlocked by `cairn unlock`, each with its own lock
// timers and key watch (HeldVault). Told when the last one locks, so the process can exit.
import { realpathSync } from 'node:fs'
import { CairnError } from '../../core/errors.ts'
import { needsNewPassword } from '../../core/recovery/recovery-keys.ts'
import type { UnlockedVaultFile } from '../../core/vault/unlocked-vault-file.ts'
import { openVault } from '../../core/vault/vault-file.ts'
import { warmIndex } from '../item-lookup.ts'
import type { AgentRequest, HeldVaultStatus } from './agent-protocol.ts'
import type { AgentVaults } from './agent-vaults.ts'
import { HeldVault } from './held-vault.ts'

export class HeldVaults implements AgentVaults {
  readonly host = 'agent'
  readonly #held = new Map<string, HeldVault>()
  readonly #onEmpty: () => void

  constructor(onEmpty: () => void) {
    this.#onEmpty = onEmpty
  }

  get size(): number {
    return this.#held.size
  }

  use(realPath: string): UnlockedVaultFile | undefined {
    return this.#held.get(realPath)?.use()
  }

  statuses(): HeldVaultStatus[] {
    return [...this.#held.values()].map((h) => h.status())
  }

  lock(realPath: string | null): string[] {
    const targets =
      realPath === null
        ? [...this.#held.values()]
        : [this.#held.get(realPath)].filter((h): h is HeldVault => h !== undefined)
    for (const held of targets) held.lock('asked')
    return targets.map((h) => h.path)
  }

  checkAll(): void {
    for (const held of [...this.#held.values()]) held.checkKeys()
  }

  async unlock(request: Extract<AgentRequest, { op: 'unlock' }>): Promise<HeldVaultStatus> {
    const path = realpathSync(request.path)
    const locked = openVault(path)
    let vault
    try {
      vault = await locked.unlock(request.credential, { recordUse: false })
    } finally {
      locked.close()
    }
    if (needsNewPassword(vault)) {
      vault.lock()
      throw new CairnError(
        'INVALID_ARGUMENT',
        'A recovery-key unlock must set a new master password first: run a command with the recovery key, then unlock with the new password',
      )
    }
    this.#held.get(path)?.lock('asked')
    // The first command should not pay for decrypting the names of every item.
    warmIndex(vault)
    const held = new HeldVault(
      vault,
      { forMs: request.forMs, idleMs: request.idleMs, now: Date.now() },
      this.#onLock,
    )
    this.#held.set(path, held)
    return held.status()
  }

  #onLock = (held: HeldVault) => {
    if (this.#held.get(held.path) === held) this.#held.delete(held.path)
    // Once nothing is held, after the current answer is written.
    if (this.#held.size === 0) setTimeout(() => this.#held.size === 0 && this.#onEmpty(), 50)
  }
}
