// First run: two vaults, "Passwords" and "2FA keys", each with its own master password.
import { useId, useState } from 'react'
import type { VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useWeakPasswordGate } from '../hooks/useWeakPasswordGate.ts'
import { Icon } from './Icons.tsx'
import { NewPasswordFields, type NewPassword } from './NewPasswordFields.tsx'
import { ProgressLine } from './ProgressLine.tsx'
import { WeakPasswordWarning } from './WeakPasswordWarning.tsx'

function NewPasswordet({
  legend,
  icon,
  value,
  onChange,
}: {
  legend: string
  icon: 'key' | 'shield'
  value: NewPassword
  onChange: (v: NewPassword) => void
}) {
  const id = useId()
  return (
    <fieldset>
      <legend>
        <Icon name={icon} /> {legend}
      </legend>
      <NewPasswordFields id={id} value={value} onChange={onChange} spokenPrefix={legend} />
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
  const [passwords, setPasswords] = useState<NewPassword>({ password: '', repeat: '' })
  const [keys, setKeys] = useState<NewPassword>({ password: '', repeat: '' })
  const [busy, setBusy] = useState(false)
  const [creating, setCreating] = useState<{ name: string; index: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const whyId = useId()
  const weak = useWeakPasswordGate()

  const problem = (): string | null => {
    if (!passwords.password || !keys.password) return 'Choose a master password for each vault.'
    if (passwords.password !== passwords.repeat) return 'The Passwords vault’s two entries differ.'
    if (keys.password !== keys.repeat) return 'The 2FA keys vault’s two entries differ.'
    if (passwords.password === keys.password) {
      return 'Use a different master password for each vault: that is what keeps them apart.'
    }
    return null
  }

  const create = async () => {
    const p = problem()
    setError(p)
    if (p) return
    // Busy from the press on: the strength check is a round trip to main, and a press that shows
    // nothing looks lost.
    setBusy(true)
    onBusy(true)
    try {
      const ok = await weak.allowed([
        ['Passwords vault', passwords.password],
        ['2FA keys vault', keys.password],
      ])
      if (!ok) return
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
          <NewPasswordet legend="Passwords" icon="key" value={passwords} onChange={setPasswords} />
          <NewPasswordet legend="2FA keys" icon="shield" value={keys} onChange={setKeys} />
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
