import type { CliCommand } from '../cli-types.ts'
import { itemName, shortId, summaryJson } from '../item-display.ts'
import { lookupItems } from '../item-lookup.ts'
import { chooseMatch } from '../item-query.ts'
import { terminalJson } from '../terminal-text.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const restoreItemCommand: CliCommand = {
  usage: 'VAULT QUERY [--json]',
  options: { json: { type: 'boolean', description: 'print the restored item as JSON' } },
  unlocks: true,
  agent: {},
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, query] = positionals as [string, string]
    const restored = await withUnlockedVault(context, path, async (vault) => {
      const matches = lookupItems(context, vault, query, { trash: 'only' })
      const record = await chooseMatch(context, matches, query, 'item in the trash')
      return vault.restore(record.id)
    })
    if (values.json) io.out(terminalJson(summaryJson(restored)))
    else io.out(`Restored '${itemName(restored.data)}' [${shortId(restored.id)}] from the trash`)
  },
}
