import type { BackupReminderInfo, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { useApp } from '../app-context.ts'
import { useNow } from '../hooks/useNow.ts'
import { useSyncStatus } from '../hooks/useSyncStatus.ts'
import { syncIndicator } from '../sync/sync-words.ts'

/** The bottom line: the selected vault's file and state, damaged rows, the backup reminder, sync,
 * and the clipboard countdown. */
export function StatusBar({
  vault,
  shown,
  damaged,
  onDamaged,
  clearsAt,
  onClear,
  reminder,
  onBackup,
  onSync,
}: {
  vault: VaultInfo | null
  shown: number
  damaged: number
  onDamaged: () => void
  clearsAt: number | null
  onClear: () => void
  reminder: BackupReminderInfo | null
  onBackup: () => void
  onSync: () => void
}) {
  const now = useNow(1000)
  const { epoch } = useApp()
  const sync = useSyncStatus(vault?.state === 'unlocked' ? vault.id : null, epoch)
  const syncText = sync ? syncIndicator(sync, now) : null
  const left = clearsAt === null ? null : Math.max(0, Math.ceil((clearsAt - now) / 1000))
  return (
    <footer className="statusbar">
      <span className="grow">{vault ? `${vault.path} · ${vault.state}` : ''}</span>
      {vault?.state === 'unlocked' && <span>{shown} shown</span>}
      {damaged > 0 && (
        <span className="error-text">
          {damaged} damaged item(s) could not be read{' '}
          <button type="button" className="btn small ghost" onClick={onDamaged}>
            Details…
          </button>
        </span>
      )}
      {reminder?.due && (
        <span className="backup-reminder" data-testid="backup-reminder">
          {reminder.lastBackupAt === null
            ? 'Never backed up'
            : `No backup for ${reminder.days} days`}{' '}
          <button type="button" className="btn small ghost" onClick={onBackup}>
            Back up…
          </button>
        </span>
      )}
      {syncText && (
        <button
          type="button"
          className={`btn small ghost sync-indicator ${syncText.tone}`}
          data-testid="sync-indicator"
          title={sync?.error ?? 'Sync settings'}
          onClick={onSync}
        >
          {syncText.text}
        </button>
      )}
      {left !== null && left > 0 && (
        <span data-testid="clipboard-countdown">
          Clipboard clears in {left} s{' '}
          <button type="button" className="btn small ghost" onClick={onClear}>
            Clear now
          </button>
        </span>
      )}
    </footer>
  )
}
