import { useEffect, useId, useState } from 'react'
import type { VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { Dialog } from '../components/Dialog.tsx'
import { NewPasswordFields } from '../components/NewPasswordFields.tsx'
import { ProgressLine } from '../components/ProgressLine.tsx'
import { WeakPasswordWarning } from '../components/WeakPasswordWarning.tsx'
import { useWeakPasswordGate } from '../hooks/useWeakPasswordGate.ts'

export function CreateVaultDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void
  onCreated: (vault: VaultInfo) => void
}) {
  const { info } = useApp()
  const id = useId()
  const [name, setName] = useState('Passwords')
  const [path, setPath] = useState('')
  const [pathEdited, setPathEdited] = useState(false)
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const weak = useWeakPasswordGate()

  // Until the user picks a location, the file follows the vault's name.
  useEffect(() => {
    if (pathEdited) return
    let cancelled = false
    call(api().vaults.suggestPath(name))
      .then((p) => !cancelled && setPath(p))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [name, pathEdited])

  const browse = async () => {
    try {
      const chosen = await call(api().dialogs.chooseNewVaultPath(path))
      if (chosen) {
        setPath(chosen)
        setPathEdited(true)
      }
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  const submit = async () => {
    if (!name.trim()) return setError('Give the vault a name.')
    if (!path.trim()) return setError('Choose where to save the vault file.')
    if (!password) return setError('Choose a master password.')
    if (password !== confirm) return setError('The two master password entries differ.')
    setError(null)
    setBusy(true)
    try {
      if (!(await weak.allowed([['', password]]))) return
      onCreated(await call(api().vaults.create({ path: path.trim(), name: name.trim(), password })))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="New vault"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create vault'}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Vault name</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-path`}>File</label>
        <div className="input-row">
          <input
            id={`${id}-path`}
            className="input mono"
            value={path}
            // With native dialogs, main creates vaults only where it suggested or Browse… chose.
            readOnly={info.capabilities.fileDialogs}
            onChange={(e) => {
              setPath(e.target.value)
              setPathEdited(true)
            }}
          />
          {info.capabilities.fileDialogs && (
            <button type="button" className="btn" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
      </div>
      <NewPasswordFields
        id={id}
        value={{ password, repeat: confirm }}
        onChange={(v) => {
          setPassword(v.password)
          setConfirm(v.repeat)
        }}
      />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <WeakPasswordWarning
        warning={weak.warning}
        onAccept={() => {
          weak.accept()
          void submit()
        }}
        onDismiss={weak.dismiss}
      />
      <ProgressLine
        busy={busy}
        progress={null}
        text="Creating the vault: deriving its key from the master password, which takes a few seconds by design…"
      />
    </Dialog>
  )
}
