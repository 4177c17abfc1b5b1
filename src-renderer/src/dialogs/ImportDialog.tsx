// "Import…": one dialog for every format Cairn reads. The person drops or chooses a file; main
// names the format, asks for the export's password when it is encrypted, and previews what will
// be added to which vault, what is skipped as already there, and any problem (which blocks the
// import). Importing writes everything or nothing; afterwards a plain export is worth deleting.
import { useId, useRef, useState, type DragEvent } from 'react'
import type { ImportDone, ImportPreview, VaultInfo } from '../../../src-shared/ipc-contract.ts'
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
}

type Ready = Extract<ImportPreview, { status: 'ready' }>

export function ImportDialog({
  vaults,
  initialVaultId,
  onClose,
}: {
  /** Unlocked vaults the items can go to. */
  vaults: VaultInfo[]
  initialVaultId: string
  onClose: () => void
}) {
  const id = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const [vaultId, setVaultId] = useState(initialVaultId)
  const [chosen, setChosen] = useState<Chosen | null>(null)
  const [needsPassword, setNeedsPassword] = useState<string | null>(null)
  const [password, setPassword] = useState('')
  const [preview, setPreview] = useState<Ready | null>(null)
  const [done, setDone] = useState<ImportDone | null>(null)
  const [busy, setBusy] = useState(false)
  const [over, setOver] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const progress = useProgress(vaultId, busy)
  const vaultName = vaults.find((v) => v.id === vaultId)?.name ?? ''

  const read = async (file: Chosen, target = vaultId, secret: string | null = null) => {
    setError(null)
    setPreview(null)
    setBusy(true)
    try {
      const result = await call(
        api().imports.preview(target, {
          fileName: file.name,
          bytes: file.bytes,
          password: secret,
          format: null,
        }),
      )
      if (result.status === 'needs-password') setNeedsPassword(result.formatName)
      else {
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
    const next = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
    setChosen(next)
    setNeedsPassword(null)
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

  const submit = () => {
    if (done) return onClose()
    if (chosen && needsPassword) return void read(chosen, vaultId, password)
    if (preview) return void importAll()
  }

  const blocked = !preview || preview.problems.length > 0 || preview.add.length === 0
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
            {done.skipped > 0 ? `; ${done.skipped} skipped as already there` : ''}.
          </p>
          {done.plainFile && (
            <p className="notice">
              The file you imported holds every secret unencrypted. Delete it securely (on Linux:
              <code> shred -u FILE</code>), and empty any trash or synced copy of it.
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
                setVaultId(e.target.value)
                if (chosen && !needsPassword) void read(chosen, e.target.value, password || null)
              }}
            >
              {vaults.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
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
                : 'Drop an export here (Aegis, 2FAS, andOTP, FreeOTP+, Proton Authenticator, Stratum, Steam, Duo, LastPass Authenticator, otpauth lists, QR images), or choose a file.'}
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
          {preview && <PreviewLists preview={preview} vaultName={vaultName} />}
          <ProgressLine busy={busy} progress={progress} />
        </>
      )}
      <ErrorAlert message={error} />
    </Dialog>
  )
}

function PreviewLists({ preview, vaultName }: { preview: Ready; vaultName: string }) {
  return (
    <div className="import-preview" aria-label="Import preview">
      <p role="status">
        Found: {preview.formatName}
        {preview.encrypted ? ' (encrypted)' : ''}. {preview.add.length} to add to {vaultName}
        {preview.skipped.length > 0 ? `, ${preview.skipped.length} already there (skipped)` : ''}.
      </p>
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
              <li key={a.from}>{a.label}</li>
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
