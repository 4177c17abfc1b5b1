// After unlocking with a recovery key: a new master password is required before the vault can be
// used. Setting it destroys the key that was used and issues a fresh one (shown next). Closing
// without one locks the vault again; the recovery key then stays valid.
import { useId, useState } from 'react'
import type { IssuedSecrets } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { NewPasswordFields } from '../components/NewPasswordFields.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { ProgressLine } from '../components/ProgressLine.tsx'
import { useProgress } from '../hooks/useProgress.ts'
import type { SessionId } from '../../../src-shared/ids.ts'

export function RecoveryPasswordDialog({
  vaultId,
  vaultName,
  onDone,
  onCancel,
}: {
  vaultId: SessionId
  vaultName: string
  onDone: (fresh: IssuedSecrets) => void
  onCancel: () => void
}) {
  const id = useId()
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const progress = useProgress(vaultId, busy)

  const submit = async () => {
    if (!password) return setError('Choose a new master password.')
    if (password !== confirm) return setError('The two entries differ.')
    setBusy(true)
    setError(null)
    try {
      onDone(await call(api().vaultSettings.completeRecovery(vaultId, password)))
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="Choose a new master password"
      onClose={onCancel}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Lock instead
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            Set password
          </button>
        </>
      }
    >
      <p>
        You unlocked <strong>{vaultName}</strong> with a recovery key. Choose a new master password
        to keep using it; the recovery key you used then stops working and you get a new one.
      </p>
      <NewPasswordFields
        id={id}
        labels={{ password: 'New master password', repeat: 'Repeat the new master password' }}
        value={{ password, repeat: confirm }}
        onChange={(v) => {
          setPassword(v.password)
          setConfirm(v.repeat)
        }}
        autoFocus
      />
      <ProgressLine busy={busy} progress={progress} />
      <ErrorAlert message={error} />
    </Dialog>
  )
}
