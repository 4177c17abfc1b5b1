// A recovery key or a list of one-time codes, shown exactly once. Cairn keeps no copy: the person
// writes it down or prints it (only this sheet is printed), then confirms before closing.
import { useState } from 'react'
import type { IssuedSecrets } from '../../../src-shared/ipc-contract.ts'
import { Dialog } from '../components/Dialog.tsx'
import { Icon } from '../components/Icons.tsx'
import { formatDate } from '../format.ts'

export function IssuedSecretsDialog({
  issued,
  intro,
  onClose,
}: {
  issued: IssuedSecrets
  /** Why this appears now (e.g. after a recovery, the used key stopped working). */
  intro?: string
  onClose: () => void
}) {
  const [saved, setSaved] = useState(false)
  const isKey = issued.kind === 'recovery-key'
  return (
    <Dialog
      title={isKey ? 'Your new recovery key' : 'Your one-time unlock codes'}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn left" onClick={() => window.print()}>
            <Icon name="note" /> Print
          </button>
          <button type="button" className="btn primary" disabled={!saved} onClick={onClose}>
            Done
          </button>
        </>
      }
    >
      {intro && <p className="notice ok">{intro}</p>}
      <div className="print-sheet" data-testid="issued-secrets">
        <h3>
          {isKey ? 'Cairn recovery key' : 'Cairn one-time unlock codes'} · {issued.vaultName}
        </h3>
        <p className="hint">
          {issued.label} · issued {formatDate(issued.createdAt)}
        </p>
        {isKey ? (
          <div className="qr-box">
            {issued.qrDataUrl && <img src={issued.qrDataUrl} alt="QR code of the recovery key" />}
            <p className="secret-box recovery-key" aria-label="Recovery key">
              {issued.secrets[0]}
            </p>
          </div>
        ) : (
          <ol className="codes-grid one-time-codes" aria-label="One-time codes">
            {issued.secrets.map((c) => (
              <li key={c} className="mono">
                {c}
              </li>
            ))}
          </ol>
        )}
        <p className="hint">
          {isKey
            ? 'It opens the vault without the master password; using it asks for a new master password and replaces the key. Keep it offline, away from this device.'
            : 'Each code opens the vault once, then stops working. Keep the list as safe as a password.'}
        </p>
      </div>
      <p className="notice warn">
        Cairn shows this only now and keeps no copy. A copy of the vault file made earlier accepts
        revoked or used credentials of its time.
      </p>
      <label className="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have
        written {isKey ? 'it' : 'them'} down or printed {isKey ? 'it' : 'them'}
      </label>
    </Dialog>
  )
}
