// Restoring a backup into a new vault file. The backup is checked first to learn which secret it
// needs: the vault's master password or a recovery key (of the time it was made), or its own
// passphrase plus a master password for the new vault. The new vault opens locked in the sidebar.
import { useId, useState } from 'react'
import type {
  BackupFileInfo,
  CredentialKind,
  RestoreDone,
} from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { FilePathField } from '../components/FilePathField.tsx'
import { PasswordField } from '../components/PasswordField.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { PasswordInput } from '../components/PasswordInput.tsx'
import { ProgressLine } from '../components/ProgressLine.tsx'
import { formatDate } from '../format.ts'
import { useProgress } from '../hooks/useProgress.ts'

export function RestoreBackupDialog({
  onClose,
  onRestored,
}: {
  onClose: () => void
  onRestored: (done: RestoreDone) => void
}) {
  const id = useId()
  const [backupPath, setBackupPath] = useState('')
  const [info, setInfo] = useState<BackupFileInfo | null>(null)
  const [vaultPath, setVaultPath] = useState('')
  const [kind, setKind] = useState<CredentialKind>('password')
  const [secret, setSecret] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const progress = useProgress(null, busy)

  const inspect = async (path = backupPath) => {
    setError(null)
    try {
      const found = await call(api().vaultSettings.inspectBackup(path.trim()))
      setInfo(found)
      if (!vaultPath) setVaultPath(await call(api().vaults.suggestPath('Restored vault')))
    } catch (e) {
      setInfo(null)
      setError(errorMessage(e))
    }
  }

  // Main's dialogs hand out the paths the app may use (typed paths work only in the dev harness).
  const browseBackup = async () => {
    try {
      const chosen = await call(api().dialogs.chooseFileToRead())
      if (chosen) {
        setBackupPath(chosen)
        await inspect(chosen)
      }
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  const browseTarget = async () => {
    try {
      const chosen = await call(api().dialogs.chooseNewVaultPath(vaultPath))
      if (chosen) setVaultPath(chosen)
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  const restore = async () => {
    if (!info) return void inspect()
    if (!vaultPath.trim()) return setError('Choose where to write the restored vault.')
    if (info.protection === 'passphrase') {
      if (!passphrase) return setError('Enter the backup passphrase.')
      if (!newPassword) return setError('Choose a master password for the restored vault.')
      if (newPassword !== repeat) return setError('The two master password entries differ.')
    } else if (!secret) {
      return setError(
        kind === 'password' ? 'Enter the master password.' : 'Enter the recovery key.',
      )
    }
    setBusy(true)
    setError(null)
    try {
      const done = await call(
        api().vaultSettings.restore({
          backupPath: backupPath.trim(),
          vaultPath: vaultPath.trim(),
          secret: info.protection === 'vault-slots' ? { kind, value: secret } : null,
          passphrase: info.protection === 'passphrase' ? passphrase : null,
          newPassword: info.protection === 'passphrase' ? newPassword : null,
        }),
      )
      onRestored(done)
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="Restore a backup"
      onClose={onClose}
      onSubmit={() => void restore()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {info ? 'Restore' : 'Check backup'}
          </button>
        </>
      }
    >
      <FilePathField
        id={`${id}-backup`}
        label="Backup file"
        value={backupPath}
        onChange={(value) => {
          setBackupPath(value)
          setInfo(null)
        }}
        onBrowse={() => void browseBackup()}
        autoFocus
      >
        <button type="button" className="btn" onClick={() => void inspect()}>
          Check
        </button>
      </FilePathField>
      {info && (
        <>
          <p className="notice" role="status">
            Backup made {formatDate(info.createdAt)},{' '}
            {info.protection === 'passphrase'
              ? 'protected by its own backup passphrase.'
              : 'protected by the vault’s master password and recovery keys of that time.'}
          </p>
          {info.protection === 'vault-slots' ? (
            <div className="field">
              <label htmlFor={`${id}-kind`}>Open it with</label>
              <select
                id={`${id}-kind`}
                className="input"
                value={kind}
                onChange={(e) => setKind(e.target.value as CredentialKind)}
              >
                <option value="password">The master password</option>
                <option value="recovery-key">A recovery key</option>
              </select>
              <PasswordInput
                id={`${id}-secret`}
                label={kind === 'password' ? 'master password' : 'recovery key'}
                aria-label={kind === 'password' ? 'Master password' : 'Recovery key'}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
            </div>
          ) : (
            <>
              <PasswordField
                id={`${id}-pp`}
                label="Backup passphrase"
                spokenName="backup passphrase"
                value={passphrase}
                onChange={setPassphrase}
              />
              <div className="grid-2">
                <PasswordField
                  id={`${id}-np`}
                  label="Master password of the restored vault"
                  spokenName="new master password"
                  value={newPassword}
                  onChange={setNewPassword}
                />
                <PasswordField
                  id={`${id}-np2`}
                  label="Repeat it"
                  spokenName="repeated new master password"
                  value={repeat}
                  onChange={setRepeat}
                />
              </div>
            </>
          )}
          <FilePathField
            id={`${id}-vault`}
            label="Restore into (a new vault file)"
            value={vaultPath}
            onChange={setVaultPath}
            onBrowse={() => void browseTarget()}
          />
        </>
      )}
      <ProgressLine busy={busy} progress={progress} />
      <ErrorAlert message={error} />
    </Dialog>
  )
}
