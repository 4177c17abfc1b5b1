// What the desktop shell needs from the vault services, built from one AppServices: the picker's
// ports, locking, the clipboard guard, the settings it follows and the event stream for its
// windows. Structural types only, so this module knows nothing of Electron.
import { EVENT_CHANNEL } from '../../src-shared/ipc-contract.ts'
import { otpKeyOf } from '../core/vault/item-types.ts'
import type { AppServices } from './app-services.ts'
import { displayTitle } from './item-summaries.ts'
import type { PickerPorts } from './picker-service.ts'

/** The picker on the vault sessions, the live codes' one copy rule and the clipboard guard. */
export function pickerPorts(services: AppServices): PickerPorts {
  const { sessions, codes, clipboard } = services
  return {
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
  }
}

export interface ShellPorts {
  lockAllVaults(): void
  clearClipboardIfOurs(): Promise<boolean>
  settings(): ReturnType<AppServices['settings']['get']>
  /** Forwards every CairnEvent to `send(EVENT_CHANNEL, event)`; returns the undo. */
  forwardEvents(send: (channel: string, event: unknown) => void): () => void
}

export function shellPorts(services: AppServices): ShellPorts {
  const { sessions, clipboard, settings, events } = services
  return {
    lockAllVaults: () => {
      sessions.lockAll()
    },
    clearClipboardIfOurs: () => clipboard.clearIfOurs(),
    settings: () => settings.get(),
    forwardEvents: (send) => events.subscribe((event) => send(EVENT_CHANNEL, event)),
  }
}
