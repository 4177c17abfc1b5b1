import { useEffect, useState } from 'react'
import type { ProgressInfo } from '../../../src-shared/ipc-contract.ts'
import { api } from '../api.ts'
import type { SessionId } from '../../../src-shared/ids.ts'

/** The latest progress event of a long vault-settings operation (null while none is running). */
export function useProgress(vaultId: SessionId | null, busy: boolean): ProgressInfo | null {
  const [progress, setProgress] = useState<ProgressInfo | null>(null)
  useEffect(() => {
    if (!busy) return
    const stop = api().events.subscribe((event) => {
      // Vault health's ratings are shown by its own view, not as a dialog's step.
      if (
        event.type === 'progress' &&
        event.vaultId === vaultId &&
        event.progress.operation !== 'health'
      ) {
        setProgress(event.progress)
      }
    })
    return () => {
      stop()
      setProgress(null)
    }
  }, [vaultId, busy])
  return busy ? progress : null
}
