// Every IPC message is checked before a handler runs: it must come from the main frame of one of
// Cairn's own windows, showing a page of a trusted origin. An injected iframe, a page reached by a
// bug in navigation, or a window we did not create gets nothing.
import type { TrustedOrigins } from './trusted-origins.ts'

export interface SenderFrame {
  readonly url: string
  readonly parent: SenderFrame | null
  readonly processId: number
  readonly routingId: number
}

export interface SenderContents {
  readonly id: number
  readonly mainFrame: { readonly processId: number; readonly routingId: number }
}

/** What ipcMain handlers receive as the event (Electron's IpcMainInvokeEvent satisfies it). */
export interface IpcSenderEvent {
  readonly sender: SenderContents
  readonly senderFrame: SenderFrame | null
}

export interface WindowRegistry {
  /** webContents ids of the windows Cairn created and still shows. */
  has(webContentsId: number): boolean
}

export function isTrustedSender(
  event: IpcSenderEvent,
  windows: WindowRegistry,
  origins: TrustedOrigins,
): boolean {
  const frame = event.senderFrame
  // null: the frame navigated away or was destroyed while the message was in flight.
  if (frame === null) return false
  if (frame.parent !== null) return false
  const main = event.sender.mainFrame
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false
  if (!windows.has(event.sender.id)) return false
  return origins.has(frame.url)
}

/** A set of webContents ids, filled as windows are created and emptied as they close. */
export class TrackedWindows implements WindowRegistry {
  readonly #ids = new Set<number>()

  add(webContentsId: number): void {
    this.#ids.add(webContentsId)
  }

  delete(webContentsId: number): void {
    this.#ids.delete(webContentsId)
  }

  has(webContentsId: number): boolean {
    return this.#ids.has(webContentsId)
  }
}
