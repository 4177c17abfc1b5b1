// Recovery codes: how many are unused, and the codes themselves on request, each with its "used"
// mark and a copy button.
import { useState } from 'react'
import type { ItemDetail, RecoveryCode } from '../../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { Icon } from '../Icons.tsx'
import { CopyButton } from './detail-values.tsx'

export function RecoveryCodesProps({ detail: d }: { detail: ItemDetail }) {
  return (
    <>
      <dt>Issuer</dt>
      <dd>
        <span className="value">{d.issuer || '—'}</span>
      </dd>
      <dt>Codes</dt>
      <dd>
        <span className="value">
          {d.recoveryCodes
            ? `${d.recoveryCodes.total - d.recoveryCodes.used} of ${d.recoveryCodes.total} unused`
            : '—'}
        </span>
      </dd>
    </>
  )
}

export function RecoveryCodesBody({ detail, trashed }: { detail: ItemDetail; trashed: boolean }) {
  return trashed ? null : <RecoveryCodes key={detail.id} detail={detail} />
}

function RecoveryCodes({ detail }: { detail: ItemDetail }) {
  const { copy, notify } = useApp()
  // Shown codes belong to one revision: an edit elsewhere hides them, marking one used does not.
  const [shown, setShown] = useState<{ revision: number; codes: RecoveryCode[] } | null>(null)
  const codes = shown?.revision === detail.revision ? shown.codes : null
  const show = async () => {
    try {
      const list = await call(api().items.recoveryCodes(detail.vaultId, detail.id))
      setShown({ revision: detail.revision, codes: list })
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }
  const toggleUsed = async (index: number) => {
    if (!codes) return
    const next = codes.map((c, i) => (i === index ? { ...c, used: !c.used } : c))
    // Shown at once; undone if the vault refuses the change.
    setShown({ revision: detail.revision, codes: next })
    try {
      const saved = await call(
        api().items.update(detail.vaultId, detail.id, detail.revision, {
          kind: 'recovery-codes',
          title: detail.storedTitle,
          issuer: detail.issuer,
          notes: detail.notes,
          tags: detail.tags,
          codes: next,
        }),
      )
      setShown({ revision: saved.revision, codes: next })
    } catch (e) {
      setShown({ revision: detail.revision, codes })
      notify(errorMessage(e), 'error')
    }
  }
  if (!codes) {
    return (
      <button type="button" className="btn" onClick={() => void show()}>
        <Icon name="eye" /> Show {detail.recoveryCodes?.total ?? 0} codes
      </button>
    )
  }
  return (
    <>
      <ul className="codes-grid" aria-label="Recovery codes">
        {codes.map((c, i) => (
          <li key={i}>
            <input
              type="checkbox"
              checked={c.used}
              aria-label={`Code ${i + 1} used`}
              onChange={() => void toggleUsed(i)}
            />
            <span className={`mono${c.used ? ' used' : ''}`}>{c.code}</span>
            <CopyButton
              label={`recovery code ${i + 1}`}
              onCopy={() =>
                void copy(
                  detail.vaultId,
                  detail.id,
                  { kind: 'recovery-code', index: i },
                  'Recovery code',
                )
              }
            />
          </li>
        ))}
      </ul>
      <button type="button" className="btn small ghost" onClick={() => setShown(null)}>
        <Icon name="eyeOff" size={16} /> Hide codes
      </button>
    </>
  )
}
