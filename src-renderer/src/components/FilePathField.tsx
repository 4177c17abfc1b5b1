// A labelled text field for a file or folder path, with a Browse button where the shell offers
// native file dialogs (not in the browser build).
import type { ReactNode } from 'react'
import { useApp } from '../app-context.ts'

export function FilePathField({
  id,
  label,
  value,
  onChange,
  onBrowse,
  autoFocus,
  children,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  onBrowse: () => void
  autoFocus?: boolean
  /** Further buttons after Browse. */
  children?: ReactNode
}) {
  const { info } = useApp()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input
          id={id}
          className="input mono"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoFocus={autoFocus}
        />
        {info.capabilities.fileDialogs && (
          <button type="button" className="btn" onClick={onBrowse}>
            Browse…
          </button>
        )}
        {children}
      </div>
    </div>
  )
}
