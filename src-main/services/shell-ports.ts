// What the desktop shell (src-main/electron, issue 5) needs from the vault services, built from
// one AppServices: the handler table to register, the picker's ports, locking, the clipboard guard,
// the settings it follows and the event stream for its windows. Structural types only, so this
// module knows nothing of Electron.
import type { SessionId } from '../../src-shared/ids.ts'
import { EVENT_CHANNEL } from '../../src-shared/ipc-contract.ts'
import type { CodeToCopy } from '../core/otp/code-to-copy.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import { createApiHandlers, type ApiHandlerTable } from './api-handlers.ts'
import type { AppServices } from './app-services.ts'
import { otpKeyOf } from '../core/vault/item-types.ts'
import { displayTitle } from './item-summaries.ts'

export interface ShellPorts {
  handlers: ApiHandlerTable
  picker: {
    listVaults(): { id: SessionId; name: string; state: 'locked' | 'unlocked' }[]
    /** Live 2FA keys of an unlocked vault (secrets included: they stay in main). */
    listOtpItems(vaultId: SessionId): { itemId: string; title: string; key: OtpKey }[]
    unlock(vaultId: SessionId, password: string): Promise<unknown>
    codeToCopy(vaultId: SessionId, itemId: string): CodeToCopy
    copy(text: string): Promise<{ clearsAt: number | null }>
  }
  lockAllVaults(): void
  clearClipboardIfOurs(): Promise<boolean>
  clipboardClearSeconds(): number
  autoLockMinutes(): number
  /** Forwards every CairnEvent to `send(EVENT_CHANNEL, event)`; returns the undo. */
  forwardEvents(send: (channel: string, event: unknown) => void): () => void
}

export function shellPorts(services: AppServices): ShellPorts {
  const { sessions, codes, clipboard, settings, events } = services
  return {
    handlers: createApiHandlers(services),
    picker: {
      listVaults: () => sessions.list().map(({ id, name, state }) => ({ id, name, state })),
      listOtpItems: (vaultId) =>
        sessions
          .unlocked(vaultId)
          .list()
          .items.flatMap((record) => {
            const data = record.data
            if (data.type !== 'otp') return []
            return [{ itemId: record.id, title: displayTitle(data), key: otpKeyOf(data) }]
          }),
      unlock: (vaultId, password) => sessions.unlock(vaultId, password),
      codeToCopy: (vaultId, itemId) => codes.codeToCopy(vaultId, itemId),
      copy: (text) => clipboard.copy(text),
    },
    lockAllVaults: () => {
      sessions.lockAll()
    },
    clearClipboardIfOurs: () => clipboard.clearIfOurs(),
    clipboardClearSeconds: () => settings.get().clipboardClearSeconds,
    autoLockMinutes: () => settings.get().autoLockMinutes,
    forwardEvents: (send) => events.subscribe((event) => send(EVENT_CHANNEL, event)),
  }
}
