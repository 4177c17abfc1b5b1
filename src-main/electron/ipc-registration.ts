// Registers a table of plain handler functions on ipcMain behind the sender check. The handlers
// themselves validate their arguments (they are plain functions tested without Electron).
import { isCairnError } from '../core/errors.ts'
import type { IpcSenderEvent } from './ipc-sender.ts'

export type IpcHandler = (...args: unknown[]) => unknown
export type HandlerTable = Readonly<Record<string, IpcHandler>>

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/** What an 'envelope' handler resolves with: errors travel as data so their code survives. */
export type IpcEnvelope =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }

export interface RegistrationOptions {
  isTrusted(event: IpcSenderEvent): boolean
  /**
   * 'envelope': resolve with IpcEnvelope (the shell group's preload unwraps it).
   * 'plain': resolve with the value and let Electron reject the renderer's promise on a throw.
   */
  mode: 'envelope' | 'plain'
  /** Never receives arguments or results, which may hold secrets. */
  log?(line: string): void
}

export const UNTRUSTED_SENDER = 'UNTRUSTED_SENDER'

function describeError(error: unknown): { code: string; message: string } {
  // CairnError messages are written to be shown to a person and never contain a secret; any
  // other error could (a library echoing its input), so its text stays in main.
  if (isCairnError(error)) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: 'Something went wrong inside Cairn.' }
}

export function registerIpcHandlers(
  ipc: IpcMainLike,
  table: HandlerTable,
  options: RegistrationOptions,
): () => void {
  const log = options.log ?? (() => {})
  const channels = Object.keys(table)
  for (const channel of channels) {
    const handler = table[channel] as IpcHandler
    ipc.handle(channel, async (event, ...args) => {
      if (!options.isTrusted(event)) {
        log(
          `ipc: refused ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`,
        )
        if (options.mode === 'envelope') {
          return {
            ok: false,
            error: { code: UNTRUSTED_SENDER, message: 'Refused: not a Cairn window.' },
          } satisfies IpcEnvelope
        }
        throw new Error('Refused: not a Cairn window.')
      }
      try {
        const value = await handler(...args)
        return options.mode === 'envelope' ? ({ ok: true, value } satisfies IpcEnvelope) : value
      } catch (error) {
        const described = describeError(error)
        if (described.code === 'INTERNAL') {
          log(`ipc: ${channel} failed: ${error instanceof Error ? error.name : typeof error}`)
        }
        if (options.mode === 'envelope')
          return { ok: false, error: described } satisfies IpcEnvelope
        throw isCairnError(error) ? error : new Error(described.message)
      }
    })
  }
  return () => {
    for (const channel of channels) ipc.removeHandler(channel)
  }
}
