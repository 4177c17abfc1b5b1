// A new computer joins a synced vault: choose the folder the other computers sync into, where the
// vault file goes on this computer, and type the vault's master password. The vault is made from
// the newest device file in the folder (same vault, same password), linked, opened and unlocked.
import { useEffect, useId, useState } from 'react'
import type { VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { Dialog } from '../components/Dialog.tsx'
import { FilePathField } from '../components/FilePathField.tsx'
import { PasswordField } from '../components/PasswordField.tsx'
import { ProgressLine } from '../components/ProgressLine.tsx'

export function JoinSyncDialog({
  onClose,
  onJoined,
}: {
  onClose: () => void
  onJoined: (vault: VaultInfo) => void
}) {
  const id = useId()
  const [folder, setFolder] = useState('')
  const [path, setPath] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    call(api().vaults.suggestPath('Synced vault'))
      .then((p) => !cancelled && setPath((old) => old || p))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [])

  const attempt = async (fn: () => Promise<void>) => {
    setError(null)
    try {
      await fn()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  const submit = async () => {
    if (!folder.trim()) return setError('Choose the folder your sync tool shares.')
    if (!path.trim()) return setError('Choose where to save the vault file on this computer.')
    if (!password) return setError('Enter the vault’s master password.')
    setBusy(true)
    try {
      await attempt(async () => {
        const vault = await call(
          api().sync.join({ folder: folder.trim(), vaultPath: path.trim(), password }),
        )
        setPassword('')
        onJoined(vault)
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="Join a synced vault"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Joining…' : 'Join'}
          </button>
        </>
      }
    >
      <p className="hint">
        On this computer, make the vault another computer syncs through a shared folder. It opens
        with the same master password.
      </p>
      <FilePathField
        id={`${id}-folder`}
        label="Sync folder"
        value={folder}
        onChange={setFolder}
        onBrowse={() =>
          void attempt(async () => {
            const chosen = await call(api().dialogs.chooseFolder(folder.trim() || path))
            if (chosen) setFolder(chosen)
          })
        }
      />
      <FilePathField
        id={`${id}-path`}
        label="New vault file on this computer"
        value={path}
        onChange={setPath}
        onBrowse={() =>
          void attempt(async () => {
            const chosen = await call(api().dialogs.chooseNewVaultPath(path))
            if (chosen) setPath(chosen)
          })
        }
      />
      <PasswordField
        id={`${id}-pw`}
        label="Master password"
        spokenName="master password of the synced vault"
        value={password}
        onChange={setPassword}
      />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <ProgressLine
        busy={busy}
        progress={null}
        text="Joining: deriving the vault key from the master password, then merging every device’s file…"
      />
    </Dialog>
  )
}
