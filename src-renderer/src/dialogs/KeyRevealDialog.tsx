// "See a key again": a 2FA key's secret, otpauth URI and a QR code to scan into another device,
// each only after an explicit reveal. Closing the dialog forgets them.
import { toDataURL } from 'qrcode'
import { useState } from 'react'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { Dialog } from '../components/Dialog.tsx'
import { Icon } from '../components/Icons.tsx'
import type { SessionId } from '../../../src-shared/ids.ts'

interface Revealed {
  secret: string
  uri: string
  qr: string
}

export function KeyRevealDialog({
  vaultId,
  itemId,
  title,
  onClose,
}: {
  vaultId: SessionId
  itemId: string
  title: string
  onClose: () => void
}) {
  const { copy } = useApp()
  const [revealed, setRevealed] = useState<Revealed | null>(null)
  const [error, setError] = useState<string | null>(null)

  const reveal = async () => {
    try {
      const [secret, uri] = await Promise.all([
        call(api().items.reveal(vaultId, itemId, { kind: 'otp-secret' })),
        call(api().items.reveal(vaultId, itemId, { kind: 'otp-uri' })),
      ])
      const qr = await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 400 })
      setRevealed({ secret, uri, qr })
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <Dialog
      title={`Key of ${title}`}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      {!revealed ? (
        <>
          <p className="notice warn">
            Anyone who sees this secret or QR code can make your codes. Reveal it only to move the
            key to another authenticator, away from cameras and screen sharing.
          </p>
          <button type="button" className="btn primary" onClick={() => void reveal()}>
            <Icon name="eye" /> Reveal secret and QR code
          </button>
        </>
      ) : (
        <div className="qr-box">
          <img src={revealed.qr} alt={`QR code of the 2FA key for ${title}`} data-testid="key-qr" />
          <div>
            <div className="field">
              <span className="field-label">Secret</span>
              <div className="input-row">
                <div className="secret-box" data-testid="key-secret">
                  {revealed.secret.replace(/(.{4})/g, '$1 ').trim()}
                </div>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label="Copy secret"
                  onClick={() => void copy(vaultId, itemId, { kind: 'otp-secret' }, 'Secret')}
                >
                  <Icon name="copy" />
                </button>
              </div>
            </div>
            <div className="field">
              <span className="field-label">otpauth URI</span>
              <div className="input-row">
                <div className="secret-box" data-testid="key-uri">
                  {revealed.uri}
                </div>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label="Copy otpauth URI"
                  onClick={() => void copy(vaultId, itemId, { kind: 'otp-uri' }, 'otpauth URI')}
                >
                  <Icon name="copy" />
                </button>
              </div>
            </div>
            <button type="button" className="btn small ghost" onClick={() => setRevealed(null)}>
              <Icon name="eyeOff" size={16} /> Hide again
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}
