// Every IPC message is checked before a handler runs: it must come from the main frame of one of
// Cairn's own windows, showing a page of a trusted origin, and name a call that window uses (the
// picker cannot read items, the scan window cannot change settings). An injected iframe, a page
// reached by a bug in navigation, or a window we did not create gets nothing.
import { channelsOf, type WindowRole } from '../../../src-shared/ipc-contract.ts'
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
  /** Which of Cairn's windows it is. */
  roleOf(webContentsId: number): WindowRole | undefined
}

const CHANNELS_OF: Record<WindowRole, Set<string>> = {
  main: channelsOf('main'),
  picker: channelsOf('picker'),
  scan: channelsOf('scan'),
}

/** The sender is trusted (isTrustedSender) and its window uses `channel`. */
export function mayCall(
  event: IpcSenderEvent,
  channel: string,
  windows: WindowRegistry,
  origins: TrustedOrigins,
): boolean {
  if (!isTrustedSender(event, windows, origins)) return false
  const role = windows.roleOf(event.sender.id)
  return role !== undefined && CHANNELS_OF[role].has(channel)
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

/** The webContents ids of Cairn's windows with their roles, filled as windows open and close. */
export class TrackedWindows implements WindowRegistry {
  readonly #roles = new Map<number, WindowRole>()

  add(webContentsId: number, role: WindowRole): void {
    this.#roles.set(webContentsId, role)
  }

  delete(webContentsId: number): void {
    this.#roles.delete(webContentsId)
  }

  has(webContentsId: number): boolean {
    return this.#roles.has(webContentsId)
  }

  roleOf(webContentsId: number): WindowRole | undefined {
    return this.#roles.get(webContentsId)
  }
}
