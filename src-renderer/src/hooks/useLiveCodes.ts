// Live codes for a set of items: fetched from main, refetched when the earliest shown code
// expires (and when the set or the vault's items change). Codes never outlive a lock: the caller
// passes a new `epoch` whenever vaults or items change, and codes of an older request are dropped.
import { useEffect, useMemo, useState } from 'react'
import type { CodeInfo } from '../../../src-shared/ipc-contract.ts'
import { api, call } from '../api.ts'
import type { SessionId } from '../../../src-shared/ids.ts'

const NONE: Map<string, CodeInfo> = new Map()

export function useLiveCodes(
  vaultId: SessionId | null,
  itemIds: readonly string[],
  epoch: number,
): Map<string, CodeInfo> {
  const key = `${vaultId ?? ''}|${epoch}|${itemIds.join(',')}`
  const [state, setState] = useState<{ key: string; codes: Map<string, CodeInfo> }>({
    key: '',
    codes: NONE,
  })
  const ids = useMemo(() => key.split('|')[2]?.split(',').filter(Boolean) ?? [], [key])

  useEffect(() => {
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    if (!vaultId || ids.length === 0) return
    const load = async () => {
      try {
        const list = await call(api().codes.get(vaultId, ids))
        if (cancelled) return
        setState({ key, codes: new Map(list.map((c) => [c.itemId, c])) })
        const ends = list.flatMap((c) => (c.status === 'totp' ? [c.validUntil] : []))
        if (ends.length > 0) {
          timer = setTimeout(() => void load(), Math.max(200, Math.min(...ends) - Date.now() + 50))
        }
      } catch {
        if (!cancelled) setState({ key, codes: NONE })
      }
    }
    void load()
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [vaultId, ids, key])

  return state.key === key ? state.codes : NONE
}
