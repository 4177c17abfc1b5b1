// `cairn sync SUBCOMMAND …`: one vault on several computers through a folder a sync tool shares.
// Each subcommand is its own module in ./sync/.
import { UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { syncForget } from './sync/sync-forget.ts'
import { syncJoin } from './sync/sync-join.ts'
import { syncLink } from './sync/sync-link.ts'
import { syncNowCommand } from './sync/sync-now.ts'
import { syncStatus } from './sync/sync-status.ts'

const SUBCOMMANDS = [syncLink, syncNowCommand, syncStatus, syncJoin, syncForget]

export const syncCommand: CliCommand = {
  usage:
    'link VAULT FOLDER | now VAULT | status VAULT | join FOLDER NEW_VAULT | forget VAULT DEVICE',
  details:
    SUBCOMMANDS.map((s) => `${s.name} ${s.usage}: ${s.summary}.`).join(' ') +
    ' Each computer writes only its own encrypted file in FOLDER; the vault file never goes there. ' +
    'See docs/sync.md.',
  options: {
    'new-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'sync now: the new master password set on another device, from FILE',
    },
  },
  unlocks: true,
  positionals: { min: 2, max: 3 },
  async run(context) {
    const [name, ...args] = context.positionals
    const sub = SUBCOMMANDS.find((s) => s.name === name)
    if (!sub) throw new UsageError(`unknown sync subcommand '${name}'`)
    if (args.length !== sub.args) throw new UsageError(`usage: cairn sync ${sub.name} ${sub.usage}`)
    await sub.run(context, args)
  },
}
