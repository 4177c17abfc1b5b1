// The confirmation after "Scan screen", "Scan QR code image from clipboard" or "Open QR code
// image": what the scan found, each key with its current code (compare it with the website before
// trusting it), which vault to put them in, and Add. Anything that is not a 2FA key, missing parts
// of an export, and advice when the system refused the capture are shown too.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { SessionId } from '../../../../src-shared/ids.ts'
import type { ScanSource, SourceScanOutcome } from '../../../../src-shared/ipc-contract.ts'
import { PickerError } from '../picker-backend.ts'
import { groupDigits, type ScanBackend } from './scan-backend.ts'

const SOURCE_WORDS: Record<ScanSource, string> = {
  screen: 'your screens',
  clipboard: 'the clipboard image',
  file: 'the image file',
}

type Phase =
  | { kind: 'scanning' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; outcome: SourceScanOutcome }

function messageOf(error: unknown): string {
  return error instanceof PickerError || error instanceof Error
    ? error.message
    : 'Something went wrong.'
}

/** Resolves once the window is on screen: a capture started earlier could catch it appearing. */
function whenVisible(): Promise<void> {
  if (document.visibilityState === 'visible') return Promise.resolve()
  return new Promise((resolve) => {
    const onChange = () => {
      if (document.visibilityState !== 'visible') return
      document.removeEventListener('visibilitychange', onChange)
      resolve()
    }
    document.addEventListener('visibilitychange', onChange)
  })
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(t)
  }, [intervalMs])
  return now
}

export function ScanConfirm({ backend, source }: { backend: ScanBackend; source: ScanSource }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'scanning' })
  const [vaults, setVaults] = useState<{ id: SessionId; name: string }[] | null>(null)
  const [vaultId, setVaultId] = useState('')
  const [chosen, setChosen] = useState<Set<number>>(new Set())
  const [added, setAdded] = useState<string | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const started = useRef(false)
  const now = useNow(1000)

  const loadVaults = useCallback(
    () =>
      backend.unlockedVaults().then(
        (list) => setVaults(list),
        () => setVaults([]),
      ),
    [backend],
  )

  const scan = useCallback(() => {
    setPhase({ kind: 'scanning' })
    setAdded(null)
    setSaveError(null)
    return backend.scan(source).then(
      (outcome) => {
        if (outcome === null) return setPhase({ kind: 'cancelled' })
        setPhase({ kind: 'done', outcome })
        setChosen(new Set(outcome.keys.map((_, i) => i)))
      },
      (error: unknown) => setPhase({ kind: 'failed', message: messageOf(error) }),
    )
  }, [backend, source])

  useEffect(() => {
    // Once per page, also under StrictMode's double effects: a scan hides every Cairn window.
    if (!started.current) {
      started.current = true
      void whenVisible().then(scan)
    }
    void loadVaults()
    return backend.onVaultsChanged(() => void loadVaults())
  }, [backend, scan, loadVaults])

  const targetId = vaults?.find((v) => v.id === vaultId)?.id ?? vaults?.[0]?.id ?? ''
  const outcome = phase.kind === 'done' ? phase.outcome : null

  const add = async () => {
    if (!outcome || !targetId || busy) return
    setBusy(true)
    setSaveError(null)
    const picked = outcome.keys.filter((_, i) => chosen.has(i))
    let count = 0
    try {
      for (const key of picked) {
        await backend.addKey(targetId, key)
        count++
      }
      const name = vaults?.find((v) => v.id === targetId)?.name ?? 'the vault'
      setAdded(`Added ${count} ${count === 1 ? 'key' : 'keys'} to ${name}.`)
      // Remember to keep the recovery codes the website shows next.
    } catch (error) {
      setSaveError(`${count} added, then: ${messageOf(error)}`)
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      backend.close()
    }
  }

  return (
    <main className="picker scan" aria-label="Add 2FA keys from a QR code" onKeyDown={onKeyDown}>
      <h1 className="scan-title">QR codes in {SOURCE_WORDS[source]}</h1>
      {phase.kind === 'scanning' && (
        <p role="status" className="picker-message">
          Scanning {SOURCE_WORDS[source]}…
        </p>
      )}
      {phase.kind === 'cancelled' && <p className="picker-message">No image was chosen.</p>}
      {phase.kind === 'failed' && (
        <p role="alert" className="picker-error">
          {phase.message}
        </p>
      )}
      {outcome && (
        <>
          {outcome.advice && (
            <p role="alert" className="picker-error">
              {outcome.advice}
            </p>
          )}
          {outcome.keys.length === 0 && !outcome.advice && (
            <p className="picker-message">
              No 2FA key was found in {SOURCE_WORDS[source]}
              {outcome.imagesScanned > 1 ? ` (${outcome.imagesScanned} images searched)` : ''}.
            </p>
          )}
          {outcome.keys.length > 0 && (
            <>
              <p>Compare each code with the website before you add the key.</p>
              <ul className="scan-keys" aria-label="Keys found">
                {outcome.keys.map((key, i) => {
                  const p = key.preview
                  const left =
                    p.validUntil === null
                      ? null
                      : Math.max(0, Math.ceil((p.validUntil - now) / 1000))
                  const label = [p.issuer, p.account].filter(Boolean).join(' · ') || 'Unnamed key'
                  return (
                    <li key={key.uri}>
                      <label>
                        <input
                          type="checkbox"
                          checked={chosen.has(i)}
                          onChange={(e) => {
                            const next = new Set(chosen)
                            if (e.target.checked) next.add(i)
                            else next.delete(i)
                            setChosen(next)
                          }}
                        />
                        <span className="picker-issuer">{label}</span>
                      </label>
                      <span className="scan-code" aria-label={`Current code of ${label}`}>
                        {left === 0 ? 'expired, scan again' : groupDigits(p.code)}
                      </span>
                      <span className="scan-left">
                        {p.kind === 'hotp'
                          ? `counter ${p.counter}`
                          : left === null
                            ? ''
                            : `${left} s`}
                      </span>
                    </li>
                  )
                })}
              </ul>
              {vaults !== null && vaults.length === 0 ? (
                <p className="picker-error">Unlock a vault in Cairn to add these keys to it.</p>
              ) : (
                <label className="picker-field">
                  Add to
                  <select value={targetId} onChange={(e) => setVaultId(e.target.value)}>
                    {(vaults ?? []).map((v) => (
                      <option key={v.id} value={v.id}>
                        {v.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button
                type="button"
                disabled={busy || !targetId || chosen.size === 0 || added !== null}
                onClick={() => void add()}
              >
                {chosen.size === 1 ? 'Add 1 key' : `Add ${chosen.size} keys`}
              </button>
            </>
          )}
          {outcome.missing && <p className="picker-note">{outcome.missing}</p>}
          {outcome.notOtp.length > 0 && (
            <ul className="scan-others" aria-label="Other QR codes">
              {outcome.notOtp.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {added && (
        <p role="status" className="picker-status">
          {added} Save the recovery codes the website shows next, too.
        </p>
      )}
      {saveError && (
        <p role="alert" className="picker-error">
          {saveError}
        </p>
      )}
      <div className="scan-actions">
        <button type="button" onClick={() => void scan()} disabled={phase.kind === 'scanning'}>
          Scan again
        </button>
        <button type="button" className="secondary" onClick={() => backend.close()}>
          Close
        </button>
      </div>
    </main>
  )
}
