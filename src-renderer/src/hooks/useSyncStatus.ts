import { useEffect, useState } from 'react'
import type { SyncStatus } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call } from '../api.ts'

/**
 * The sync status of an unlocked vault (null: none, or not known yet), asked again after every
 * sync pass and whenever `epoch` moves (items changed: a conflict copy may have been deleted).
 */
export function useSyncStatus(vaultId: SessionId | null, epoch: number): SyncStatus | null {
  const [status, setStatus] = useState<{ vaultId: SessionId; status: SyncStatus } | null>(null)
  const [passes, setPasses] = useState(0)

  useEffect(() => {
    if (!vaultId) return
    return api().events.subscribe((event) => {
      if (event.type === 'sync-changed' && event.vaultId === vaultId) setPasses((n) => n + 1)
    })
  }, [vaultId])

  useEffect(() => {
    if (!vaultId) return
    let cancelled = false
    call(api().sync.status(vaultId))
      .then((s) => !cancelled && setStatus({ vaultId, status: s }))
      .catch(() => !cancelled && setStatus(null))
    return () => {
      cancelled = true
    }
  }, [vaultId, epoch, passes])

  return status && status.vaultId === vaultId ? status.status : null
}
