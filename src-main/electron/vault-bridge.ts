// The seam between the shell and the vault services (src-main/services, the vault API): what the
// shell needs from them, in one place. Until the services are on this branch, the bridge serves
// the app-info call only and reports no open vault, so every shell feature runs and says so.
import { app } from 'electron'
import { IPC_CHANNELS } from '../../src-shared/ipc-contract.ts'
import type { HandlerTable } from './ipc-registration.ts'
import type { PickerPorts } from './picker-service.ts'
import { CairnError } from '../core/errors.ts'

export interface VaultBridge {
  /** The vault API's handler table (channel → raw args → envelope). */
  handlers: HandlerTable
  picker: Omit<PickerPorts, 'now'>
  /** Drops and zeroes every vault key (the sessions manager's lock-all). */
  lockAllVaults(): void | Promise<void>
  /** Clears the clipboard if it still holds the last secret Cairn wrote. */
  clearClipboardIfOurs(): Promise<unknown>
  clipboardClearSeconds(): number
  autoLockMinutes(): number
  /** Forwards the vault API's events to the windows; returns the undo. */
  forwardEvents(send: (channel: string, event: unknown) => void): () => void
}

const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30
const DEFAULT_AUTO_LOCK_MINUTES = 5

export function createVaultBridge(): VaultBridge {
  const unavailable = (): never => {
    throw new CairnError('UNSUPPORTED', 'Vault files are not available in this build yet.')
  }
  return {
    handlers: {
      [IPC_CHANNELS.appInfo]: async () => ({
        ok: true,
        value: { name: app.getName(), version: app.getVersion() },
      }),
    },
    picker: {
      listVaults: () => [],
      listOtpItems: unavailable,
      unlock: async () => unavailable(),
      nextHotpCode: async () => unavailable(),
      copy: async () => unavailable(),
    },
    lockAllVaults: () => {},
    clearClipboardIfOurs: async () => false,
    clipboardClearSeconds: () => DEFAULT_CLIPBOARD_CLEAR_SECONDS,
    autoLockMinutes: () => DEFAULT_AUTO_LOCK_MINUTES,
    forwardEvents: () => () => {},
  }
}
