// The group dialogs: a new group, a new name, deleting (saying where the items go), and
// "Move to group…", a list of the vault's groups driven by the keyboard as well as the mouse.
import { useId, useState, type KeyboardEvent } from 'react'
import {
  flattenGroupTree,
  groupNameProblem,
  groupPathLabel,
  groupPathText,
  parseGroupPath,
  type GroupNode,
} from '../../../src-shared/group-path.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../api.ts'
import { Dialog } from '../components/Dialog.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import type { GroupDialog } from './useGroups.ts'

interface Props {
  dialog: GroupDialog
  tree: GroupNode[]
  onClose: () => void
  /** Said in the toast once a change is written. */
  onDone: (message: string) => void
  /** The list shows this group after a change (the renamed group, say), or the top level. */
  onShow: (vaultId: SessionId, path: string[]) => void
}

export function GroupDialogs(props: Props) {
  const { dialog } = props
  switch (dialog.type) {
    case 'new':
      return <NameDialog {...props} dialog={dialog} />
    case 'rename':
      return <NameDialog {...props} dialog={dialog} />
    case 'delete':
      return <DeleteDialog {...props} dialog={dialog} />
    case 'move':
      return <MoveDialog {...props} dialog={dialog} />
  }
}

function NameDialog(
  props: Props & { dialog: Extract<GroupDialog, { type: 'new' } | { type: 'rename' }> },
) {
  const { dialog } = props
  const renaming = dialog.type === 'rename'
  const parent = renaming ? dialog.path.slice(0, -1) : dialog.parent
  const [name, setName] = useState(renaming ? (dialog.path.at(-1) ?? '') : '')
  const [error, setError] = useState<string | null>(null)
  const hintId = useId()
  const errorId = useId()

  const submit = async () => {
    const problem = groupNameProblem(name.trim()) ?? null
    if (problem) return setError(problem)
    const path = [...parent, name.trim()]
    try {
      if (renaming) {
        await call(api().groups.rename(dialog.vaultId, dialog.path, path))
        props.onDone(`Group renamed to “${groupPathLabel(path)}”.`)
      } else {
        await call(api().groups.create(dialog.vaultId, path))
        props.onDone(`Group “${groupPathLabel(path)}” created.`)
      }
      props.onShow(dialog.vaultId, path)
      props.onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <Dialog
      title={renaming ? 'Rename group' : 'New group'}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      guardChanges
      footer={(close) => (
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            {renaming ? 'Rename' : 'Create group'}
          </button>
        </>
      )}
    >
      <label className="field">
        <span>Group name</span>
        <input
          value={name}
          onChange={(e) => {
            setName(e.target.value)
            setError(null)
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
          maxLength={120}
        />
      </label>
      <p id={hintId} className="hint">
        {parent.length ? `Inside ${groupPathLabel(parent)}.` : 'At the top level.'}
      </p>
      <div id={errorId}>
        <ErrorAlert message={error} />
      </div>
    </Dialog>
  )
}

function DeleteDialog(props: Props & { dialog: Extract<GroupDialog, { type: 'delete' }> }) {
  const { node, vaultId } = props.dialog
  const parent = node.path.slice(0, -1)
  const [error, setError] = useState<string | null>(null)
  const where = parent.length ? `the group ${groupPathLabel(parent)}` : 'the top level'
  const inside =
    node.total === 0 && node.children.length === 0
      ? 'It is empty.'
      : `Its ${node.total} item${node.total === 1 ? '' : 's'}${node.children.length ? ' and the groups inside it' : ''} move to ${where}; nothing is deleted but the group.`
  const remove = async () => {
    try {
      await call(api().groups.remove(vaultId, node.path))
      props.onDone(`Group “${groupPathLabel(node.path)}” deleted; its items are in ${where}.`)
      props.onShow(vaultId, parent)
      props.onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <Dialog
      title={`Delete group “${node.name}”?`}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn danger" onClick={() => void remove()}>
            Delete group
          </button>
        </>
      }
    >
      <p>{inside}</p>
      <ErrorAlert message={error} />
    </Dialog>
  )
}

function MoveDialog(props: Props & { dialog: Extract<GroupDialog, { type: 'move' }> }) {
  const { vaultId, itemIds, label } = props.dialog
  const choices = [
    { path: [] as string[], depth: 0, text: 'Top level' },
    ...flattenGroupTree(props.tree).map(({ node, depth }) => ({
      path: node.path,
      depth: depth + 1,
      text: node.name,
    })),
  ]
  const [active, setActive] = useState(0)
  const [newPath, setNewPath] = useState('')
  const [error, setError] = useState<string | null>(null)
  const listId = useId()

  const move = async (path: string[]) => {
    try {
      const moved = await call(api().items.move(vaultId, itemIds, path))
      props.onDone(
        moved === 0
          ? `${label} ${itemIds.length === 1 ? 'is' : 'are'} already in ${groupPathLabel(path)}.`
          : `${label} moved to ${groupPathLabel(path)}.`,
      )
      props.onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      Home: 0,
      End: choices.length - 1,
    }
    if (moves[e.key] !== undefined) {
      e.preventDefault()
      setActive(Math.max(0, Math.min(choices.length - 1, moves[e.key]!)))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      const choice = choices[active]
      if (choice) void move(choice.path)
    }
  }
  const typed = parseGroupPath(newPath)

  return (
    <Dialog
      title={`Move ${label} to a group`}
      onClose={props.onClose}
      footer={
        <button type="button" className="btn" onClick={props.onClose}>
          Cancel
        </button>
      }
    >
      <p id={`${listId}-hint`} className="hint">
        Arrow keys choose a group, Enter moves.
      </p>
      <div
        role="listbox"
        id={listId}
        aria-label="Groups"
        aria-describedby={`${listId}-hint`}
        tabIndex={0}
        data-autofocus
        className="move-list"
        aria-activedescendant={`${listId}-${active}`}
        onKeyDown={onKeyDown}
      >
        {choices.map((c, i) => (
          <div
            key={groupPathText(c.path) || '/'}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`move-choice${i === active ? ' active' : ''}`}
            style={{ paddingInlineStart: `${0.5 + c.depth}rem` }}
            onClick={() => {
              setActive(i)
              void move(c.path)
            }}
          >
            {c.text}
          </div>
        ))}
      </div>
      <form
        className="move-new"
        onSubmit={(e) => {
          e.preventDefault()
          if (typed.length) void move(typed)
        }}
      >
        <label className="field">
          <span>Or a new group (names separated by /)</span>
          <input value={newPath} onChange={(e) => setNewPath(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={typed.length === 0}>
          Move to new group
        </button>
      </form>
      <ErrorAlert message={error} />
    </Dialog>
  )
}
