// "Import…": one dialog for every format Cairn reads. The person drops or chooses a file; main
// names the format, asks for the export's password when it is encrypted, and previews what will
// be added to which vault, what is skipped as already there, and any problem (which blocks the
// import). A login read with a TOTP is linked to its key, which goes to the 2FA vault chosen
// under "2FA keys to" or beside the login. Importing writes everything or nothing; afterwards a
// plain export is worth deleting, which Cairn can do when it knows where the file is.
import { useId, useRef, useState, type DragEvent } from 'react'
import type {
  ImportDone,
  ImportPreview,
  SessionId,
  VaultInfo,
} from '../../../src-shared/ipc-contract.ts'
import { groupPathLabel } from '../../../src-shared/group-path.ts'
import { api, call, errorMessage } from '../api.ts'
import { Dialog } from '../components/Dialog.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { Icon } from '../components/Icons.tsx'
import { PasswordInput } from '../components/PasswordInput.tsx'
import { ProgressLine } from '../components/ProgressLine.tsx'
import { useProgress } from '../hooks/useProgress.ts'

interface Chosen {
  name: string
  bytes: Uint8Array
  /** Known in Electron only; lets main delete the file after a plain import. */
  path: string | null
}

type Ready = Extract<ImportPreview, { status: 'ready' }>

