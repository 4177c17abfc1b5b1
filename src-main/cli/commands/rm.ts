import type { CliCommand } from '../cli-types.ts'
import { itemName, shortId } from '../item-display.ts'
import { chooseMatch } from '../item-query.ts'
import { lookupItems } from '../item-lookup.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const rmCommand: CliCommand = {
  usage: 'VAULT QUERY [--purge]',
  options: {
    purge: {
      type: 'boolean',
      description: 'delete for good, also from the trash (leaves only a tombstone for merges)',
    },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, query] = positionals as [string, string]
    const purge = values.purge === true
    const message = await withUnlockedVault(context, path, async (vault) => {
      const matches = lookupItems(context, vault, query, { trash: purge ? 'include' : 'exclude' })
      const record = await chooseMatch(context, matches, query, 'item')
      const name = `'${itemName(record.data)}' [${shortId(record.id)}]`
      if (purge) {
        vault.purge(record.id)
        return `Deleted ${name} for good`
      }
      vault.trash(record.id)
      return `Moved ${name} to the trash`
    })
    io.out(message)
  },
}
