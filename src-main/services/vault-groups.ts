// The groups of the open vaults as the window sees them: each vault's tree with counts, and the
// changes made from the sidebar, the item list and the keyboard. Every change tells the window
// that the vault's items changed, so lists and trees refresh together.
import type { VaultGroups } from '../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../src-shared/ids.ts'
import {
  createGroup,
  deleteGroup,
  moveItems,
  renameGroup,
  vaultGroupTree,
} from '../core/vault/vault-groups.ts'
import type { EventBus } from './event-bus.ts'
import type { VaultSessions } from './vault-sessions.ts'

export interface VaultGroupsOptions {
  sessions: VaultSessions
  events: EventBus
}

export class VaultGroupsService {
  readonly #o: VaultGroupsOptions

  constructor(options: VaultGroupsOptions) {
    this.#o = options
  }

  tree(vaultId: SessionId): VaultGroups {
    return { vaultId, tree: vaultGroupTree(this.#vault(vaultId)) }
  }

  create(vaultId: SessionId, path: string[]): VaultGroups {
    createGroup(this.#vault(vaultId), path)
    return this.#changed(vaultId)
  }

  rename(vaultId: SessionId, from: string[], to: string[]): VaultGroups {
    renameGroup(this.#vault(vaultId), from, to)
    return this.#changed(vaultId)
  }

  remove(vaultId: SessionId, path: string[]): VaultGroups {
    deleteGroup(this.#vault(vaultId), path)
    return this.#changed(vaultId)
  }

  move(vaultId: SessionId, itemIds: string[], group: string[]): number {
    const moved = moveItems(this.#vault(vaultId), itemIds, group)
    this.#changed(vaultId)
    return moved
  }

  #changed(vaultId: SessionId): VaultGroups {
    this.#o.events.emit({ type: 'items-changed', vaultId })
    return this.tree(vaultId)
  }

  #vault(vaultId: SessionId) {
    return this.#o.sessions.unlocked(vaultId)
  }
}
