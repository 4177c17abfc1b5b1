// A new master password and its repetition, with the strength meter under the first: the one form
// every place that sets a master password uses (first run, a new vault, after a recovery-key
// unlock, the vault settings).
import { useStrength } from '../hooks/useStrength.ts'
import { PasswordField } from './PasswordField.tsx'
import { StrengthMeter } from './StrengthMeter.tsx'

export interface NewPassword {
  password: string
  repeat: string
}

export function NewPasswordFields({
  id,
  value,
  onChange,
  labels = { password: 'Master password', repeat: 'Repeat master password' },
  spokenPrefix = '',
  side = false,
  autoFocus,
}: {
  id: string
  value: NewPassword
  onChange: (value: NewPassword) => void
  labels?: { password: string; repeat: string }
  /** Prefix of the fields' spoken names ("Passwords" gives "Passwords master password"). */
  spokenPrefix?: string
  /** The two fields side by side (wide forms) instead of one above the other. */
  side?: boolean
  autoFocus?: boolean
}) {
  const strength = useStrength(value.password)
  const spoken = (name: string) => (spokenPrefix ? `${spokenPrefix} ${name}` : name)
  const fields = (
    <>
      <PasswordField
        id={`${id}-pw`}
        label={labels.password}
        spokenName={spoken(labels.password.toLowerCase())}
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        autoFocus={autoFocus}
      >
        <StrengthMeter strength={strength} reserve />
      </PasswordField>
      <PasswordField
        id={`${id}-confirm`}
        label={labels.repeat}
        spokenName={spoken(labels.repeat.toLowerCase().replace(/^repeat (the )?/, 'repeated '))}
        value={value.repeat}
        onChange={(repeat) => onChange({ ...value, repeat })}
      />
    </>
  )
  return side ? <div className="grid-2">{fields}</div> : fields
}
