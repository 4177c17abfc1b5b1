import { useEffect, useState } from 'react'
import type { BackupReminderInfo } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call } from '../api.ts'

/** "No backup for 30 days" for an unlocked vault, asked again whenever `epoch` moves. */
export function useBackupReminder(
  vaultId: SessionId | null,
  epoch: number,
): BackupReminderInfo | null {
  const [reminder, setReminder] = useState<{
    vaultId: SessionId
    info: BackupReminderInfo | null
  } | null>(null)
  useEffect(() => {
    if (!vaultId) return
    let cancelled = false
    call(api().vaultSettings.info(vaultId))
      .then((i) => !cancelled && setReminder({ vaultId, info: i.reminder }))
      .catch(() => !cancelled && setReminder({ vaultId, info: null }))
    return () => {
      cancelled = true
    }
  }, [vaultId, epoch])
  return vaultId && reminder?.vaultId === vaultId ? reminder.info : null
}
