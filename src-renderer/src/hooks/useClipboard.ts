import { useCallback, useEffect, useState } from 'react'
import type { CopyReceipt, CopyRef } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../api.ts'

/** What the toast says after a copy: main's own words when it has any (the next code was copied
 * because the current one was about to expire), and when the clipboard will be cleared. */
export function copiedSentence(label: string, receipt: CopyReceipt, now = Date.now()): string {
  const first =
    receipt.note ??
    (receipt.code === 'next'
      ? 'Next code copied: the current one expires in under 5 seconds.'
      : `${label} copied.`)
  if (receipt.clearsAt === null) return first
  const seconds = Math.max(1, Math.round((receipt.clearsAt - now) / 1000))
  return `${first} The clipboard clears in ${seconds} s.`
}

type Notify = (text: string, kind?: 'info' | 'error') => void

/**
 * Copying runs in main, which clears the clipboard later if it still holds what was copied; this
 * keeps when that happens (the status bar counts down) and says so when it has.
 */
export function useClipboard(notify: Notify) {
  const [clearsAt, setClearsAt] = useState<number | null>(null)

  useEffect(
    () =>
      api().events.subscribe((event) => {
        if (event.type !== 'clipboard-cleared') return
        setClearsAt(null)
        notify('Clipboard cleared.')
      }),
    [notify],
  )

  const copy = useCallback(
    async (vaultId: SessionId, itemId: string, ref: CopyRef, label: string) => {
      try {
        const receipt = await call(api().clipboard.copy(vaultId, itemId, ref))
        setClearsAt(receipt.clearsAt)
        notify(copiedSentence(label, receipt))
      } catch (e) {
        notify(errorMessage(e), 'error')
      }
    },
    [notify],
  )

  const copyText = useCallback(
    async (text: string, label: string) => {
      try {
        const receipt = await call(api().clipboard.copyText(text))
        setClearsAt(receipt.clearsAt)
        notify(`${label} copied.`)
      } catch (e) {
        notify(errorMessage(e), 'error')
      }
    },
    [notify],
  )

  const clearNow = useCallback(() => {
    void call(api().clipboard.clear()).then(() => setClearsAt(null))
  }, [])

  return { clearsAt, copy, copyText, clearNow }
}
