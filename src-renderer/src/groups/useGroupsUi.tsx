// Everything the window shows of groups, kept out of the app frame: the tree for the sidebar, the
// group dialogs, and the "Move to group…" command for the selected item.
import { useState, type ReactNode } from 'react'
import { groupPathLabel } from '../../../src-shared/group-path.ts'
import type { ItemList, ItemSummary, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../api.ts'
import type { ItemBrowser } from '../hooks/useItemBrowser.ts'
import { GroupDialogs } from './GroupDialogs.tsx'
import { GroupTree } from './GroupTree.tsx'
import { useGroupTree, type GroupDialog } from './useGroups.ts'

type Notify = (message: string, kind?: 'info' | 'error') => void

export function useGroupsUi(
  vault: VaultInfo | null,
  lists: Readonly<Record<string, ItemList>>,
  browser: ItemBrowser,
  notify: Notify,
): { tree: ReactNode; dialog: ReactNode; moveItems: (items: ItemSummary[]) => void } {
  const vaultId = vault?.state === 'unlocked' ? vault.id : null
  const list = vaultId ? lists[vaultId] : undefined
  const tree = useGroupTree(vaultId, list)
  const [dialog, setDialog] = useState<GroupDialog | null>(null)

  const moveItems = (items: ItemSummary[]) => {
    const first = items[0]
    if (!first || !tree || items.some((i) => i.vaultId !== vaultId)) {
      if (first) notify('Open the item’s own vault to move it to a group.', 'error')
      return
    }
    setDialog({
      type: 'move',
      vaultId: first.vaultId,
      itemIds: items.map((i) => i.id),
      label: items.length === 1 ? `“${first.title}”` : `${items.length} items`,
    })
  }

  const drop = (id: SessionId, itemIds: string[], path: string[]) => {
    call(api().items.move(id, itemIds, path))
      .then((moved) => {
        browser.clearMarks()
        if (moved > 0)
          notify(
            `${moved === 1 ? '1 item' : `${moved} items`} moved to ${groupPathLabel(path)}.`,
            'info',
          )
      })
      .catch((e: unknown) => notify(errorMessage(e), 'error'))
  }

  const topCount = list
    ? list.items.filter((i) => i.deletedAt === null && i.group.length === 0).length
    : 0

  return {
    tree:
      vaultId && tree ? (
        <GroupTree
          vaultId={vaultId}
          tree={tree}
          topCount={topCount}
          shown={browser.groupShown}
          onShow={(path) => browser.showGroup(vaultId, path)}
          onDrop={(itemIds, path) => drop(vaultId, itemIds, path)}
          onNew={(parent) => setDialog({ type: 'new', vaultId, parent })}
          onRename={(path) => setDialog({ type: 'rename', vaultId, path })}
          onDelete={(node) => setDialog({ type: 'delete', vaultId, node })}
        />
      ) : null,
    dialog:
      dialog && tree ? (
        <GroupDialogs
          dialog={dialog}
          tree={tree}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            // What was picked has moved: the next pick starts afresh.
            browser.clearMarks()
            notify(message, 'info')
          }}
          onShow={(id, path) => browser.showGroup(id, path)}
        />
      ) : null,
    moveItems,
  }
}
