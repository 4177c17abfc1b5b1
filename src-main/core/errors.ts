// Every failure the core reports to a person carries a stable code (for the CLI's exit path and
// the UI's wording) and a message that never contains a secret.
import type { CairnErrorCode } from '../../src-shared/error-codes.ts'

export type { CairnErrorCode }

export class CairnError extends Error {
  readonly code: CairnErrorCode

  constructor(code: CairnErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CairnError'
    this.code = code
  }
}

export function isCairnError(e: unknown, code?: CairnErrorCode): e is CairnError {
  return e instanceof CairnError && (code === undefined || e.code === code)
}
