// The picker page's only way out: typed calls that resolve with values and reject with a
// PickerError carrying the API's error code. It rides on the picker window's `window.cairn`
// (preload in Electron, the browser harness's shim elsewhere).
import type {
  ApiErrorCode,
  ApiResult,
  CairnApi,
  CairnEvent,
  PickerCopyResult,
  PickerState,
  SessionId,
} from '../../../src-shared/ipc-contract.ts'

export type PickerEvent = CairnEvent

export interface PickerBackend {
  state(): Promise<PickerState>
  unlock(vaultId: SessionId, password: string): Promise<PickerState>
  copy(vaultId: SessionId, itemId: string): Promise<PickerCopyResult>
  close(): Promise<void>
  subscribe(listener: (event: PickerEvent) => void): () => void
}

export class PickerError extends Error {
  readonly code: ApiErrorCode

  constructor(code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'PickerError'
    this.code = code
  }
}

async function unwrap<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const r = await result
  if (r.ok) return r.value
  throw new PickerError(r.error.code, r.error.message)
}

export function backendFrom(api: Pick<CairnApi, 'picker' | 'events'>): PickerBackend {
  return {
    state: () => unwrap(api.picker.state()),
    unlock: (vaultId, password) => unwrap(api.picker.unlock(vaultId, password)),
    copy: (vaultId, itemId) => unwrap(api.picker.copy(vaultId, itemId)),
    close: () => unwrap(api.picker.close()),
    // Shell news (shown again, locked) and a vault unlocked or locked in the main window.
    subscribe: (listener) => api.events.subscribe(listener),
  }
}
