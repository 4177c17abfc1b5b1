// Sync of one vault through a folder a sync tool shares (Syncthing, Dropbox, Nextcloud, …): link
// or unlink the folder, sync now, each device's file with its last change, conflict copies to
// resolve, a key changed on another computer, and joining a synced vault from a new computer.
import { useId, useState } from 'react'
import type { SyncStatus } from '../../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'
import { api, call } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { FilePathField } from '../../components/FilePathField.tsx'
import { PasswordField } from '../../components/PasswordField.tsx'
import { formatDate } from '../../format.ts'
import { useNow } from '../../hooks/useNow.ts'
import { useSyncStatus } from '../../hooks/useSyncStatus.ts'
import { agoText } from '../../sync/sync-words.ts'
import { JoinSyncDialog } from '../JoinSyncDialog.tsx'
import { Invalid, runTask } from './run-task.ts'

export function SyncSection({
  vaultId,
  vaultPath,
  onClose,
}: {
  vaultId: SessionId
  /** Where the folder dialog starts when no folder is typed yet. */
  vaultPath: string
  onClose: () => void
}) {
  const { epoch, notify, showTag } = useApp()
  const id = useId()
  const fetched = useSyncStatus(vaultId, epoch)
  // A call's own answer shows at once; later passes replace it through the hook.
  const [answered, setAnswered] = useState<{ from: SyncStatus | null; status: SyncStatus } | null>(
    null,
  )
  const status = answered && answered.from === fetched ? answered.status : fetched
  const [folder, setFolder] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [joining, setJoining] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const now = useNow(15_000)

  const run = (fn: () => Promise<SyncStatus | void>, done?: string) =>
    runTask(
      async () => {
        const next = await fn()
        if (next) setAnswered({ from: fetched, status: next })
        if (done) notify(done)
      },
      setBusy,
      setError,
    )

  const link = () =>
    run(async () => {
      if (!folder.trim()) throw new Invalid('Enter the folder your sync tool shares.')
      return call(api().sync.link(vaultId, folder.trim()))
    }, 'Linked: this vault now syncs through the folder.')

  const browse = () =>
    run(async () => {
      const start = folder.trim() || status?.link?.folder || vaultPath
      const chosen = await call(api().dialogs.chooseFolder(start))
      if (chosen) setFolder(chosen)
    })

  const adopt = () =>
    run(async () => {
      if (!newPassword) throw new Invalid('Enter the new master password.')
      const next = await call(api().sync.adoptNewPassword(vaultId, newPassword))
      setNewPassword('')
      return next
    }, 'Took over the new vault key: use the new master password from now on.')

  if (!status) return <ErrorAlert message={error} />
  const l = status.link
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        Sync through a folder
      </h3>
      <p className="hint">
        Choose a folder that a sync tool (Syncthing, Dropbox, Nextcloud, iCloud Drive) shares
        between your computers. Each computer writes only its own encrypted file there; the vault
        file itself never goes into the folder. Keep automatic backups too.
      </p>
      {l ? (
        <>
          <dl className="facts" data-testid="sync-facts">
            <dt>Folder</dt>
            <dd className="mono">{l.folder}</dd>
            <dt>This device</dt>
            <dd className="mono">{l.deviceId}</dd>
            <dt>Last synced</dt>
            <dd>{l.lastSyncedAt === null ? 'not yet' : agoText(l.lastSyncedAt, now)}</dd>
          </dl>
          {status.error && (
            <p className="notice warn" role="alert">
              {status.error}
            </p>
          )}
          {status.needsNewPassword && (
            <div className="notice warn">
              <p>
                The vault key was changed on another computer. Enter the new master password to take
                it over here; everything on this computer is kept.
              </p>
              <PasswordField
                id={`${id}-newpw`}
                label="New master password"
                spokenName="new master password from the other computer"
                value={newPassword}
                onChange={setNewPassword}
              />
              <button type="button" className="btn" disabled={busy} onClick={() => void adopt()}>
                Use the new password
              </button>
            </div>
          )}
          <div className="button-row">
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => void run(() => call(api().sync.now(vaultId)), 'Synced.')}
            >
              Sync now
            </button>
            <button
              type="button"
              className="btn ghost"
              disabled={busy}
              onClick={() =>
                void run(
                  () => call(api().sync.unlink(vaultId)),
                  'Unlinked: this vault no longer syncs.',
                )
              }
            >
              Unlink
            </button>
          </div>

          <h3 className="section-title">Devices</h3>
          <table className="slots" aria-label="Devices in the sync folder">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Last change</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.devices.map((d) => (
                <tr key={`${d.deviceId}-${d.syncToolCopy ? 'copy' : 'own'}`}>
                  <td>
                    <span className="mono">{d.deviceId}</span>
                    {d.thisDevice && <span className="hint"> (this device)</span>}
                    {d.syncToolCopy && <span className="hint"> (sync tool’s copy)</span>}
                    {d.note && <div className="error-text">Ignored: {d.note}</div>}
                  </td>
                  <td>{d.lastChangeAt === null ? 'unreadable' : formatDate(d.lastChangeAt)}</td>
                  <td>
                    {!d.thisDevice && !d.syncToolCopy && (
                      <button
                        type="button"
                        className="btn small ghost"
                        aria-label={`Forget device ${d.deviceId}`}
                        disabled={busy}
                        onClick={() =>
                          void run(
                            () => call(api().sync.forget(vaultId, d.deviceId)),
                            `Forgot device ${d.deviceId}.`,
                          )
                        }
                      >
                        Forget
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <>
          <FilePathField
            id={`${id}-folder`}
            label="Sync folder"
            value={folder}
            onChange={setFolder}
            onBrowse={() => void browse()}
          />
          <div className="button-row">
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => void link()}
            >
              Link
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setJoining(true)}>
              Join a synced vault…
            </button>
          </div>
        </>
      )}

      <h3 className="section-title">Conflicts</h3>
      {status.conflicts.length === 0 ? (
        <p className="hint">No conflict copies.</p>
      ) : (
        <>
          <p className="hint">
            These items were changed on two computers before either saw the other’s change. Both
            versions are kept: keep what you want and delete the other.
          </p>
          <ul aria-label="Conflict copies">
            {status.conflicts.map((c) => (
              <li key={c.itemId}>{c.title}</li>
            ))}
          </ul>
          <button
            type="button"
            className="btn"
            onClick={() => {
              showTag('conflict')
              onClose()
            }}
          >
            Show conflict copies
          </button>
        </>
      )}
      <ErrorAlert message={error} />
      {joining && (
        <JoinSyncDialog
          onClose={() => setJoining(false)}
          onJoined={(vault) => {
            setJoining(false)
            notify(`Joined “${vault.name}” as ${vault.fileName}.`)
            onClose()
          }}
        />
      )}
    </section>
  )
}
