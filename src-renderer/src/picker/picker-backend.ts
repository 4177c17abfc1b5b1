// The picker page's only way out: typed calls that resolve with values and reject with a
// PickerError carrying the API's error code. Today it rides on `window.cairnShell` (preload in
// Electron); the browser harness can provide the same object.
import type { CairnApi } from '../../../src-shared/ipc-contract.ts'
import type {
  CairnShellApi,
  PickerCopyResult,
  PickerState,
  ShellEvent,
  ShellResult,
} from '../../../src-shared/shell-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'

/** Shell events, plus the vault API's news that a vault opened, closed, locked or unlocked. */
export type PickerEvent = ShellEvent | { type: 'vaults-changed' }

export interface PickerBackend {
  state(): Promise<PickerState>
  unlock(vaultId: SessionId, password: string): Promise<PickerState>
  copy(vaultId: SessionId, itemId: string): Promise<PickerCopyResult>
  close(): Promise<void>
  subscribe(listener: (event: PickerEvent) => void): () => void
}

export class PickerError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = 'PickerError'
    this.code = code
  }
}

async function unwrap<T>(result: Promise<ShellResult<T>>): Promise<T> {
  const r = await result
  if (r.ok) return r.value
  throw new PickerError(r.error.code, r.error.message)
}

export function backendFrom(api: CairnShellApi, vaults?: Pick<CairnApi, 'events'>): PickerBackend {
  return {
    state: () => unwrap(api.picker.state()),
    unlock: (vaultId, password) => unwrap(api.picker.unlock(vaultId, password)),
    copy: (vaultId, itemId) => unwrap(api.picker.copy(vaultId, itemId)),
    close: () => unwrap(api.picker.close()),
    subscribe: (listener) => {
      const offShell = api.events.subscribe(listener)
      // A vault unlocked or locked in the main window changes what the picker offers.
      const offVaults = vaults?.events.subscribe((event) => {
        if (event.type === 'vaults-changed') listener({ type: 'vaults-changed' })
      })
      return () => {
        offShell()
        offVaults?.()
      }
    },
  }
}
