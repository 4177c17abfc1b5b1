// A labelled whole-number field; the text is kept as typed and checked when the form is used.
import type { ReactNode } from 'react'

export function NumberField({
  id,
  label,
  min,
  max,
  value,
  onChange,
  children,
}: {
  id: string
  label: string
  min: number
  max: number
  value: string
  onChange: (value: string) => void
  /** A hint below the field. */
  children?: ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        min={min}
        max={max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {children}
    </div>
  )
}
