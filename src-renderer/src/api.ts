// The renderer's view of window.cairn: unwraps ApiResult envelopes into values, or throws an
// ApiCallError that keeps the error code (the UI words some errors itself, e.g. WRONG_PASSWORD).
import type { ApiErrorCode, ApiResult, CairnApi } from '../../src-shared/ipc-contract.ts'

export class ApiCallError extends Error {
  readonly code: ApiErrorCode

  constructor(code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'ApiCallError'
    this.code = code
  }
}

export async function call<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const r = await result
  if (r.ok) return r.value
  throw new ApiCallError(r.error.code, r.error.message)
}

export function errorCode(error: unknown): ApiErrorCode | null {
  return error instanceof ApiCallError ? error.code : null
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message
  return 'Something went wrong. Nothing was changed.'
}

export function api(): CairnApi {
  return window.cairn
}
