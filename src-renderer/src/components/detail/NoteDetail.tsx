// A secure note: its text on request (main sends it only then; hiding forgets it).
import { useState } from 'react'
import type { ItemDetail } from '../../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { Icon } from '../Icons.tsx'

export function NoteBody({ detail: d }: { detail: ItemDetail }) {
  return <NoteText key={`${d.id}-${d.revision}`} vaultId={d.vaultId} itemId={d.id} />
}

function NoteText({ vaultId, itemId }: { vaultId: SessionId; itemId: string }) {
  const { notify } = useApp()
  const [body, setBody] = useState<string | null>(null)
  if (body === null) {
    return (
      <button
        type="button"
        className="btn"
        onClick={() =>
          void call(api().items.reveal(vaultId, itemId, { kind: 'note-body' }))
            .then(setBody)
            .catch((e: unknown) => notify(errorMessage(e), 'error'))
        }
      >
        <Icon name="eye" /> Show note
      </button>
    )
  }
  return (
    <>
      <div className="notes" data-testid="note-body">
        {body}
      </div>
      <button type="button" className="btn small ghost" onClick={() => setBody(null)}>
        <Icon name="eyeOff" size={16} /> Hide note
      </button>
    </>
  )
}
