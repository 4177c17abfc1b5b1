import type { Strength } from '../../../src-shared/ipc-contract.ts'

/** Five segments coloured up to the zxcvbn score, the verdict and the offline crack time. With
 * `reserve`, the meter holds its place before there is a verdict: the verdict arrives a moment
 * after typing, and a form that grows then moves its buttons from under a pointer about to press. */
export function StrengthMeter({
  strength,
  entropyBits,
  reserve = false,
}: {
  strength: Strength | null
  entropyBits?: number
  reserve?: boolean
}) {
  if (!strength) {
    if (!reserve) return null
    return (
      <div className="strength reserved" aria-live="polite">
        <div className="strength-bar" aria-hidden="true">
          <span />
          <span />
          <span />
          <span />
          <span />
        </div>
        <div className="strength-text">
          <span>{'\u00a0'}</span>
        </div>
      </div>
    )
  }
  const detail = entropyBits !== undefined ? `${Math.round(entropyBits)} bits` : strength.crackTime
  return (
    <div
      className={reserve ? 'strength reserved' : 'strength'}
      data-score={strength.score}
      aria-live="polite"
    >
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
