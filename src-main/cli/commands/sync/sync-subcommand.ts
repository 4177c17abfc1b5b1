// The shape of one `cairn sync` subcommand; commands/sync.ts lists them and dispatches.
import type { CommandContext } from '../../cli-types.ts'

export interface SyncSubcommand {
  name: string
  /** Arguments after `cairn sync NAME`. */
  usage: string
  summary: string
  /** How many arguments follow the subcommand name. */
  args: number
  run(context: CommandContext, args: string[]): Promise<void>
}
