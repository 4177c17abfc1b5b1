// A modal <dialog> (focus trap, Esc, inert background come with the element), with a title,
// a body and a footer; as a form when `onSubmit` is given, so Enter submits.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'
import { Icon } from './Icons.tsx'

interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  onSubmit?: () => void
  wide?: boolean
  /** Accessible description (e.g. what the dialog is for). */
  describedBy?: string
}

export function Dialog({
  title,
  onClose,
  children,
  footer,
  onSubmit,
  wide,
  describedBy,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const head = (
    <div className="dialog-head">
      <h2 id={titleId}>{title}</h2>
      <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
        <Icon name="close" />
      </button>
    </div>
  )
  const body = <div className="dialog-body">{children}</div>
  const foot = footer ? <div className="dialog-foot">{footer}</div> : null
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit?.()
  }

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      {onSubmit ? (
        <form onSubmit={submit} noValidate>
          {head}
          {body}
          {foot}
        </form>
      ) : (
        <div className="dialog-frame">
          {head}
          {body}
          {foot}
        </div>
      )}
    </dialog>
  )
}
