// The error of a form or action, announced to screen readers; nothing when there is none.
export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p className="error-text" role="alert">
      {message}
    </p>
  )
}
