// Registers handler tables on ipcMain behind the sender check. A table maps channel names to
// plain functions that take the argument list exactly as it arrived, validate it themselves and
// resolve with an ApiResult envelope (src-main/services/api-handlers.ts), so the same table serves
// Electron, the browser harness and tests.
import type { IpcSenderEvent } from './ipc-sender.ts'

export type RawHandler = (args: unknown) => Promise<unknown>
export type HandlerTable = Readonly<Record<string, RawHandler>>

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export interface RegistrationOptions {
  /** The sender may make this call (mayCall in ipc-sender.ts). */
  isTrusted(event: IpcSenderEvent, channel: string): boolean
  /** Never receives arguments or results, which may hold secrets. */
  log?(line: string): void
}

export const REFUSED_MESSAGE = 'Refused: not a Cairn window.'

/** Registers every channel of every table (a channel may be claimed once); returns the undo. */
export function registerIpcHandlers(
  ipc: IpcMainLike,
  tables: readonly HandlerTable[],
  options: RegistrationOptions,
): () => void {
  const log = options.log ?? (() => {})
  const registered: string[] = []
  const seen = new Set<string>()
  for (const table of tables) {
    for (const channel of Object.keys(table)) {
      if (seen.has(channel)) throw new Error(`IPC channel registered twice: ${channel}`)
      seen.add(channel)
    }
  }
  for (const table of tables) {
    for (const [channel, handler] of Object.entries(table)) {
      ipc.handle(channel, async (event, ...args) => {
        if (!options.isTrusted(event, channel)) {
          // Rejecting (rather than answering an envelope) gives a hostile page nothing to parse.
          log(`ipc: refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`)
          throw new Error(REFUSED_MESSAGE)
        }
        try {
          return await handler(args)
        } catch (error) {
          // Tables catch their own errors into envelopes; reaching here is a bug in a table.
          log(`ipc: ${channel} threw ${error instanceof Error ? error.name : typeof error}`)
          // No `cause`: Electron prints a handler's rejection to stderr, cause and all, and the
          // original message may quote a secret.
          // eslint-disable-next-line preserve-caught-error
          throw new Error('Something went wrong inside Cairn.')
        }
      })
      registered.push(channel)
    }
  }
  return () => {
    for (const channel of registered) ipc.removeHandler(channel)
  }
}
