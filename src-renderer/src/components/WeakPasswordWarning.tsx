// The question asked before a weak master password is used: what the risk is, and a choice.
import { useId } from 'react'
import type { WeakWarning } from '../hooks/useWeakPasswordGate.ts'

export function WeakPasswordWarning({
  warning,
  onAccept,
  onDismiss,
}: {
  warning: WeakWarning | null
  onAccept: () => void
  onDismiss: () => void
}) {
  const id = useId()
  if (!warning) return null
  return (
    <div className="notice warn" role="alert" aria-labelledby={id}>
      <p>
        <strong id={id}>This master password is easy to guess.</strong>
      </p>
      {warning.risks.map((r) => (
        <p key={r}>{r}</p>
      ))}
      <div className="button-row">
        <button type="button" className="btn" onClick={onDismiss}>
          Choose a stronger one
        </button>
        <button type="button" className="btn danger" onClick={onAccept}>
          Use it anyway
        </button>
      </div>
    </div>
  )
}
