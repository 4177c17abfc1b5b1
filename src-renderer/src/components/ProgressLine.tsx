// What a long operation is doing: key derivation cannot be counted (an indeterminate bar), the
// encryption of a backup's parts can.
import type { ProgressInfo } from '../../../src-shared/ipc-contract.ts'

const PHASES: Record<string, string> = {
  checking: 'Checking the master password…',
  'deriving-key': 'Deriving the key (this takes a moment by design)…',
  encrypting: 'Encrypting…',
  decrypting: 'Decrypting and checking…',
  writing: 'Writing the file…',
  reading: 'Reading the other copy…',
  merging: 'Merging…',
  're-encrypting': 'Re-encrypting every item…',
  done: 'Done.',
}

export function ProgressLine({
  busy,
  progress,
  text: fallback = 'Working…',
  step,
}: {
  busy: boolean
  progress: ProgressInfo | null
  /** The sentence while main reports no phase (a step that only derives a key). */
  text?: string
  /** Which of several steps is running, when the renderer itself runs them in turn. */
  step?: { done: number; total: number }
}) {
  if (!busy) return null
  const text = progress ? (PHASES[progress.phase] ?? `${progress.phase}…`) : fallback
  const count = progress !== null && progress.total > 0 ? progress : (step ?? null)
  const counted = count !== null
  return (
    <div className="progress-line" role="status" aria-live="polite">
      <progress aria-label={text} {...(counted ? { value: count.done, max: count.total } : {})} />
      <span>{text}</span>
    </div>
  )
}
