import type { CliCommand } from '../cli-types.ts'
import { terminalJson } from '../terminal-text.ts'
import { itemName, summaryJson, summaryLine } from '../item-display.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const listCommand: CliCommand = {
  usage: 'VAULT [--json]',
  options: {
    json: { type: 'boolean', description: 'print a JSON array instead of lines' },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    const { items, damaged } = await withUnlockedVault(context, positionals[0] as string, (v) =>
      v.list(),
    )
    const sorted = [...items].sort((a, b) => itemName(a.data).localeCompare(itemName(b.data)))
    if (values.json) io.out(terminalJson(sorted.map(summaryJson)))
    else if (sorted.length === 0) io.out('(no items)')
    else for (const record of sorted) io.out(summaryLine(record))
    for (const row of damaged) {
      io.err(`cairn: warning: item ${row.id} cannot be read (${row.reason})`)
    }
  },
}
