import type { Strength } from '../../../src-shared/ipc-contract.ts'

/** Five segments coloured up to the zxcvbn score, the verdict and the offline crack time. */
export function StrengthMeter({
  strength,
  entropyBits,
}: {
  strength: Strength | null
  entropyBits?: number
}) {
  if (!strength) return null
  const detail = entropyBits !== undefined ? `${Math.round(entropyBits)} bits` : strength.crackTime
  return (
    <div className="strength" data-score={strength.score} aria-live="polite">
      <div className="strength-bar" aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
        <span />
      </div>
      <div className="strength-text">
        <span>
          Strength: <strong>{strength.label}</strong>
          {strength.warning ? ` — ${strength.warning}` : ''}
        </span>
        <span>{detail}</span>
      </div>
    </div>
  )
}
