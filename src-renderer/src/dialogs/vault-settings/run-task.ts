// Shared by the vault settings sections: run one operation at a time, with a busy flag, and turn
// failures into one line (a form's own check, or main's error message).
import { errorMessage } from '../../api.ts'

/** A form's own check failed: its message is for the person as it is. */
export class Invalid extends Error {}

export function messageOf(error: unknown): string {
  return error instanceof Invalid ? error.message : errorMessage(error)
}

export async function runTask(
  fn: () => Promise<void>,
  setBusy: (busy: boolean) => void,
  setError: (error: string | null) => void,
): Promise<void> {
  setBusy(true)
  setError(null)
  try {
    await fn()
  } catch (e) {
    setError(messageOf(e))
  } finally {
    setBusy(false)
  }
}
