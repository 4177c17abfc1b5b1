// The item editor's Group field: the group written as one line ("Work/Servers", empty for the top
// level), with the vault's groups offered as suggestions. The editor adds it to what it saves.
import { createContext, useContext, useEffect, useId, useState } from 'react'
import { flattenGroupTree, groupPathText } from '../../../src-shared/group-path.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call } from '../api.ts'

export interface GroupFieldState {
  vaultId: SessionId
  text: string
  setText: (text: string) => void
}

export const GroupFieldContext = createContext<GroupFieldState | null>(null)

export function GroupField() {
  const state = useContext(GroupFieldContext)
  const listId = useId()
  const hintId = useId()
  const [known, setKnown] = useState<string[]>([])
  const vaultId = state?.vaultId
  useEffect(() => {
    if (!vaultId) return
    let live = true
    call(api().groups.tree(vaultId))
      .then((t) => {
        if (live) setKnown(flattenGroupTree(t.tree).map(({ node }) => groupPathText(node.path)))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [vaultId])
  if (!state) return null
  return (
    <label className="field">
      <span>Group</span>
      <input
        value={state.text}
        onChange={(e) => state.setText(e.target.value)}
        list={listId}
        aria-describedby={hintId}
        placeholder="Top level"
        maxLength={2000}
      />
      <datalist id={listId}>
        {known.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <span id={hintId} className="hint">
        Names separated by /, as in Work/Servers; empty for the top level.
      </span>
    </label>
  )
}
