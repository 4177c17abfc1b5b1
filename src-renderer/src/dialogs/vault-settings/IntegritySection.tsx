// What the vault's authenticated state says about its rows and key slots, and the one way to
// settle a report the person understands (they restored an older copy on purpose, say): accept
// the current contents. Otherwise the safe step is a restore from a backup.
import { useId, useState } from 'react'
import type { VaultSettingsInfo } from '../../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'
import { api, call } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { PasswordField } from '../../components/PasswordField.tsx'
import { Invalid, runTask } from './run-task.ts'

export function IntegritySection({
  vaultId,
  info,
  onInfo,
}: {
  vaultId: SessionId
  info: VaultSettingsInfo
  onInfo: (info: VaultSettingsInfo) => void
}) {
  const { notify } = useApp()
  const id = useId()
  const [understood, setUnderstood] = useState(false)
  const [current, setCurrent] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const accept = () =>
    runTask(
      async () => {
        if (!current) throw new Invalid('Enter the master password to accept the current contents.')
        onInfo(await call(api().vaultSettings.acceptCurrent(vaultId, current)))
        setCurrent('')
        setUnderstood(false)
        notify('The current contents were accepted: the vault seals them as they are now.')
      },
      setBusy,
      setError,
    )

  if (info.integrity.length === 0) {
    return (
      <section aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>Integrity</h3>
        <p className="notice ok" data-testid="integrity-ok">
          Every item and key slot is as Cairn last wrote it: nothing was rolled back, removed or
          added outside Cairn.
        </p>
      </section>
    )
  }
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Integrity</h3>
      <p>
        The vault file differs from what Cairn last sealed in it. Someone or something changed it
        outside Cairn: an older copy put back, a sync tool, a disk fault, or a deliberate attack.
        Until this is settled nothing can be written to the vault.
      </p>
      <ul className="notice warn" data-testid="integrity-problems">
        {info.integrity.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p>
        If you do not know why, restore the vault from a backup instead. If you do (you put an older
        copy back on purpose), accept what is there now: every item that authenticates is kept, key
        slots the vault does not list are removed, and rollback detection starts again from this
        state. Items that cannot be read stay listed as damaged.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={understood}
          onChange={(e) => setUnderstood(e.target.checked)}
        />
        I know why the file changed and want to keep it as it is now
      </label>
      <PasswordField
        id={`${id}-current`}
        label="Master password"
        spokenName="master password"
        value={current}
        onChange={setCurrent}
      />
      <ErrorAlert message={error} />
      <button type="button" className="btn danger" disabled={!understood || busy} onClick={accept}>
        Accept the current contents
      </button>
    </section>
  )
}
