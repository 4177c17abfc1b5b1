// First run: two vaults, "Passwords" and "2FA keys", each with its own master password.
import { useId, useState } from 'react'
import type { VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useStrength } from '../hooks/useStrength.ts'
import { useWeakPasswordGate } from '../hooks/useWeakPasswordGate.ts'
import { Icon } from './Icons.tsx'
import { PasswordInput } from './PasswordInput.tsx'
import { ProgressLine } from './ProgressLine.tsx'
import { StrengthMeter } from './StrengthMeter.tsx'
import { WeakPasswordWarning } from './WeakPasswordWarning.tsx'

interface VaultFields {
  password: string
  confirm: string
}

function VaultFieldset({
  legend,
  icon,
  value,
  onChange,
}: {
  legend: string
  icon: 'key' | 'shield'
  value: VaultFields
  onChange: (v: VaultFields) => void
}) {
  const id = useId()
  const strength = useStrength(value.password)
  return (
    <fieldset>
      <legend>
        <Icon name={icon} /> {legend}
      </legend>
      <div className="field">
        <label htmlFor={`${id}-pw`}>Master password</label>
        <PasswordInput
          id={`${id}-pw`}
          label={`${legend} master password`}
          value={value.password}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
        />
        <StrengthMeter strength={strength} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>Repeat master password</label>
        <PasswordInput
          id={`${id}-confirm`}
          label={`${legend} repeated master password`}
          value={value.confirm}
          onChange={(e) => onChange({ ...value, confirm: e.target.value })}
        />
      </div>
    </fieldset>
  )
}

export function TwoVaultSetup({
  onCreated,
  onBusy,
}: {
  onCreated: (vaults: VaultInfo[]) => void
  /** The app keeps this screen up while the pair is being created (the first vault appears early). */
  onBusy: (busy: boolean) => void
}) {
  const [passwords, setPasswords] = useState<VaultFields>({ password: '', confirm: '' })
  const [keys, setKeys] = useState<VaultFields>({ password: '', confirm: '' })
  const [busy, setBusy] = useState(false)
  const [creating, setCreating] = useState<{ name: string; index: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const whyId = useId()
  const weak = useWeakPasswordGate()

  const problem = (): string | null => {
    if (!passwords.password || !keys.password) return 'Choose a master password for each vault.'
    if (passwords.password !== passwords.confirm) return 'The Passwords vault’s two entries differ.'
    if (keys.password !== keys.confirm) return 'The 2FA keys vault’s two entries differ.'
    if (passwords.password === keys.password) {
      return 'Use a different master password for each vault: that is what keeps them apart.'
    }
    return null
  }

  const create = async () => {
    const p = problem()
    setError(p)
    if (p) return
    const ok = await weak.allowed([
      ['Passwords vault', passwords.password],
      ['2FA keys vault', keys.password],
    ])
    if (!ok) return
    setBusy(true)
    onBusy(true)
    try {
      const created: VaultInfo[] = []
      const pair = [
        ['Passwords', passwords],
        ['2FA keys', keys],
      ] as const
      for (const [index, [name, fields]] of pair.entries()) {
        setCreating({ name, index })
        const path = await call(api().vaults.suggestPath(name))
        created.push(await call(api().vaults.create({ path, name, password: fields.password })))
      }
      onCreated(created)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
      setCreating(null)
      onBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby={`${whyId}-title`}>
      <h2 id={`${whyId}-title`}>Set up Cairn: two vaults</h2>
      <p className="why" id={whyId}>
        Your 2FA keys get their own vault with its own master password, so someone who steals your
        password vault — or its master password — still does not have your second factor.
      </p>
      <form
        aria-describedby={whyId}
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
        noValidate
      >
        <div className="pair">
          <VaultFieldset legend="Passwords" icon="key" value={passwords} onChange={setPasswords} />
          <VaultFieldset legend="2FA keys" icon="shield" value={keys} onChange={setKeys} />
        </div>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <WeakPasswordWarning
          warning={weak.warning}
          onAccept={() => {
            weak.accept()
            void create()
          }}
          onDismiss={weak.dismiss}
        />
        <p className="hint">
          Forgetting a master password means losing that vault: write them down somewhere safe.
        </p>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Creating vaults…' : 'Create both vaults'}
        </button>
        <ProgressLine
          busy={busy}
          progress={null}
          {...(creating ? { step: { done: creating.index, total: 2 } } : {})}
          text={
            creating
              ? `Creating the ${creating.name} vault (${creating.index + 1} of 2): deriving its key from the master password, which takes a few seconds by design…`
              : 'Creating the vaults…'
          }
        />
      </form>
    </section>
  )
}
