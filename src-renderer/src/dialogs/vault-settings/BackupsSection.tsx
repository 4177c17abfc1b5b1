// Backups of one vault: a backup to a file now (protected like the vault, or by its own
// passphrase), and automatic backups into a folder that keeps the newest N versions. Each part says
// its errors and progress beside its own buttons. A backup never overwrites a file, so after one
// (or when the name is taken) a free name from main is filled in for the next.
import { useId, useState } from 'react'
import type { SuggestedPaths, VaultSettingsInfo } from '../../../../src-shared/ipc-contract.ts'
import { api, call, errorCode } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { FilePathField } from '../../components/FilePathField.tsx'
import { PasswordField } from '../../components/PasswordField.tsx'
import { NumberField } from '../../components/NumberField.tsx'
import { ProgressLine } from '../../components/ProgressLine.tsx'
import { formatDate } from '../../format.ts'
import { useProgress } from '../../hooks/useProgress.ts'
import { Invalid, runTask } from './run-task.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'

export function BackupsSection({
  vaultId,
  suggested,
  info,
  onInfo,
}: {
  vaultId: SessionId
  suggested: SuggestedPaths
  info: VaultSettingsInfo
  onInfo: (info: VaultSettingsInfo) => void
}) {
  const { notify } = useApp()
  const id = useId()
  const [path, setPath] = useState(suggested.backup)
  const [usePassphrase, setUsePassphrase] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const [master, setMaster] = useState('')
  const [folder, setFolder] = useState(info.autoBackup?.folder ?? suggested.autoBackupFolder)
  const [keep, setKeep] = useState(String(info.autoBackup?.keep ?? 10))
  /** Which part is working: the backup to a file, or the automatic backups. */
  const [busyPart, setBusyPart] = useState<'file' | 'auto' | null>(null)
  const busy = busyPart !== null
  const [fileError, setFileError] = useState<string | null>(null)
  const [autoError, setAutoError] = useState<string | null>(null)
  const progress = useProgress(vaultId, busy)

  const runFile = (fn: () => Promise<void>) =>
    runTask(fn, (b) => setBusyPart(b ? 'file' : null), setFileError)
  const run = (fn: () => Promise<void>) =>
    runTask(fn, (b) => setBusyPart(b ? 'auto' : null), setAutoError)

  /** A free file name in the same place as the suggestions, allowed for writing by main. */
  const freshPath = async () => (await call(api().vaultSettings.suggestPaths(vaultId))).backup

  const backup = () =>
    runFile(async () => {
      if (!path.trim()) throw new Invalid('Enter where to write the backup.')
      if (usePassphrase && !passphrase) throw new Invalid('Choose a backup passphrase.')
      if (usePassphrase && passphrase !== confirm) throw new Invalid('The two passphrases differ.')
      if (usePassphrase && !master) {
        throw new Invalid('Enter the master password to set a backup passphrase.')
      }
      let done
      try {
        done = await call(
          api().vaultSettings.backup(vaultId, {
            path: path.trim(),
            passphrase: usePassphrase ? passphrase : null,
            currentPassword: usePassphrase ? master : null,
          }),
        )
      } catch (e) {
        if (errorCode(e) !== 'FILE_EXISTS') throw e
        const free = await freshPath()
        setPath(free)
        throw new Invalid(
          `A file named ${fileName(path.trim())} is already there, and Cairn never overwrites one. ` +
            `The free name ${fileName(free)} is filled in: press Back up again.`,
        )
      }
      setPassphrase('')
      setConfirm('')
      setMaster('')
      notify(`Backed up ${done.items} item(s) to ${done.path}.`)
      setPath(await freshPath())
      onInfo(await call(api().vaultSettings.info(vaultId)))
    })

  const setAuto = (on: boolean) =>
    run(async () => {
      const keepN = Number(keep)
      if (on && !folder.trim()) throw new Invalid('Enter the folder for automatic backups.')
      if (on && (!Number.isInteger(keepN) || keepN < 1 || keepN > 100)) {
        throw new Invalid('Keep 1 to 100 versions.')
      }
      onInfo(
        await call(
          api().vaultSettings.setAutoBackup(
            vaultId,
            on ? { folder: folder.trim(), keep: keepN } : null,
          ),
        ),
      )
      notify(on ? 'Automatic backups are on.' : 'Automatic backups are off.')
    })

  // Main's dialogs hand out the paths the app may use (typed paths work only in the dev harness).
  const browseFile = () =>
    runFile(async () => {
      const chosen = await call(api().dialogs.chooseSavePath('backup', path))
      if (chosen) setPath(chosen)
    })

  const browseFolder = () =>
    run(async () => {
      const chosen = await call(api().dialogs.chooseFolder(folder))
      if (chosen) setFolder(chosen)
    })

  const backupNow = () =>
    run(async () => {
      onInfo(await call(api().vaultSettings.backupNow(vaultId)))
      notify('Backed up.')
    })

  const auto = info.autoBackup
  return (
    <section aria-labelledby={`${id}-title`}>
      {info.reminder.due && (
        <p className="notice warn" role="status">
          {info.reminder.lastBackupAt === null
            ? `This vault has never been backed up (${info.reminder.days} days old).`
            : `The last backup is ${info.reminder.days} days old.`}
        </p>
      )}
      <h3 id={`${id}-title`} className="section-title">
        Back up now
      </h3>
      <FilePathField
        id={`${id}-path`}
        label="Backup file (a new file)"
        value={path}
        onChange={setPath}
        onBrowse={() => void browseFile()}
      />
      <fieldset className="choice">
        <legend>Protected by</legend>
        <label className="check">
          <input
            type="radio"
            name={`${id}-prot`}
            checked={!usePassphrase}
            onChange={() => setUsePassphrase(false)}
          />
          This vault’s master password and recovery keys
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${id}-prot`}
            checked={usePassphrase}
            onChange={() => setUsePassphrase(true)}
          />
          A separate backup passphrase
        </label>
      </fieldset>
      {usePassphrase && (
        <div className="grid-2">
          <PasswordField
            id={`${id}-pp`}
            label="Backup passphrase"
            spokenName="backup passphrase"
            value={passphrase}
            onChange={setPassphrase}
          />
          <PasswordField
            id={`${id}-pp2`}
            label="Repeat the passphrase"
            spokenName="repeated backup passphrase"
            value={confirm}
            onChange={setConfirm}
          />
          <PasswordField
            id={`${id}-pp-master`}
            label="Master password (a passphrase is a new way into the data)"
            spokenName="master password for the backup passphrase"
            value={master}
            onChange={setMaster}
          />
        </div>
      )}
      <button type="button" className="btn primary" disabled={busy} onClick={() => void backup()}>
        Back up
      </button>
      <ProgressLine busy={busyPart === 'file'} progress={progress} />
      <ErrorAlert message={fileError} />

      <h3 className="section-title">Automatic backups</h3>
      <p className="hint">
        After changes, Cairn writes a backup into this folder and keeps the newest versions. A
        folder your cloud service syncs keeps them off this device too. They open with this vault’s
        master password and recovery keys.
      </p>
      <div className="grid-2">
        <FilePathField
          id={`${id}-folder`}
          label="Folder"
          value={folder}
          onChange={setFolder}
          onBrowse={() => void browseFolder()}
        />
        <NumberField
          id={`${id}-keep`}
          label="Versions to keep"
          min={1}
          max={100}
          value={keep}
          onChange={setKeep}
        />
      </div>
      {auto && (
        <p className="hint" data-testid="auto-backup-status">
          {auto.lastBackupAt ? `Last backup ${formatDate(auto.lastBackupAt)}` : 'No backup yet'}
          {auto.pending ? ' · changes waiting' : ''}
          {auto.lastError ? ` · ${auto.lastError}` : ''}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="btn" disabled={busy} onClick={() => void setAuto(true)}>
          {auto ? 'Save' : 'Turn on'}
        </button>
        {auto && (
          <>
            <button type="button" className="btn" disabled={busy} onClick={() => void backupNow()}>
              Back up now
            </button>
            <button
              type="button"
              className="btn ghost"
              disabled={busy}
              onClick={() => void setAuto(false)}
            >
              Turn off
            </button>
          </>
        )}
      </div>
      <ProgressLine busy={busyPart === 'auto'} progress={progress} />
      <ErrorAlert message={autoError} />
    </section>
  )
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path
}
