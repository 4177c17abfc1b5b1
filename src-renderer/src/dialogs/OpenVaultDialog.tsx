import { useId, useState } from 'react'
import type { VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { Dialog } from '../components/Dialog.tsx'

export function OpenVaultDialog({
  onClose,
  onOpened,
  onRestoreBackup,
  onJoinSync,
}: {
  onClose: () => void
  onOpened: (vault: VaultInfo) => void
  /** A backup file is restored into a new vault, not opened as one. */
  onRestoreBackup: () => void
  /** A vault other computers sync through a folder is joined, not opened. */
  onJoinSync: () => void
}) {
  const { info } = useApp()
  const [isBackup, setIsBackup] = useState(false)
  const id = useId()
  const [path, setPath] = useState('')
  const [error, setError] = useState<string | null>(null)

  const open = async (p: string) => {
    if (/\.cairnbackup$/i.test(p)) {
      setIsBackup(true)
      setError(
        'This is a Cairn backup, not a vault: a backup is made into a vault with Restore backup, which asks for the backup’s password.',
      )
      return
    }
    setIsBackup(false)
    try {
      onOpened(await call(api().vaults.open(p)))
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  const browse = async () => {
    try {
      const chosen = await call(api().dialogs.chooseVaultToOpen())
      if (chosen) await open(chosen)
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <Dialog
      title="Open vault file"
      onClose={onClose}
      onSubmit={() =>
        path.trim()
          ? void open(path.trim())
          : info.capabilities.fileDialogs
            ? void browse()
            : setError('Enter the file’s path.')
      }
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Open
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={`${id}-path`}>Vault file</label>
        <div className="input-row">
          <input
            id={`${id}-path`}
            className="input mono"
            placeholder={
              // With native dialogs, main opens only files chosen there (or recent ones).
              info.capabilities.fileDialogs
                ? 'Choose the file with Browse…'
                : '/home/you/Documents/Passwords.cairn'
            }
            readOnly={info.capabilities.fileDialogs}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            autoFocus
          />
          {info.capabilities.fileDialogs && (
            <button type="button" className="btn" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {isBackup && (
        <button type="button" className="btn" onClick={onRestoreBackup}>
          Restore backup…
        </button>
      )}
      <p className="hint">
        A vault your other computers sync through a shared folder?{' '}
        <button type="button" className="btn small ghost" onClick={onJoinSync}>
          Join a synced vault…
        </button>
      </p>
    </Dialog>
  )
}
