import type { Toast } from '../hooks/useToast.ts'

/** A toast: announced politely, or at once when it reports an error. */
export function ToastView({ toast }: { toast: Toast | null }) {
  if (!toast) return null
  return (
    <div
      className={`toast ${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      key={toast.id}
    >
      {toast.text}
      {toast.action && (
        <button type="button" className="btn small" onClick={toast.action.run}>
          {toast.action.label}
        </button>
      )}
    </div>
  )
}
