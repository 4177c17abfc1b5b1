// Unlocking one vault. A wrong password says so and leaves the typed text selected, so the next
// attempt can simply be typed over (or corrected with the arrow keys).
import { useEffect, useId, useRef, useState } from 'react'
import type { VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorCode, errorMessage } from '../api.ts'
import { Icon } from './Icons.tsx'
import { PasswordInput } from './PasswordInput.tsx'

export function UnlockPanel({ vault, onClose }: { vault: VaultInfo; onClose: () => void }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [failures, setFailures] = useState(0)

  useEffect(() => {
    input.current?.focus()
  }, [vault.id])

  // After a failed attempt the typed text stays, selected, so the retry can simply be typed over.
  useEffect(() => {
    if (failures === 0) return
    input.current?.focus()
    input.current?.select()
  }, [failures])

  const unlock = async () => {
    if (!password) {
      setError('Enter the master password.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      await call(api().vaults.unlock(vault.id, password))
      setPassword('')
    } catch (e) {
      setError(
        errorCode(e) === 'WRONG_PASSWORD'
          ? 'Wrong master password. Check it and try again.'
          : errorMessage(e),
      )
      setBusy(false)
      setFailures((n) => n + 1)
      return
    }
    setBusy(false)
  }

  return (
    <main className="center-screen unlock-screen">
      <section className="unlock" aria-labelledby={`${id}-title`}>
        <div className="lock-badge">
          <Icon name="lock" size={26} />
        </div>
        <h2 id={`${id}-title`}>Unlock {vault.name}</h2>
        <div className="path">{vault.path}</div>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void unlock()
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-pw`}>Master password</label>
            <PasswordInput
              ref={input}
              id={`${id}-pw`}
              label="master password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error !== null}
              aria-describedby={error ? `${id}-err` : undefined}
              readOnly={busy}
            />
          </div>
          {error && (
            <p className="error-text" id={`${id}-err`} role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </form>
        <p className="hint">
          <button type="button" className="btn ghost small" onClick={onClose}>
            Close this vault
          </button>
        </p>
      </section>
    </main>
  )
}
