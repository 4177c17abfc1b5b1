// A modal <dialog> (focus trap, Esc, inert background come with the element), with a title,
// a body and a footer; as a form when `onSubmit` is given, so Enter submits. With
// `guardChanges`, closing after the user typed something (Esc, Close, Cancel) asks first.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { Icon } from './Icons.tsx'

/** Where focus goes on opening, in order of preference. */
const FIRST_FIELD = [
  '.dialog-body [data-autofocus]',
  '.dialog-body input:not([type="hidden"]):not([disabled]):not([tabindex="-1"])',
  '.dialog-body textarea:not([disabled])',
  '.dialog-body select:not([disabled]):not([data-no-autofocus])',
  '.dialog-body button:not([disabled])',
  '.dialog-foot button:not([disabled])',
]

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

  // Opens on its first field (the dialog itself would pick the Close button), and hands focus back
  // to whatever had it before when it closes.
  useEffect(() => {
    const dialog = ref.current
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (dialog && !dialog.open) dialog.showModal()
    for (const selector of FIRST_FIELD) {
      const field = dialog?.querySelector<HTMLElement>(selector)
      if (field) {
        field.focus()
        break
      }
    }
    return () => {
      dialog?.close()
      if (opener?.isConnected) opener.focus()
    }
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
