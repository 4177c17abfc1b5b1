// Password generator: random characters or a passphrase from the bundled word list, with the
// exact entropy of the choice and zxcvbn's verdict. Generation runs in main (crypto.randomInt).
import { useCallback, useEffect, useId, useState } from 'react'
import type {
  GeneratedSecret,
  PassphraseOptions,
  PasswordOptions,
} from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { Dialog } from '../components/Dialog.tsx'
import { Icon } from '../components/Icons.tsx'
import { StrengthMeter } from '../components/StrengthMeter.tsx'

type Mode = 'password' | 'passphrase'

export function GeneratorDialog({
  onClose,
  onUse,
}: {
  onClose: () => void
  onUse?: (value: string) => void
}) {
  const { copyText } = useApp()
  const id = useId()
  const [mode, setMode] = useState<Mode>('password')
  const [pw, setPw] = useState<PasswordOptions>({
    length: 20,
    lower: true,
    upper: true,
    digits: true,
    symbols: true,
    avoidAmbiguous: false,
  })
  const [pp, setPp] = useState<PassphraseOptions>({
    words: 5,
    separator: '-',
    capitalize: false,
    includeNumber: false,
  })
  const [result, setResult] = useState<GeneratedSecret | null>(null)
  const [error, setError] = useState<string | null>(null)

  const generate = useCallback(async () => {
    try {
      const next =
        mode === 'password'
          ? await call(api().generator.password(pw))
          : await call(api().generator.passphrase(pp))
      setResult(next)
      setError(null)
    } catch (e) {
      setResult(null)
      setError(errorMessage(e))
    }
  }, [mode, pw, pp])

  // A new password whenever the options change; generate() sets state only after main answers.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void generate()
  }, [generate])

  const check = (
    key: 'lower' | 'upper' | 'digits' | 'symbols' | 'avoidAmbiguous',
    label: string,
  ) => (
    <label className="check">
      <input
        type="checkbox"
        checked={pw[key]}
        onChange={(e) => setPw({ ...pw, [key]: e.target.checked })}
      />
      {label}
    </label>
  )

  return (
    <Dialog
      title="Password generator"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {onUse ? 'Cancel' : 'Close'}
          </button>
          {onUse && (
            <button
              type="button"
              className="btn primary"
              disabled={!result}
              onClick={() => result && onUse(result.value)}
            >
              Use this password
            </button>
          )}
        </>
      }
    >
      <div className="tabs" role="tablist" aria-label="Kind of password">
        {(['password', 'passphrase'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
          >
            {m === 'password' ? 'Random characters' : 'Passphrase'}
          </button>
        ))}
      </div>
      <div className="generated">
        <output aria-label="Generated password" data-testid="generated">
          {result?.value ?? ''}
        </output>
        <button
          type="button"
          className="icon-btn"
          aria-label="Generate another"
          onClick={() => void generate()}
        >
          <Icon name="dice" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Copy generated password"
          disabled={!result}
          onClick={() => result && void copyText(result.value, 'Generated password')}
        >
          <Icon name="copy" />
        </button>
      </div>
      {result && <StrengthMeter strength={result.strength} entropyBits={result.entropyBits} />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {mode === 'password' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-len`}>Length: {pw.length}</label>
            <input
              id={`${id}-len`}
              type="range"
              min={8}
              max={64}
              value={pw.length}
              onChange={(e) => setPw({ ...pw, length: Number(e.target.value) })}
            />
          </div>
          <div className="grid-2">
            {check('lower', 'Lower case (a–z)')}
            {check('upper', 'Upper case (A–Z)')}
            {check('digits', 'Digits (0–9)')}
            {check('symbols', 'Symbols (!#$%…)')}
            {check('avoidAmbiguous', 'Avoid look-alikes (l, 1, O, 0)')}
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-words`}>Words: {pp.words}</label>
            <input
              id={`${id}-words`}
              type="range"
              min={3}
              max={12}
              value={pp.words}
              onChange={(e) => setPp({ ...pp, words: Number(e.target.value) })}
            />
          </div>
          <div className="grid-3">
            <div className="field">
              <label htmlFor={`${id}-sep`}>Separator</label>
              <select
                id={`${id}-sep`}
                className="input"
                value={pp.separator}
                onChange={(e) => setPp({ ...pp, separator: e.target.value })}
              >
                <option value="-">Dash (-)</option>
                <option value=" ">Space</option>
                <option value=".">Dot (.)</option>
                <option value="_">Underscore (_)</option>
                <option value="">None</option>
              </select>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={pp.capitalize}
                onChange={(e) => setPp({ ...pp, capitalize: e.target.checked })}
              />
              Capitalise
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={pp.includeNumber}
                onChange={(e) => setPp({ ...pp, includeNumber: e.target.checked })}
              />
              Add a digit
            </label>
          </div>
          <p className="hint">Words from the EFF’s long word list (7,776 words, 12.9 bits each).</p>
        </>
      )}
    </Dialog>
  )
}
