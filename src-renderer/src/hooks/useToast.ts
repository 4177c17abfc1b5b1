import { useCallback, useEffect, useState } from 'react'
import type { ToastAction } from '../app-context.ts'

export interface Toast {
  text: string
  kind: 'info' | 'error'
  id: number
  action?: ToastAction
}

/** How long a toast stays: longer for errors, longest when it offers a button (Undo). */
export function toastDuration(toast: Pick<Toast, 'kind' | 'action'>): number {
  return toast.action ? 10_000 : toast.kind === 'error' ? 6000 : 3000
}

/** The one toast on screen, replaced by the next and gone after its time. */
export function useToast() {
  const [toast, setToast] = useState<Toast | null>(null)

  const notify = useCallback(
    (text: string, kind: 'info' | 'error' = 'info', action?: ToastAction) => {
      setToast({ text, kind, id: Date.now(), ...(action ? { action } : {}) })
    },
    [],
  )
  const dismiss = useCallback(() => setToast(null), [])

  useEffect(() => {
    if (!toast) return
    const timer = setTimeout(() => setToast(null), toastDuration(toast))
    return () => clearTimeout(timer)
  }, [toast])

  return { toast, notify, dismiss }
}
