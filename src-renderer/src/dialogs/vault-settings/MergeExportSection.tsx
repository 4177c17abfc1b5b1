// Bringing another copy of the vault in (a second vault file, e.g. from another computer, or a
// backup), the encrypted Aegis export of the 2FA keys for an authenticator app, and the
// unencrypted export for moving to another app.
import { useId, useState } from 'react'
import type { CredentialKind, SuggestedPaths } from '../../../../src-shared/ipc-contract.ts'
import { api, call, errorCode } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { FilePathField } from '../../components/FilePathField.tsx'
import { PasswordField } from '../../components/PasswordField.tsx'
import { PasswordInput } from '../../components/PasswordInput.tsx'
import { ProgressLine } from '../../components/ProgressLine.tsx'
import { useProgress } from '../../hooks/useProgress.ts'
import { Invalid, runTask } from './run-task.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'

export function MergeExportSection({
  vaultId,
  suggested,
}: {
  vaultId: SessionId
  suggested: SuggestedPaths
}) {
  const { notify } = useApp()
  const id = useId()
  const [other, setOther] = useState('')
  const [needsSecret, setNeedsSecret] = useState(false)
  const [secretKind, setSecretKind] = useState<CredentialKind>('password')
  const [secret, setSecret] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [report, setReport] = useState<string | null>(null)
  const [format, setFormat] = useState<'otpauth' | 'csv'>('otpauth')
  const [exportMaster, setExportMaster] = useState('')
  const [exportPath, setExportPath] = useState(suggested.otpauthExport)
  const [acknowledged, setAcknowledged] = useState(false)
  const [aegisPath, setAegisPath] = useState(suggested.aegisExport)
  const [aegisPassword, setAegisPassword] = useState('')
  const [aegisRepeat, setAegisRepeat] = useState('')
  const [aegisMaster, setAegisMaster] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const progress = useProgress(vaultId, busy)
  const run = (fn: () => Promise<void>) => runTask(fn, setBusy, setError)

  const merge = () =>
    run(async () => {
      if (!other.trim()) throw new Invalid('Enter the other copy’s file.')
      setReport(null)
      try {
        const r = await call(
          api().vaultSettings.merge(vaultId, {
            otherPath: other.trim(),
            secret: needsSecret && secret ? { kind: secretKind, value: secret } : null,
            passphrase: needsSecret && passphrase ? passphrase : null,
          }),
        )
        const conflicts = r.conflicts.length
          ? ` ${r.conflicts.length} item(s) changed on both sides were kept twice: ${r.conflicts.map((c) => `“${c.title}”`).join(', ')} (the other version as a conflict copy).`
          : ''
        setReport(
          `Merged: ${r.added} added, ${r.updated} updated, ${r.deleted} deleted, ${r.revived} brought back, ${r.unchanged} unchanged.${conflicts}`,
        )
        setSecret('')
        setPassphrase('')
      } catch (e) {
        if (errorCode(e) === 'WRONG_CREDENTIAL' || errorCode(e) === 'WRONG_PASSWORD') {
          setNeedsSecret(true)
        }
        throw e
      }
    })

  const browseOther = () =>
    run(async () => {
      const chosen = await call(api().dialogs.chooseFileToRead())
      if (chosen) setOther(chosen)
    })

  const browseExport = () =>
    run(async () => {
      const chosen = await call(api().dialogs.chooseSavePath('export', exportPath))
      if (chosen) setExportPath(chosen)
    })

  const browseAegis = () =>
    run(async () => {
      const chosen = await call(api().dialogs.chooseSavePath('export', aegisPath))
      if (chosen) setAegisPath(chosen)
    })

  const exportAegis = () =>
    run(async () => {
      if (!aegisPath.trim()) throw new Invalid('Choose where to write the Aegis file with Browse….')
      if (!aegisPassword) throw new Invalid('Choose a password for the Aegis file.')
      if (aegisPassword !== aegisRepeat) throw new Invalid('The two export passwords differ.')
      if (!aegisMaster) throw new Invalid('Enter the master password to export.')
      const done = await call(
        api().vaultSettings.exportAegis(vaultId, {
          path: aegisPath.trim(),
          exportPassword: aegisPassword,
          currentPassword: aegisMaster,
        }),
      )
      setAegisPassword('')
      setAegisRepeat('')
      setAegisMaster('')
      notify(
        `${done.keys} 2FA key${done.keys === 1 ? '' : 's'} written to ${done.path}, encrypted for Aegis.`,
      )
    })

  const exportPlain = () =>
    run(async () => {
      if (!acknowledged) throw new Invalid('Confirm that you understand the file is unencrypted.')
      if (!exportPath.trim()) throw new Invalid('Choose where to write the export with Browse….')
      if (!exportMaster) throw new Invalid('Enter the master password to export unencrypted.')
      const done = await call(
        api().vaultSettings.exportPlain(vaultId, {
          format,
          path: exportPath.trim(),
          acknowledgeUnencrypted: true,
          currentPassword: exportMaster,
        }),
      )
      setAcknowledged(false)
      setExportMaster('')
      notify(`Unencrypted export written to ${done.path}. Delete it once imported.`)
    })

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        Merge another copy
      </h3>
      <p className="hint">
        A copy of this vault file (from another computer) or a backup. Items changed on one side are
        taken; items changed on both are kept twice; deletions carry over. The other file is only
        read.
      </p>
      <FilePathField
        id={`${id}-other`}
        label="Other vault file or backup"
        value={other}
        onChange={setOther}
        onBrowse={() => void browseOther()}
      />
      {needsSecret && (
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-kind`}>It opens with</label>
            <select
              id={`${id}-kind`}
              className="input"
              value={secretKind}
              onChange={(e) => setSecretKind(e.target.value as CredentialKind)}
            >
              <option value="password">Its master password</option>
              <option value="recovery-key">A recovery key</option>
            </select>
            <PasswordInput
              id={`${id}-secret`}
              label="credential of the other copy"
              aria-label="Credential of the other copy"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          </div>
          <PasswordField
            id={`${id}-pp`}
            label="or its backup passphrase"
            spokenName="backup passphrase of the other copy"
            value={passphrase}
            onChange={setPassphrase}
          />
        </div>
      )}
      <button type="button" className="btn primary" disabled={busy} onClick={() => void merge()}>
        Merge into this vault
      </button>
      {report && (
        <p className="notice ok" role="status">
          {report}
        </p>
      )}

      <h3 className="section-title">2FA keys for an authenticator app</h3>
      <p className="hint">
        An Aegis vault file, encrypted with a password you choose here: Aegis, 2FAS, Ente Auth,
        Proton Authenticator and Stratum import it. It holds this vault’s 2FA keys only.
      </p>
      <FilePathField
        id={`${id}-aegis-out`}
        label="Aegis file (a new file)"
        value={aegisPath}
        onChange={setAegisPath}
        onBrowse={() => void browseAegis()}
      />
      <div className="grid-2">
        <PasswordField
          id={`${id}-aegis-pw`}
          label="Password for the Aegis file"
          spokenName="password for the Aegis file"
          value={aegisPassword}
          onChange={setAegisPassword}
        />
        <PasswordField
          id={`${id}-aegis-repeat`}
          label="Repeat that password"
          spokenName="repeated password for the Aegis file"
          value={aegisRepeat}
          onChange={setAegisRepeat}
        />
      </div>
      <PasswordField
        id={`${id}-aegis-master`}
        label="Master password (to export)"
        spokenName="master password for the Aegis export"
        value={aegisMaster}
        onChange={setAegisMaster}
      />
      <button type="button" className="btn" disabled={busy} onClick={() => void exportAegis()}>
        Export encrypted Aegis file
      </button>

      <h3 className="section-title">Unencrypted export</h3>
      <p className="notice warn">
        This writes secrets in the clear, for importing into another app. Anyone who can read the
        file gets them. Delete it once imported; for safekeeping use a backup instead.
      </p>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-format`}>What</label>
          <select
            id={`${id}-format`}
            className="input"
            value={format}
            onChange={(e) => {
              const next = e.target.value as 'otpauth' | 'csv'
              setFormat(next)
              // Follow the format while the path is still one of main's suggestions.
              if (exportPath === suggested.otpauthExport || exportPath === suggested.csvExport) {
                setExportPath(next === 'csv' ? suggested.csvExport : suggested.otpauthExport)
              }
            }}
          >
            <option value="otpauth">2FA keys as otpauth:// links</option>
            <option value="csv">Logins as CSV</option>
          </select>
        </div>
        <FilePathField
          id={`${id}-out`}
          label="File (a new file)"
          value={exportPath}
          onChange={setExportPath}
          onBrowse={() => void browseExport()}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={acknowledged}
          onChange={(e) => setAcknowledged(e.target.checked)}
        />
        I understand that this file is not encrypted
      </label>
      <PasswordField
        id={`${id}-export-master`}
        label="Master password (to export unencrypted)"
        spokenName="master password for the unencrypted export"
        value={exportMaster}
        onChange={setExportMaster}
      />
      <button
        type="button"
        className="btn danger"
        disabled={busy}
        onClick={() => void exportPlain()}
      >
        Export unencrypted
      </button>
      <ProgressLine busy={busy} progress={progress} />
      <ErrorAlert message={error} />
    </section>
  )
}
