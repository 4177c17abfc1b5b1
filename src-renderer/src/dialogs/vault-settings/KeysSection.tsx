// Ways to unlock one vault: its key slots (master password, recovery keys, one-time codes) with
// revocation, new recovery keys and one-time codes, changing the master password, and rotating
// the vault key.
import { useId, useState } from 'react'
import type {
  CredentialKind,
  IssuedSecrets,
  VaultSettingsInfo,
} from '../../../../src-shared/ipc-contract.ts'
import { api, call } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx'
import { PasswordField } from '../../components/PasswordField.tsx'
import { NumberField } from '../../components/NumberField.tsx'
import { ProgressLine } from '../../components/ProgressLine.tsx'
import { WeakPasswordWarning } from '../../components/WeakPasswordWarning.tsx'
import { formatDate } from '../../format.ts'
import { useProgress } from '../../hooks/useProgress.ts'
import { useWeakPasswordGate } from '../../hooks/useWeakPasswordGate.ts'
import { Invalid, runTask } from './run-task.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'

const KIND_LABELS: Record<CredentialKind, string> = {
  password: 'Master password',
  'recovery-key': 'Recovery key',
  'one-time-code': 'One-time code',
}

export function KeysSection({
  vaultId,
  info,
  onInfo,
  onIssued,
  initialRotate = false,
}: {
  vaultId: SessionId
  info: VaultSettingsInfo
  onInfo: (info: VaultSettingsInfo) => void
  onIssued: (issued: IssuedSecrets, intro?: string) => void
  initialRotate?: boolean
}) {
  const { notify } = useApp()
  const id = useId()
  const [label, setLabel] = useState('')
  const [count, setCount] = useState('10')
  const [mintPassword, setMintPassword] = useState('')
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [rotate, setRotate] = useState(initialRotate)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const progress = useProgress(vaultId, busy)
  const weak = useWeakPasswordGate()
  const run = (fn: () => Promise<void>) => runTask(fn, setBusy, setError)

  const refresh = async () => onInfo(await call(api().vaultSettings.info(vaultId)))

  const newKey = () =>
    run(async () => {
      if (!mintPassword) throw new Invalid('Enter the master password to create a recovery key.')
      const issued = await call(
        api().vaultSettings.createRecoveryKey(vaultId, label.trim(), mintPassword),
      )
      setLabel('')
      setMintPassword('')
      await refresh()
      onIssued(issued)
    })

  const newCodes = () =>
    run(async () => {
      const n = Number(count)
      if (!Number.isInteger(n) || n < 1 || n > 50) throw new Invalid('Ask for 1 to 50 codes.')
      if (!mintPassword) throw new Invalid('Enter the master password to create one-time codes.')
      const issued = await call(api().vaultSettings.createOneTimeCodes(vaultId, n, mintPassword))
      setMintPassword('')
      await refresh()
      onIssued(issued)
    })

  const revoke = (slotId: string) =>
    run(async () => {
      onInfo(await call(api().vaultSettings.revokeCredential(vaultId, slotId)))
      notify('Revoked. Copies of the vault file made earlier still accept it.')
    })

  const changePassword = () =>
    run(async () => {
      if (!current) throw new Invalid('Enter the current master password.')
      if (!next) throw new Invalid('Choose the new master password.')
      if (next !== repeat) throw new Invalid('The two new password entries differ.')
      if (!(await weak.allowed([['', next]]))) return
      if (rotate) {
        const result = await call(api().vaultSettings.rotateKey(vaultId, current, next))
        notify(`Vault key rotated; ${result.revokedSlots} old key slot(s) destroyed.`)
        if (result.recoveryKey) {
          onIssued(
            result.recoveryKey,
            'The vault key was rotated: every earlier recovery key and one-time code stopped working. This is your new recovery key.',
          )
        }
      } else {
        await call(api().vaultSettings.changePassword(vaultId, current, next))
        notify('Master password changed. Recovery keys still work.')
      }
      setCurrent('')
      setNext('')
      setRepeat('')
      await refresh()
    })

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        Ways to unlock this vault
      </h3>
      <table className="slots">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Label</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {info.credentials.map((c) => (
            <tr key={c.id}>
              <td>{KIND_LABELS[c.kind]}</td>
              <td>
                {c.label}
                {c.current && <span className="hint"> (used now)</span>}
              </td>
              <td>{formatDate(c.createdAt)}</td>
              <td>{c.lastUsedAt ? formatDate(c.lastUsedAt) : 'never'}</td>
              <td>
                {c.kind !== 'password' && (
                  <button
                    type="button"
                    className="btn small ghost"
                    aria-label={`Revoke ${c.label}`}
                    disabled={busy}
                    onClick={() => void revoke(c.id)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <p className="hint">
        A recovery key or one-time code is a new way into this vault: creating one needs the master
        password.
      </p>
      <PasswordField
        id={`${id}-mint`}
        label="Master password (for a new recovery key or codes)"
        spokenName="master password for a new recovery key or codes"
        value={mintPassword}
        onChange={setMintPassword}
      />
      <div className="grid-2">
        <div>
          <h3 className="section-title">Recovery key</h3>
          <p className="hint">
            Opens the vault if you forget the master password. Shown once, to print or write down.
          </p>
          <div className="field">
            <label htmlFor={`${id}-label`}>Label (optional)</label>
            <input
              id={`${id}-label`}
              className="input"
              value={label}
              placeholder="e.g. In the desk drawer"
              onChange={(e) => setLabel(e.target.value)}
            />
          </div>
          <button type="button" className="btn" disabled={busy} onClick={() => void newKey()}>
            New recovery key
          </button>
        </div>
        <div>
          <h3 className="section-title">One-time codes</h3>
          <p className="hint">For a computer you do not trust: each code unlocks the vault once.</p>
          <NumberField
            id={`${id}-count`}
            label="How many"
            min={1}
            max={50}
            value={count}
            onChange={setCount}
          />
          <button type="button" className="btn" disabled={busy} onClick={() => void newCodes()}>
            New one-time codes
          </button>
        </div>
      </div>

      <h3 className="section-title">Master password</h3>
      <PasswordField
        id={`${id}-current`}
        label="Current master password"
        spokenName="current master password"
        value={current}
        onChange={setCurrent}
      />
      <NewPasswordFields
        id={`${id}-next`}
        labels={{ password: 'New master password', repeat: 'Repeat the new master password' }}
        value={{ password: next, repeat }}
        onChange={(v) => {
          setNext(v.password)
          setRepeat(v.repeat)
        }}
        side
      />
      <label className="check">
        <input type="checkbox" checked={rotate} onChange={(e) => setRotate(e.target.checked)} />
        Also rotate the vault key
      </label>
      <p className="hint">
        {rotate
          ? 'Every item is re-encrypted with a new key and every recovery key and one-time code stops working (a new recovery key is issued if you had one). Backups and copies made before still open with the old credentials.'
          : 'Recovery keys, one-time codes and backups keep working with the same vault key.'}
      </p>
      <button
        type="button"
        className={`btn ${rotate ? 'danger' : 'primary'}`}
        disabled={busy}
        onClick={() => void changePassword()}
      >
        {rotate ? 'Rotate key and change password' : 'Change master password'}
      </button>
      <WeakPasswordWarning
        warning={weak.warning}
        onAccept={() => {
          weak.accept()
          void changePassword()
        }}
        onDismiss={weak.dismiss}
      />
      <ProgressLine busy={busy} progress={progress} />
      <ErrorAlert message={error} />
    </section>
  )
}
