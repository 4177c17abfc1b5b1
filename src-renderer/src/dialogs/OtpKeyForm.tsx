// Where a new 2FA key comes from: a pasted otpauth:// URI, a typed secret, or an image with a QR
// code (dropped, pasted or opened; main's scanner reads it). Before saving, it shows the key's
// current code so the user can confirm it with the website.
import {
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
} from 'react'
import type {
  OtpAlgorithm,
  OtpKeySource,
  OtpKind,
  OtpPreview,
  ScanOutcome,
} from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { Icon } from '../components/Icons.tsx'
import { LiveCodeRing } from '../components/LiveCodeRing.tsx'
import { groupCode } from '../format.ts'
import { useNow } from '../hooks/useNow.ts'
import { plainOtpProblem } from '../plain-errors.ts'

type Tab = 'uri' | 'secret' | 'image'

interface SecretDraft {
  secret: string
  kind: OtpKind
  algorithm: OtpAlgorithm
  digits: number
  period: number
  counter: number
  steam: boolean
}

export function OtpKeyForm({
  onSource,
}: {
  onSource: (source: OtpKeySource | null, preview: OtpPreview | null) => void
}) {
  const { info } = useApp()
  const id = useId()
  const [tab, setTab] = useState<Tab>('uri')
  const [uri, setUri] = useState('')
  const [draft, setDraft] = useState<SecretDraft>({
    secret: '',
    kind: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    steam: false,
  })
  const [scan, setScan] = useState<ScanOutcome | null>(null)
  const [scanPick, setScanPick] = useState(0)
  const [scanProblem, setScanProblem] = useState<string | null>(null)
  const [checked, setChecked] = useState<{
    key: string
    preview: OtpPreview | null
    problem: string | null
  }>({
    key: '',
    preview: null,
    problem: null,
  })
  const [over, setOver] = useState(false)
  const [scanning, setScanning] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  const now = useNow(1000)
  const report = useEffectEvent((next: OtpKeySource | null, p: OtpPreview | null) =>
    onSource(next, p),
  )

  // The source the current tab describes.
  const source = useMemo((): OtpKeySource | null => {
    if (tab === 'uri' && uri.trim()) return { from: 'uri', uri: uri.trim() }
    if (tab === 'secret' && draft.secret.trim()) {
      return {
        from: 'secret',
        secret: draft.secret,
        issuer: '',
        account: '',
        kind: draft.steam ? 'totp' : draft.kind,
        algorithm: draft.algorithm,
        digits: draft.digits,
        period: draft.period,
        counter: draft.counter,
        encoder: draft.steam ? 'steam' : 'standard',
      }
    }
    const key = tab === 'image' ? scan?.keys[scanPick] : undefined
    return key ? { from: 'uri', uri: key.uri } : null
  }, [tab, uri, draft, scan, scanPick])
  const sourceKey = source ? JSON.stringify(source) : ''

  // Its preview (checked by main, with the current code), refreshed when the code expires.
  useEffect(() => {
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    // The dialog knows the source at once (Save works without waiting); the preview follows.
    report(source, null)
    if (!source) return
    const load = async (first: boolean) => {
      try {
        const p = await call(api().otp.preview(source))
        if (cancelled) return
        setChecked({ key: sourceKey, preview: p, problem: null })
        if (first) report(source, p)
        if (p.validUntil) {
          timer = setTimeout(() => void load(false), Math.max(200, p.validUntil - Date.now() + 50))
        }
      } catch (e) {
        if (cancelled) return
        setChecked({ key: sourceKey, preview: null, problem: errorMessage(e) })
        report(null, null)
      }
    }
    const debounce = setTimeout(() => void load(true), 250)
    return () => {
      cancelled = true
      clearTimeout(debounce)
      clearTimeout(timer)
    }
  }, [source, sourceKey])

  const preview = checked.key === sourceKey ? checked.preview : null
  const problem =
    tab === 'image' && scanProblem
      ? scanProblem
      : checked.key === sourceKey
        ? checked.problem && plainOtpProblem(checked.problem)
        : null
  const problemId = `${id}-problem`
  const invalid = problem ? { 'aria-invalid': true as const, 'aria-describedby': problemId } : {}

  const scanBytes = async (bytes: Uint8Array) => {
    setScanning(true)
    setScan(null)
    setScanPick(0)
    setScanProblem(null)
    try {
      const outcome = await call(api().otp.scanImage(bytes))
      setScan(outcome)
      if (outcome.keys.length === 0) {
        setScanProblem(
          outcome.notOtp.length > 0
            ? `The QR code is not a 2FA key: ${outcome.notOtp.join('; ')}`
            : 'No 2FA QR code found in this image.',
        )
      }
    } catch (e) {
      setScanProblem(errorMessage(e))
    } finally {
      setScanning(false)
    }
  }

  const scanFile = async (file: File | undefined | null) => {
    if (!file) return
    await scanBytes(new Uint8Array(await file.arrayBuffer()))
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    void scanFile(e.dataTransfer.files[0])
  }

  const onPaste = (e: ClipboardEvent) => {
    const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'))
    if (file) {
      e.preventDefault()
      void scanFile(file)
    }
  }

  const remaining = preview?.validUntil ? preview.validUntil - now : null

  return (
    <div onPaste={tab === 'image' ? onPaste : undefined}>
      <div className="tabs" role="tablist" aria-label="How to add the key">
        {(
          [
            ['uri', 'Paste otpauth URI'],
            ['secret', 'Type the secret'],
            ['image', 'QR code image'],
          ] as const
        ).map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>

      {tab === 'uri' && (
        <div className="field">
          <label htmlFor={`${id}-uri`}>otpauth:// URI</label>
          <input
            id={`${id}-uri`}
            className="input mono"
            value={uri}
            placeholder="otpauth://totp/Example:you@example.org?secret=…&issuer=Example"
            onChange={(e) => setUri(e.target.value)}
            {...invalid}
            autoFocus
            spellCheck={false}
          />
        </div>
      )}

      {tab === 'secret' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-secret`}>Secret key (base32, as the site shows it)</label>
            <input
              id={`${id}-secret`}
              className="input mono"
              value={draft.secret}
              onChange={(e) => setDraft({ ...draft, secret: e.target.value })}
              {...invalid}
              autoComplete="off"
              spellCheck={false}
              autoFocus
            />
          </div>
          <div className="grid-3">
            <div className="field">
              <label htmlFor={`${id}-kind`}>Type</label>
              <select
                id={`${id}-kind`}
                className="input"
                value={draft.steam ? 'steam' : draft.kind}
                onChange={(e) => {
                  const v = e.target.value
                  setDraft({ ...draft, steam: v === 'steam', kind: v === 'hotp' ? 'hotp' : 'totp' })
                }}
              >
                <option value="totp">Time-based (TOTP)</option>
                <option value="hotp">Counter-based (HOTP)</option>
                <option value="steam">Steam Guard</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-alg`}>Algorithm</label>
              <select
                id={`${id}-alg`}
                className="input"
                value={draft.algorithm}
                disabled={draft.steam}
                onChange={(e) => setDraft({ ...draft, algorithm: e.target.value as OtpAlgorithm })}
              >
                <option value="SHA1">SHA-1</option>
                <option value="SHA256">SHA-256</option>
                <option value="SHA512">SHA-512</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-digits`}>Digits</label>
              <select
                id={`${id}-digits`}
                className="input"
                value={draft.digits}
                disabled={draft.steam}
                onChange={(e) => setDraft({ ...draft, digits: Number(e.target.value) })}
              >
                <option value={6}>6</option>
                <option value={7}>7</option>
                <option value={8}>8</option>
                <option value={9}>9</option>
                <option value={10}>10</option>
              </select>
            </div>
          </div>
          {!draft.steam &&
            (draft.kind === 'totp' ? (
              <div className="field">
                <label htmlFor={`${id}-period`}>Period (seconds)</label>
                <input
                  id={`${id}-period`}
                  className="input"
                  type="number"
                  min={1}
                  value={draft.period}
                  onChange={(e) => setDraft({ ...draft, period: Number(e.target.value) || 30 })}
                />
              </div>
            ) : (
              <div className="field">
                <label htmlFor={`${id}-counter`}>Counter</label>
                <input
                  id={`${id}-counter`}
                  className="input"
                  type="number"
                  min={0}
                  value={draft.counter}
                  onChange={(e) =>
                    setDraft({ ...draft, counter: Math.max(0, Number(e.target.value) || 0) })
                  }
                />
              </div>
            ))}
        </>
      )}

      {tab === 'image' && (
        <>
          <div
            className={`dropzone${over ? ' over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault()
              setOver(true)
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <Icon name="image" size={30} />
            <div>
              {scanning
                ? 'Looking for QR codes…'
                : 'Drop a screenshot or image here, paste one (Ctrl+V), or open a file.'}
            </div>
            <button
              type="button"
              className="btn"
              onClick={() => fileInput.current?.click()}
              disabled={!info.capabilities.qrScanner}
            >
              <Icon name="folder" /> Open image…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="image/png,image/jpeg"
              className="visually-hidden"
              aria-label="Image file with a QR code"
              tabIndex={-1}
              onChange={(e) => void scanFile(e.target.files?.[0])}
            />
            {!info.capabilities.qrScanner && (
              <p className="hint">The QR scanner is not available here.</p>
            )}
          </div>
          {scan && scan.keys.length > 1 && (
            <fieldset className="field">
              <legend className="field-label">
                Found {scan.keys.length} keys — choose one to add now
              </legend>
              {scan.keys.map((k, i) => (
                <label className="check" key={i}>
                  <input
                    type="radio"
                    name={`${id}-pick`}
                    checked={scanPick === i}
                    onChange={() => setScanPick(i)}
                  />
                  {[k.preview.issuer, k.preview.account].filter(Boolean).join(' · ') ||
                    `Key ${i + 1}`}
                  {(k.preview.alreadyIn?.length ?? 0) > 0 && ' (already in Cairn)'}
                </label>
              ))}
            </fieldset>
          )}
          {scan && scan.keys.length > 0 && scan.notOtp.length > 0 && (
            <ul className="notice">
              {scan.notOtp.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
          {scan?.missing && <p className="notice warn">{scan.missing}</p>}
        </>
      )}

      {problem && (
        <p className="error-text" id={problemId} role="alert">
          {problem}
        </p>
      )}
      {preview && (
        <div className="preview-card" aria-live="polite">
          {remaining !== null && preview.kind === 'totp' && (
            <LiveCodeRing
              remainingMs={Math.max(0, remaining)}
              periodMs={preview.period * 1000}
              size={36}
            />
          )}
          <div>
            <div className="code-big" data-testid="preview-code" data-code={preview.code}>
              {groupCode(preview.code)}
            </div>
            <div className="hint">
              {preview.kind === 'hotp' ? `Code for counter ${preview.counter}. ` : ''}
              Enter this code on the website to confirm the key before you save it.
            </div>
          </div>
        </div>
      )}
      {preview?.alreadyIn && preview.alreadyIn.length > 0 && (
        <p className="notice warn" role="status" data-testid="duplicate-key">
          {alreadyInSentence(preview.alreadyIn)}
        </p>
      )}
    </div>
  )
}

/** “GitHub” in “2FA keys” already holds this secret: saving it again keeps two copies. */
function alreadyInSentence(keys: NonNullable<OtpPreview['alreadyIn']>): string {
  const where = keys.map((k) => `“${k.title}” in “${k.vaultName}”`)
  const list = where.length > 3 ? [...where.slice(0, 3), `${where.length - 3} more`] : where
  return (
    `This key is already saved: ${list.join(', ')} ${keys.length === 1 ? 'holds' : 'hold'} the same ` +
    'secret. Saving it again keeps two copies of one key; edit the one you have instead.'
  )
}
