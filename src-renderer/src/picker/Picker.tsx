// The copy-code picker: type to filter the 2FA keys of every unlocked vault, Enter copies the code
// (main copies the next one when the current has under five seconds left), Esc closes. When every
// vault is locked it asks for a master password first. Codes and secrets never reach this page.
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react'
import type { PickerKey, PickerState } from '../../../src-shared/ipc-contract.ts'
import { PickerError, type PickerBackend } from './picker-backend.ts'
import { filterPickerKeys, keyLabel } from './picker-filter.ts'

/** How long "Copied" stays visible before the picker hides itself. */
export const CLOSE_AFTER_COPY_MS = 600

type Status = { kind: 'info' | 'error'; text: string } | null

function messageOf(error: unknown): string {
  if (error instanceof PickerError || error instanceof Error) return error.message
  return 'Something went wrong.'
}

function secondsUntil(ms: number | null): number | null {
  return ms === null ? null : Math.max(0, Math.round((ms - Date.now()) / 1000))
}

export function Picker({ backend }: { backend: PickerBackend }) {
  const [state, setState] = useState<PickerState | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [status, setStatus] = useState<Status>(null)
  const [busy, setBusy] = useState(false)
  const [unlockVaultId, setUnlockVaultId] = useState('')
  const [unlockError, setUnlockError] = useState<string | null>(null)
  const filterRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const load = useCallback(
    () =>
      backend.state().then(
        (next) => {
          setState(next)
          setLoadError(null)
        },
        (error: unknown) => {
          setState(null)
          setLoadError(messageOf(error))
        },
      ),
    [backend],
  )

  const close = useCallback(() => {
    if (closeTimer.current) clearTimeout(closeTimer.current)
    closeTimer.current = null
    if (passwordRef.current) passwordRef.current.value = ''
    void backend.close().catch(() => {})
  }, [backend])

  useEffect(() => {
    void load()
    const unsubscribe = backend.subscribe((event) => {
      if (event.type === 'picker-shown') {
        if (closeTimer.current) clearTimeout(closeTimer.current)
        setQuery('')
        setActive(0)
        setStatus(null)
        setUnlockError(null)
        void load().then(() => (filterRef.current ?? passwordRef.current)?.focus())
      } else if (event.type === 'vaults-changed') {
        void load()
      } else if (event.type === 'locked') {
        // Forget the list at once; what is still unlocked (nothing, after lock-all) comes back.
        setState(null)
        setStatus(null)
        void load()
      }
    })
    return () => {
      unsubscribe()
      if (closeTimer.current) clearTimeout(closeTimer.current)
    }
  }, [backend, load])

  const matches = useMemo(() => filterPickerKeys(state?.keys ?? [], query), [state, query])
  const lockedVaults = useMemo(() => state?.vaults.filter((v) => !v.unlocked) ?? [], [state])
  const allLocked =
    state !== null && state.vaults.length > 0 && lockedVaults.length === state.vaults.length
  // The select's value is a plain string: map it back to the vault it names.
  const selectedVaultId =
    lockedVaults.find((v) => v.vaultId === unlockVaultId)?.vaultId ?? lockedVaults[0]?.vaultId ?? ''

  useEffect(() => {
    if (allLocked) passwordRef.current?.focus()
    else filterRef.current?.focus()
  }, [allLocked, state])

  const copy = async (key: PickerKey | undefined) => {
    if (!key || busy) return
    setBusy(true)
    setStatus(null)
    try {
      const result = await backend.copy(key.vaultId, key.itemId)
      const valid = secondsUntil(result.validUntil)
      const text =
        result.which === 'next'
          ? `Copied the next code of ${keyLabel(key).primary} (the current one was about to expire)${valid === null ? '' : `, valid ${valid} s`}.`
          : `Copied the code of ${keyLabel(key).primary}${valid === null ? '' : `, valid ${valid} s`}.`
      setStatus({ kind: 'info', text })
      closeTimer.current = setTimeout(close, CLOSE_AFTER_COPY_MS)
    } catch (error) {
      setStatus({ kind: 'error', text: messageOf(error) })
      void load()
    } finally {
      setBusy(false)
    }
  }

  const unlock = async (event: FormEvent) => {
    event.preventDefault()
    const input = passwordRef.current
    if (!input || input.value === '' || busy || selectedVaultId === '') return
    setBusy(true)
    setUnlockError(null)
    try {
      const next = await backend.unlock(selectedVaultId, input.value)
      input.value = ''
      setState(next)
    } catch (error) {
      setUnlockError(
        error instanceof PickerError && error.code === 'WRONG_PASSWORD'
          ? 'Wrong master password. Try again.'
          : messageOf(error),
      )
      // Keep what was typed, selected, so a retry replaces it with one keystroke.
      input.focus()
      input.select()
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    }
  }

  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = matches.length - 1
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive((i) => Math.min(last, i + 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive((i) => Math.max(0, i - 1))
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0)
    } else if (event.key === 'End' && event.ctrlKey) {
      setActive(Math.max(0, last))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      void copy(matches[Math.min(active, last)])
    }
  }

  const activeIndex = Math.min(active, matches.length - 1)

  let body
  if (loadError !== null) {
    body = (
      <p role="alert" className="picker-message">
        {loadError}
      </p>
    )
  } else if (state === null) {
    body = <p className="picker-message">Loading…</p>
  } else if (state.vaults.length === 0) {
    body = <p className="picker-message">No vault is open. Open your 2FA vault in Cairn first.</p>
  } else if (allLocked) {
    const vault = lockedVaults.find((v) => v.vaultId === selectedVaultId)
    body = (
      <form className="picker-unlock" aria-label="Unlock a vault" onSubmit={(e) => void unlock(e)}>
        <p>Every vault is locked. Unlock one to copy a code.</p>
        {lockedVaults.length > 1 && (
          <label className="picker-field">
            Vault
            <select value={selectedVaultId} onChange={(e) => setUnlockVaultId(e.target.value)}>
              {lockedVaults.map((v) => (
                <option key={v.vaultId} value={v.vaultId}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="picker-field">
          Master password of {vault?.name ?? 'the vault'}
          <input
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            aria-invalid={unlockError !== null}
            aria-describedby={unlockError ? 'picker-unlock-error' : undefined}
          />
        </label>
        {unlockError && (
          <p id="picker-unlock-error" role="alert" className="picker-error">
            {unlockError}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    )
  } else {
    body = (
      <>
        <input
          ref={filterRef}
          className="picker-filter"
          type="search"
          role="combobox"
          aria-label="Filter 2FA keys"
          aria-expanded="true"
          aria-controls="picker-list"
          aria-autocomplete="list"
          aria-activedescendant={matches.length > 0 ? `picker-key-${activeIndex}` : undefined}
          placeholder="Type to filter, Enter copies, Esc closes"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
          onKeyDown={onFilterKeyDown}
        />
        {matches.length === 0 ? (
          <p className="picker-message">
            {state.keys.length === 0
              ? 'The unlocked vaults hold no 2FA keys.'
              : `No 2FA key matches “${query}”.`}
          </p>
        ) : (
          <ul id="picker-list" role="listbox" aria-label="2FA keys" className="picker-list">
            {matches.map((key, i) => {
              const { primary, secondary } = keyLabel(key)
              return (
                <li
                  key={`${key.vaultId}/${key.itemId}`}
                  id={`picker-key-${i}`}
                  role="option"
                  aria-selected={i === activeIndex}
                  className={i === activeIndex ? 'active' : undefined}
                  onMouseMove={() => setActive(i)}
                  onClick={() => void copy(key)}
                >
                  <span className="picker-issuer">{primary}</span>
                  {secondary && <span className="picker-account">{secondary}</span>}
                  <span className="picker-vault">
                    {key.vaultName}
                    {key.kind === 'hotp' ? ' · counter' : ''}
                  </span>
                </li>
              )
            })}
          </ul>
        )}
        {lockedVaults.length > 0 && (
          <p className="picker-note">
            {lockedVaults.length === 1
              ? `${lockedVaults[0]?.name} is locked.`
              : `${lockedVaults.length} vaults are locked.`}
          </p>
        )}
      </>
    )
  }

  return (
    <main className="picker" aria-label="Copy a 2FA code" onKeyDown={onKeyDown}>
      {body}
      <p
        role="status"
        aria-live="polite"
        className={status?.kind === 'error' ? 'picker-error' : 'picker-status'}
      >
        {status?.text ?? ''}
      </p>
    </main>
  )
}
