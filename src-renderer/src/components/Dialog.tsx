// A modal <dialog> (focus trap, Esc, inert background come with the element), with a title,
// a body and a footer; as a form when `onSubmit` is given, so Enter submits. With
// `guardChanges`, closing after the user typed something (Esc, Close, Cancel) asks first.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { Icon } from './Icons.tsx'

interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  /** A function receives the guarded close, for a Cancel button. */
  footer?: ReactNode | ((close: () => void) => ReactNode)
  /** Ask before discarding typed changes. */
  guardChanges?: boolean
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
  guardChanges,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [dirty, setDirty] = useState(false)
  const [asking, setAsking] = useState(false)
  const keepEditing = useRef<HTMLButtonElement>(null)
  const close = () => {
    if (guardChanges && dirty) setAsking(true)
    else onClose()
  }

  useEffect(() => {
    if (asking) keepEditing.current?.focus()
  }, [asking])

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const head = (
    <div className="dialog-head">
      <h2 id={titleId}>{title}</h2>
      <button type="button" className="icon-btn" aria-label="Close" onClick={close}>
        <Icon name="close" />
      </button>
    </div>
  )
  const body = <div className="dialog-body">{children}</div>
  const ask = asking && (
    <div className="notice warn discard-prompt" role="alert">
      <p>Discard the changes you typed?</p>
      <div className="button-row">
        <button type="button" className="btn" ref={keepEditing} onClick={() => setAsking(false)}>
          Keep editing
        </button>
        <button type="button" className="btn danger" onClick={onClose}>
          Discard changes
        </button>
      </div>
    </div>
  )
  const foot = footer ? (
    <div className="dialog-foot">{typeof footer === 'function' ? footer(close) : footer}</div>
  ) : null
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
        if (asking) setAsking(false)
        else close()
      }}
      onChange={() => setDirty(true)}
      onInput={() => setDirty(true)}
    >
      {onSubmit ? (
        <form onSubmit={submit} noValidate>
          {head}
          {body}
          {ask}
          {foot}
        </form>
      ) : (
        <div className="dialog-frame">
          {head}
          {body}
          {ask}
          {foot}
        </div>
      )}
    </dialog>
  )
}
