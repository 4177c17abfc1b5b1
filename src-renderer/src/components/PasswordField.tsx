// A labelled password field (with its show/hide toggle); children go below it, e.g. a strength meter.
import type { ReactNode } from 'react'
import { PasswordInput } from './PasswordInput.tsx'

export function PasswordField({
  id,
  label,
  spokenName,
  value,
  onChange,
  autoFocus,
  children,
}: {
  id: string
  label: string
  /** Names the field in the toggle's "Show …"/"Hide …" label. */
  spokenName: string
  value: string
  onChange: (value: string) => void
  autoFocus?: boolean
  children?: ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <PasswordInput
        id={id}
        label={spokenName}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
      />
      {children}
    </div>
  )
}
