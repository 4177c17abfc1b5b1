// The selected vault's group tree, fetched again whenever its item list changes (every group
// change announces one), and the group dialogs: new, rename, delete and "Move to group…".
import { useEffect, useState } from 'react'
import type { ItemList } from '../../../src-shared/ipc-contract.ts'
import type { GroupNode } from '../../../src-shared/group-path.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call } from '../api.ts'

export type GroupDialog =
  | { type: 'new'; vaultId: SessionId; parent: string[] }
  | { type: 'rename'; vaultId: SessionId; path: string[] }
  | { type: 'delete'; vaultId: SessionId; node: GroupNode }
  | { type: 'move'; vaultId: SessionId; itemIds: string[]; label: string }

export function useGroupTree(
  vaultId: SessionId | null,
  list: ItemList | undefined,
): GroupNode[] | null {
  const [tree, setTree] = useState<{ vaultId: SessionId; nodes: GroupNode[] } | null>(null)
  useEffect(() => {
    if (!vaultId || !list) return
    let live = true
    call(api().groups.tree(vaultId))
      .then((t) => live && setTree({ vaultId, nodes: t.tree }))
      // Locked meanwhile: the tree goes with the list.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [vaultId, list])
  return tree && tree.vaultId === vaultId && list ? tree.nodes : null
}

/** The node at `path` in `tree`, or null. */
export function nodeAt(tree: readonly GroupNode[], path: readonly string[]): GroupNode | null {
  let level = tree
  let node: GroupNode | null = null
  for (const name of path) {
    node = level.find((n) => n.name === name) ?? null
    if (!node) return null
    level = node.children
  }
  return node
}
