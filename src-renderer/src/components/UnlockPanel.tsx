// Unlocking one vault. A wrong password says so and leaves the typed text selected, so the next
// attempt can simply be typed over (or corrected with the arrow keys). A recovery key or a
// one-time code can be used instead; after a recovery key a new master password is required.
import { useEffect, useId, useRef, useState } from 'react'
import type { CredentialKind, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorCode, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { Icon } from './Icons.tsx'
import { PasswordInput } from './PasswordInput.tsx'
import { ProgressLine } from './ProgressLine.tsx'

const METHODS: Record<CredentialKind, { label: string; missing: string; wrong: string }> = {
  password: {
    label: 'Master password',
    missing: 'Enter the master password.',
    wrong: 'Wrong master password. Check it and try again.',
  },
  'recovery-key': {
    label: 'Recovery key',
    missing: 'Enter the recovery key.',
    wrong: 'This recovery key does not open the vault (revoked, used, or mistyped).',
  },
  'one-time-code': {
    label: 'One-time code',
    missing: 'Enter a one-time code.',
    wrong: 'This one-time code does not open the vault (already used, or mistyped).',
  },
}

export function UnlockPanel({
  vault,
  onClose,
  onMustChangePassword,
}: {
  vault: VaultInfo
  onClose: () => void
  /** Unlocked with a recovery key: the app asks for a new master password next. */
  onMustChangePassword?: (vault: VaultInfo) => void
}) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [method, setMethod] = useState<CredentialKind>('password')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [failures, setFailures] = useState(0)
  const { notify } = useApp()

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
    const m = METHODS[method]
    if (!password) {
      setError(m.missing)
      return
    }
    setBusy(true)
    setError(null)
    try {
      if (method === 'password') {
        await call(api().vaults.unlock(vault.id, password))
      } else {
        const outcome = await call(
          api().vaults.unlockWith(vault.id, { kind: method, value: password }),
        )
        if (outcome.mustChangePassword) onMustChangePassword?.(outcome.vault)
        if (method === 'one-time-code') {
          const settings = await call(api().vaultSettings.info(vault.id))
          const left = settings.credentials.filter((c) => c.kind === 'one-time-code').length
          notify(
            left === 0
              ? 'Unlocked with your last one-time code: make new ones in the vault’s settings.'
              : `Unlocked with a one-time code; ${left} ${left === 1 ? 'code is' : 'codes are'} left.`,
          )
        }
      }
      setPassword('')
    } catch (e) {
      const code = errorCode(e)
      // A typo in a generated key or code is named as such by main; a plain miss gets our words.
      const typo = code === 'WRONG_CREDENTIAL' && /mistyped|characters/.test(errorMessage(e))
      setError(
        code === 'WRONG_PASSWORD' || (code === 'WRONG_CREDENTIAL' && !typo)
          ? m.wrong
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
            <label htmlFor={`${id}-pw`}>{METHODS[method].label}</label>
            <PasswordInput
              ref={input}
              id={`${id}-pw`}
              label={METHODS[method].label.toLowerCase()}
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
          <ProgressLine
            busy={busy}
            progress={null}
            text={`Unlocking ${vault.name}: deriving the key, which takes a moment by design…`}
          />
        </form>
        <div className="field unlock-method">
          <label htmlFor={`${id}-method`}>Unlock with</label>
          <select
            id={`${id}-method`}
            className="input"
            value={method}
            onChange={(e) => {
              setMethod(e.target.value as CredentialKind)
              setPassword('')
              setError(null)
              input.current?.focus()
            }}
          >
            {(Object.keys(METHODS) as CredentialKind[]).map((k) => (
              <option key={k} value={k}>
                {METHODS[k].label}
              </option>
            ))}
          </select>
        </div>
        <p className="hint">
          <button type="button" className="btn ghost small" onClick={onClose}>
            Close this vault
          </button>
        </p>
      </section>
    </main>
  )
}
