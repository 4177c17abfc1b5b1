// Vault health: what to fix across every unlocked vault, grouped by reason. Main does the checking
// and sends findings only (ids, titles, reasons); each finding opens its item.
import { useEffect, useState } from 'react'
import {
  HEALTH_REASONS,
  HEALTH_REASON_LABELS,
  type HealthReason,
} from '../../../src-shared/health-reasons.ts'
import type {
  HealthFinding,
  HealthReport,
  ProgressInfo,
  SessionId,
} from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { ITEM_KINDS } from '../item-kinds.ts'
import { Icon } from './Icons.tsx'
import { formatCount } from '../format.ts'

/** Long sections (a vault never backed up lists every item) show this many until asked. */
const FIRST_SHOWN = 25

const ADVICE: Record<HealthReason, string> = {
  'weak-password': 'Replace these with generated passwords.',
  'reused-password': 'One leak opens every account that shares a password: give each its own.',
  'old-password': 'Passwords unchanged for a year or more.',
  'unlinked-2fa': 'Link each login to its 2FA key to see the code beside the password.',
  'no-recovery-codes': 'Save each site’s recovery codes: they are the way back in without the key.',
  'not-backed-up': 'A backup of their vault keeps these safe too.',
}

export function HealthView({
  onOpen,
  onClose,
  onBackup,
}: {
  onOpen: (finding: HealthFinding) => void
  onClose: () => void
  /** Opens the backup settings of a vault. */
  onBackup: (vaultId: SessionId) => void
}) {
  const { epoch } = useApp()
  const [report, setReport] = useState<HealthReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [rating, setRating] = useState<ProgressInfo | null>(null)

  // Main rates passwords on worker threads and says how far it got.
  useEffect(
    () =>
      api().events.subscribe((event) => {
        if (event.type === 'progress' && event.progress.operation === 'health') {
          setRating(event.progress)
        }
      }),
    [],
  )

  // Checked again whenever vaults or items change (an edit made after opening a finding).
  useEffect(() => {
    let cancelled = false
    call(api().health.report())
      .then((r) => {
        if (cancelled) return
        setReport(r)
        setError(null)
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)))
    return () => {
      cancelled = true
    }
  }, [epoch])

  const manyVaults = (report?.vaults.length ?? 0) > 1
  return (
    <section className="health-span" aria-labelledby="health-heading">
      <div className="health-head">
        <h2 id="health-heading">
          <Icon name="shield" /> Vault health
        </h2>
        <button type="button" className="btn" onClick={onClose}>
          Back to items
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {!report && !error && (
        <div className="progress-line" role="status">
          <progress
            aria-label="Rating passwords"
            {...(rating && rating.total > 0 ? { value: rating.done, max: rating.total } : {})}
          />
          <span>{ratingText(rating)}</span>
        </div>
      )}
      {report && (
        <>
          <p className="health-summary" role="status">
            {summary(report)}
          </p>
          {report.lockedVaults.length > 0 && (
            <p className="hint">
              Locked, so not checked: {report.lockedVaults.map((v) => `“${v.name}”`).join(', ')}.
              Unlock them to include their items.
            </p>
          )}
          {HEALTH_REASONS.map((reason) => {
            const found = report.findings.filter((f) => f.reason === reason)
            return found.length === 0 ? null : (
              <HealthSection
                key={reason}
                reason={reason}
                findings={found}
                manyVaults={manyVaults}
                onOpen={onOpen}
                onBackup={onBackup}
              />
            )
          })}
        </>
      )}
    </section>
  )
}

function ratingText(rating: ProgressInfo | null): string {
  if (!rating || rating.total === 0) return 'Checking your vaults…'
  return `Rating passwords: ${formatCount(rating.done)} of ${formatCount(rating.total)}`
}

function summary(report: HealthReport): string {
  const names = report.vaults.map((v) => `“${v.name}”`).join(' and ')
  const checked = `${report.checked.items} item${report.checked.items === 1 ? '' : 's'} in ${names}`
  if (report.findings.length === 0) return `Nothing to fix in ${checked}.`
  const items = new Set(report.findings.map((f) => `${f.vaultId}/${f.itemId}`)).size
  return `${items} of ${checked} could use attention.`
}

function HealthSection({
  reason,
  findings,
  manyVaults,
  onOpen,
  onBackup,
}: {
  reason: HealthReason
  findings: HealthFinding[]
  manyVaults: boolean
  onOpen: (finding: HealthFinding) => void
  onBackup: (vaultId: SessionId) => void
}) {
  const [all, setAll] = useState(false)
  const shown = all ? findings : findings.slice(0, FIRST_SHOWN)
  const headingId = `health-${reason}`
  // Items no backup holds: a backup of their vault is the fix, one button per vault.
  const toBackUp =
    reason === 'not-backed-up'
      ? [...new Map(findings.map((f) => [f.vaultId, f.vaultName])).entries()]
      : []
  return (
    <section className="health-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {HEALTH_REASON_LABELS[reason]} <span className="count">{findings.length}</span>
      </h3>
      <p className="hint">{ADVICE[reason]}</p>
      {toBackUp.length > 0 && (
        <div className="button-row">
          {toBackUp.map(([vaultId, name]) => (
            <button
              key={vaultId}
              type="button"
              className="btn small"
              onClick={() => onBackup(vaultId)}
            >
              Back up “{name}”…
            </button>
          ))}
        </div>
      )}
      <ul className="health-findings">
        {shown.map((f) => (
          <li key={`${f.vaultId}/${f.itemId}`}>
            <button type="button" className="health-finding" onClick={() => onOpen(f)}>
              <Icon name={ITEM_KINDS[f.kind].icon} />
              <span className="health-text">
                <span className="health-title">
                  {f.title}
                  {manyVaults && <span className="vault-tag">in {f.vaultName}</span>}
                </span>
                <span className="health-detail">{f.detail}</span>
              </span>
              <Icon name="next" size={16} />
            </button>
          </li>
        ))}
      </ul>
      {shown.length < findings.length && (
        <button type="button" className="btn small ghost" onClick={() => setAll(true)}>
          Show all {findings.length}
        </button>
      )}
    </section>
  )
}
