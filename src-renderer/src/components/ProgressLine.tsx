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

export function ProgressLine({ busy, progress }: { busy: boolean; progress: ProgressInfo | null }) {
  if (!busy) return null
  const text = progress ? (PHASES[progress.phase] ?? `${progress.phase}…`) : 'Working…'
  const counted = progress !== null && progress.total > 0
  return (
    <div className="progress-line" role="status" aria-live="polite">
      <progress
        aria-label={text}
        {...(counted ? { value: progress.done, max: progress.total } : {})}
      />
      <span>{text}</span>
    </div>
  )
}
