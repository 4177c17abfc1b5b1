// The sidebar's group tree of the selected vault: a WAI-ARIA tree (arrow keys move, Right and Left
// open and close, Enter or a click shows the group's items), the top level first. Items dropped
// on a group move into it. The buttons under it act on the chosen group.
import { useState, type DragEvent, type KeyboardEvent } from 'react'
import {
  flattenGroupTree,
  groupPathText,
  sameGroupPath,
  type GroupNode,
} from '../../../src-shared/group-path.ts'
import { Icon } from '../components/Icons.tsx'

/** What an item row carries while dragged: its vault and the ids it stands for. */
export const DRAG_TYPE = 'application/x-cairn-items'

export interface DraggedItems {
  vaultId: string
  itemIds: string[]
}

export function readDragged(e: DragEvent): DraggedItems | null {
  try {
    const v = JSON.parse(e.dataTransfer.getData(DRAG_TYPE)) as DraggedItems
    return Array.isArray(v.itemIds) && typeof v.vaultId === 'string' ? v : null
  } catch {
    return null
  }
}

interface GroupTreeProps {
  vaultId: string
  tree: GroupNode[]
  /** How many live items sit at the top level, outside every group. */
  topCount: number
  /** The group the list shows: [] for the top level, null when no group is chosen. */
  shown: string[] | null
  onShow: (path: string[]) => void
  onDrop: (itemIds: string[], path: string[]) => void
  onNew: (parent: string[]) => void
  onRename: (path: string[]) => void
  onDelete: (node: GroupNode) => void
}

interface Row {
  path: string[]
  name: string
  count: number
  depth: number
  hasChildren: boolean
  node: GroupNode | null
}

export function GroupTree(props: GroupTreeProps) {
  const { tree, shown } = props
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [focused, setFocused] = useState<string[]>([])
  const [dropTarget, setDropTarget] = useState<string | null>(null)

  const rows: Row[] = [
    {
      path: [],
      name: 'Top level',
      count: props.topCount,
      depth: 0,
      hasChildren: false,
      node: null,
    },
  ]
  const hiddenUnder = (path: string[]) =>
    path.some((_, i) => i < path.length - 1 && collapsed.has(groupPathText(path.slice(0, i + 1))))
  for (const { node, depth } of flattenGroupTree(tree)) {
    if (hiddenUnder(node.path)) continue
    rows.push({
      path: node.path,
      name: node.name,
      count: node.total,
      depth,
      hasChildren: node.children.length > 0,
      node,
    })
  }
  const focusIndex = Math.max(
    0,
    rows.findIndex((r) => sameGroupPath(r.path, focused)),
  )
  const chosen = shown ?? focused
  const chosenNode = rows.find((r) => sameGroupPath(r.path, chosen))?.node ?? null

  const focusRow = (i: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, i))]
    if (!row) return
    setFocused(row.path)
    document.getElementById(rowId(props.vaultId, row.path))?.focus()
  }
  const toggle = (path: string[], open: boolean) =>
    setCollapsed((old) => {
      const next = new Set(old)
      if (open) next.delete(groupPathText(path))
      else next.add(groupPathText(path))
      return next
    })

  const onKeyDown = (e: KeyboardEvent, row: Row, index: number) => {
    const open = row.hasChildren && !collapsed.has(groupPathText(row.path))
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(index + 1),
      ArrowUp: () => focusRow(index - 1),
      Home: () => focusRow(0),
      End: () => focusRow(rows.length - 1),
      ArrowRight: () => {
        if (row.hasChildren && !open) toggle(row.path, true)
        else if (open) focusRow(index + 1)
      },
      ArrowLeft: () => {
        if (open) toggle(row.path, false)
        else if (row.path.length > 1) {
          focusRow(rows.findIndex((r) => sameGroupPath(r.path, row.path.slice(0, -1))))
        } else if (row.path.length === 1) focusRow(0)
      },
      Enter: () => props.onShow(row.path),
      ' ': () => props.onShow(row.path),
    }
    const run = keys[e.key]
    if (run) {
      e.preventDefault()
      run()
    }
  }

  const dropProps = (row: Row) => ({
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(DRAG_TYPE)) return
      e.preventDefault()
      e.dataTransfer.dropEffect = 'move'
      setDropTarget(groupPathText(row.path))
    },
    onDragLeave: () => setDropTarget(null),
    onDrop: (e: DragEvent) => {
      e.preventDefault()
      setDropTarget(null)
      const dragged = readDragged(e)
      if (dragged && dragged.vaultId === props.vaultId) props.onDrop(dragged.itemIds, row.path)
    },
  })

  return (
    <div className="group-tree">
      <ul role="tree" aria-labelledby="groups-heading" className="tree">
        {rows.map((row, index) => {
          const open = row.hasChildren ? !collapsed.has(groupPathText(row.path)) : undefined
          const selected = shown !== null && sameGroupPath(row.path, shown)
          return (
            <li
              key={groupPathText(row.path) || '/'}
              id={rowId(props.vaultId, row.path)}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-expanded={open}
              aria-selected={selected}
              tabIndex={index === focusIndex ? 0 : -1}
              className={`tree-row${selected ? ' selected' : ''}${dropTarget === groupPathText(row.path) ? ' drop' : ''}`}
              style={{ paddingInlineStart: `${0.5 + row.depth * 1}rem` }}
              onClick={() => {
                setFocused(row.path)
                props.onShow(row.path)
              }}
              onFocus={() => setFocused(row.path)}
              onKeyDown={(e) => onKeyDown(e, row, index)}
              {...dropProps(row)}
            >
              <span
                className="tree-twisty"
                aria-hidden="true"
                onClick={(e) => {
                  if (!row.hasChildren) return
                  e.stopPropagation()
                  toggle(row.path, !open)
                }}
              >
                {row.hasChildren ? (open ? '▾' : '▸') : ''}
              </span>
              <Icon name={row.path.length ? 'folder' : 'list'} />
              <span className="tree-name">{row.name}</span>
              <span className="count">
                {row.count}
                <span className="visually-hidden"> items</span>
              </span>
            </li>
          )
        })}
      </ul>
      <div className="group-actions">
        <button type="button" className="btn small" onClick={() => props.onNew(chosen ?? [])}>
          <Icon name="plus" size={14} /> New group
        </button>
        <button
          type="button"
          className="btn small"
          disabled={!chosenNode}
          onClick={() => chosenNode && props.onRename(chosenNode.path)}
        >
          Rename
        </button>
        <button
          type="button"
          className="btn small"
          disabled={!chosenNode}
          onClick={() => chosenNode && props.onDelete(chosenNode)}
        >
          Delete
        </button>
      </div>
    </div>
  )
}

function rowId(vaultId: string, path: readonly string[]): string {
  // Ids must be unique and valid; the path is encoded so any name works.
  return `group-${vaultId}-${encodeURIComponent(groupPathText(path))}`.replace(/%/g, '_')
}
