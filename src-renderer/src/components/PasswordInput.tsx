// A password field with a show/hide toggle. The value stays in this field: it is sent to main
// only when the form is submitted.
import { forwardRef, useState, type InputHTMLAttributes } from 'react'
import { Icon } from './Icons.tsx'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label: string }

export const PasswordInput = forwardRef<HTMLInputElement, Props>(function PasswordInput(
  { label, id, className, ...rest },
  ref,
) {
  const [shown, setShown] = useState(false)
  return (
    <div className="input-row">
      <input
        {...rest}
        id={id}
        ref={ref}
        type={shown ? 'text' : 'password'}
        className={`input mono ${className ?? ''}`}
        autoComplete="off"
        spellCheck={false}
      />
      <button
        type="button"
        className="icon-btn"
        aria-label={shown ? `Hide ${label}` : `Show ${label}`}
        aria-pressed={shown}
        onClick={() => setShown((s) => !s)}
      >
        <Icon name={shown ? 'eyeOff' : 'eye'} />
      </button>
    </div>
  )
})
