// Every failure the core reports to a person carries a stable code (for the CLI's exit path and
// the UI's wording) and a message that never contains a secret.

export type CairnErrorCode =
  | 'WRONG_PASSWORD'
  | 'WRONG_CREDENTIAL'
  | 'NOT_SQLITE'
  | 'NOT_CAIRN_VAULT'
  | 'NEWER_FORMAT'
  | 'DAMAGED_FILE'
  | 'TAMPERED_ROW'
  | 'TAMPERED_SLOT'
  | 'FILE_NOT_FOUND'
  | 'FILE_EXISTS'
  | 'LOCKED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_ARGUMENT'
  | 'MALFORMED_URI'
  | 'MALFORMED_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'NO_QR_CODE'
  | 'NOT_OTP'
  | 'MALFORMED_BACKUP'
  | 'UNSUPPORTED'

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
