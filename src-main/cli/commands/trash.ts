import type { CliCommand } from '../cli-types.ts'
import { itemName, summaryJson, summaryLine } from '../item-display.ts'
import { terminalJson } from '../terminal-text.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const trashCommand: CliCommand = {
  usage: 'VAULT [--json]',
  details: 'restore-item VAULT QUERY takes an item back out of the trash.',
  options: { json: { type: 'boolean', description: 'print a JSON array' } },
  unlocks: true,
  agent: {},
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    const items = await withUnlockedVault(context, positionals[0] as string, (v) =>
      v.list({ includeTrash: true }).items.filter((r) => r.deletedAt !== null),
    )
    const sorted = [...items].sort((a, b) => itemName(a.data).localeCompare(itemName(b.data)))
    if (values.json) {
      io.out(terminalJson(sorted.map((r) => ({ ...summaryJson(r), deletedAt: r.deletedAt }))))
    } else if (sorted.length === 0) io.out('(the trash is empty)')
    else for (const record of sorted) io.out(summaryLine(record))
  },
}