export function ImportDialog({
  vaults,
  initialVaultId,
  suggestedKeysVaultId,
  onClose,
}: {
  /** Unlocked vaults the items can go to. */
  vaults: VaultInfo[]
  initialVaultId: SessionId
  /** The person's 2FA vault, when one is unlocked: the export's 2FA keys go there by default. */
  suggestedKeysVaultId: SessionId | null
  onClose: () => void
}) {
  const id = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const [vaultId, setVaultId] = useState(initialVaultId)
  const [keysVaultId, setKeysVaultId] = useState<SessionId | null>(
    suggestedKeysVaultId === initialVaultId ? null : suggestedKeysVaultId,
  )
  const [deleted, setDeleted] = useState(false)
  const [chosen, setChosen] = useState<Chosen | null>(null)
  const [needsPassword, setNeedsPassword] = useState<string | null>(null)
  const [takesKeyFile, setTakesKeyFile] = useState(false)
  const [keyFile, setKeyFile] = useState<Chosen | null>(null)
  const keyFileInput = useRef<HTMLInputElement>(null)
  const [password, setPassword] = useState('')
  const [preview, setPreview] = useState<Ready | null>(null)
  const [done, setDone] = useState<ImportDone | null>(null)
  const [busy, setBusy] = useState(false)
  const [over, setOver] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const progress = useProgress(vaultId, busy)
  const vaultName = vaults.find((v) => v.id === vaultId)?.name ?? ''

  const read = async (
    file: Chosen,
    target = vaultId,
    secret: string | null = null,
    keysTarget = keysVaultId,
  ) => {
    setError(null)
    setPreview(null)
    setBusy(true)
    try {
      const result = await call(
        api().imports.preview(target, {
          fileName: file.name,
          bytes: file.bytes,
          password: secret,
          keyFile: keyFile?.bytes ?? null,
          format: null,
          keysVaultId: keysTarget === target ? null : keysTarget,
          path: file.path,
        }),
      )
      if (result.status === 'needs-password') {
        setNeedsPassword(result.formatName)
        setTakesKeyFile(result.takesKeyFile)
      } else {
        setPreview(result)
        setNeedsPassword(null)
      }
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const choose = async (file: File | undefined | null) => {
    if (!file) return
    const next = {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      path: window.cairnFiles?.pathOf(file) ?? null,
    }
    setChosen(next)
    setNeedsPassword(null)
    setKeyFile(null)
    setPassword('')
    await read(next)
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    void choose(e.dataTransfer.files[0])
  }

  const importAll = async () => {
    if (!preview) return
    setBusy(true)
    setError(null)
    try {
      setDone(await call(api().imports.apply(vaultId, preview.previewId)))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const deleteFile = async () => {
    setBusy(true)
    setError(null)
    try {
      await call(api().imports.deleteFile(vaultId))
      setDeleted(true)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const submit = () => {
    if (done) return onClose()
    if (chosen && needsPassword) return void read(chosen, vaultId, password)
    if (preview) return void importAll()
  }

  const blocked = !preview || preview.problems.length > 0 || preview.add.length === 0
  const keysVaultName = vaults.find((v) => v.id === keysVaultId)?.name ?? null
  const reread = (target: SessionId, keysTarget: SessionId | null) => {
    if (chosen && !needsPassword) void read(chosen, target, password || null, keysTarget)
  }
  const primary = done
    ? 'Close'
    : needsPassword
      ? 'Open export'
      : `Import ${preview?.add.length ?? 0} item${preview?.add.length === 1 ? '' : 's'}`

  return (
    <Dialog
      title="Import"
      wide
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          {!done && (
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
          )}
          <button
            type="submit"
            className="btn primary"
            disabled={busy || (!done && !needsPassword && blocked)}
          >
            {primary}
          </button>
        </>
      }
    >
      {done ? (
        <div role="status">
          <p>
            Imported {done.added} item{done.added === 1 ? '' : 's'} into {vaultName}
            {done.addedToKeysVault > 0 && keysVaultName
              ? ` (${done.addedToKeysVault} 2FA key${done.addedToKeysVault === 1 ? '' : 's'} into ${keysVaultName})`
              : ''}
            {done.skipped > 0 ? `; ${done.skipped} skipped as already there` : ''}.
          </p>
          {done.plainFile && !deleted && (
            <div className="notice">
              <p>
                The file you imported holds every secret unencrypted. Delete it securely
                {done.canDeleteFile ? (
                  ''
                ) : (
                  <>
                    {' '}
                    (on Linux: <code>shred -u FILE</code>)
                  </>
                )}
                , and empty any trash or synced copy of it.
              </p>
              <p>
                Overwriting before deleting helps on a simple disk, but on SSDs and copy-on-write
                filesystems (btrfs, ZFS, APFS, snapshots) old copies of the data can survive it:
                full-disk encryption is what protects them there.
              </p>
              {done.canDeleteFile && (
                <button
                  type="button"
                  className="btn danger"
                  disabled={busy}
                  onClick={() => void deleteFile()}
                >
                  Overwrite and delete the file
                </button>
              )}
            </div>
          )}
          {deleted && (
            <p className="notice ok">
              The imported file was overwritten with random bytes and deleted. Empty any synced or
              backed-up copy of it too.
            </p>
          )}
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-vault`}>Into vault</label>
            <select
              id={`${id}-vault`}
              className="input"
              value={vaultId}
              onChange={(e) => {
                // The select's value is a plain string: map it back to the vault it names.
                const picked = vaults.find((v) => v.id === e.target.value)
                if (!picked) return
                setVaultId(picked.id)
                const keysTarget = keysVaultId === picked.id ? null : keysVaultId
                setKeysVaultId(keysTarget)
                reread(picked.id, keysTarget)
              }}
            >
              {vaults.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          {vaults.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-keys-vault`}>2FA keys to</label>
              <select
                id={`${id}-keys-vault`}
                className="input"
                value={keysVaultId ?? ''}
                onChange={(e) => {
                  const picked = vaults.find((v) => v.id === e.target.value)
                  const keysTarget = picked ? picked.id : null
                  setKeysVaultId(keysTarget)
                  reread(vaultId, keysTarget)
                }}
              >
                <option value="">The same vault, beside their logins</option>
                {vaults
                  .filter((v) => v.id !== vaultId)
                  .map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
              </select>
            </div>
          )}
          <div
            className={`dropzone${over ? ' over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault()
              setOver(true)
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <Icon name="folder" size={30} />
            <div>
              {chosen
                ? chosen.name
                : 'Drop an export here (authenticators: Aegis, 2FAS, andOTP, FreeOTP, FreeOTP+, Proton Authenticator, Stratum, Steam, Duo, LastPass Authenticator, otpauth lists, QR images; password managers: KeePass/KeePassXC, Bitwarden, 1Password, LastPass, NordPass, Proton Pass, browser CSV), or choose a file.'}
            </div>
            <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
              <Icon name="folder" /> Choose file…
            </button>
            <input
              ref={fileInput}
              type="file"
              className="visually-hidden"
              aria-label="Export file to import"
              tabIndex={-1}
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </div>
          {needsPassword && (
            <div className="field">
              <label htmlFor={`${id}-password`}>Password of the {needsPassword} export</label>
              <PasswordInput
                id={`${id}-password`}
                label="export password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoFocus
              />
            </div>
          )}
          {needsPassword && takesKeyFile && (
            <div className="field">
              <span id={`${id}-key-file`}>Key file (if the database uses one)</span>
              <div className="input-row">
                <span>{keyFile ? keyFile.name : 'None'}</span>
                <button
                  type="button"
                  className="btn"
                  aria-describedby={`${id}-key-file`}
                  onClick={() => keyFileInput.current?.click()}
                >
                  <Icon name="folder" /> Choose key file…
                </button>
                {keyFile && (
                  <button type="button" className="btn" onClick={() => setKeyFile(null)}>
                    No key file
                  </button>
                )}
              </div>
              <input
                ref={keyFileInput}
                type="file"
                className="visually-hidden"
                aria-label="KeePass key file"
                tabIndex={-1}
                onChange={(e) => {
                  const file = e.target.files?.[0]
                  if (!file) return
                  void file
                    .arrayBuffer()
                    .then((buffer) =>
                      setKeyFile({ name: file.name, bytes: new Uint8Array(buffer), path: null }),
                    )
                }}
              />
              <p className="hint">With a key file alone, leave the password empty.</p>
            </div>
          )}
          {preview && <PreviewLists preview={preview} vaultName={vaultName} />}
          <ProgressLine busy={busy} progress={progress} />
        </>
      )}
      <ErrorAlert message={error} />
    </Dialog>
  )
}

function PreviewLists({ preview, vaultName }: { preview: Ready; vaultName: string }) {
  const keysVault = preview.keysVaultName
  const toKeys = preview.add.filter((a) => a.inKeysVault).length
  return (
    <div className="import-preview" aria-label="Import preview">
      <p role="status">
        Found: {preview.formatName}
        {preview.encrypted ? ' (encrypted)' : ''}. {preview.add.length - toKeys} to add to{' '}
        {vaultName}
        {toKeys > 0 && keysVault ? `, ${toKeys} to ${keysVault}` : ''}
        {preview.skipped.length > 0 ? `, ${preview.skipped.length} already there (skipped)` : ''}.
      </p>
      {preview.keysBesideLogins > 0 && (
        <p className="notice">
          {preview.keysBesideLogins} login{preview.keysBesideLogins === 1 ? '’s' : 's’'} 2FA key
          {preview.keysBesideLogins === 1 ? '' : 's'} will go into {vaultName} beside{' '}
          {preview.keysBesideLogins === 1 ? 'its login' : 'their logins'}. To keep 2FA keys in your
          2FA vault, choose it under “2FA keys to”.
        </p>
      )}
      {preview.problems.length > 0 && (
        <>
          <h3>Problems (nothing can be imported until they are fixed)</h3>
          <ul className="error-text">
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {preview.add.length > 0 && (
        <>
          <h3>To add</h3>
          <ul>
            {preview.add.map((a) => (
              <li key={a.from}>
                {a.label}
                {a.inKeysVault && keysVault ? ` → ${keysVault}` : ''}
                {a.group && ` in group ${groupPathLabel(a.group)}`}
                {a.link &&
                  `, shows the code of ${a.link.label}${a.link.inKeysVault && keysVault ? ` in ${keysVault}` : ''}${a.link.existing ? ' (already there)' : ''}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.skipped.length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul>
            {preview.skipped.map((s) => (
              <li key={s.label}>
                {s.label}: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul>
            {preview.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
