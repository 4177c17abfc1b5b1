import type { CliCommand } from '../cli-types.ts'
import { terminalJson } from '../terminal-text.ts'
import { itemName, summaryJson, summaryLine } from '../item-display.ts'
import { isWithinGroup } from '../../../src-shared/group-path.ts'
import { GROUP_OPTION, parseGroupOption } from '../group-option.ts'
import { withUnlockedVault } from '../vault-access.ts'

/** `--group /` (an empty path) means the top level alone, not every item. */
function inListedGroup(group: string[] | undefined, listed: string[]): boolean {
  return listed.length === 0 ? !group?.length : isWithinGroup(group, listed)
}

export const listCommand: CliCommand = {
  usage: 'VAULT [--group PATH] [--json]',
  details:
    'With --group, only the items in that group and the groups inside it (--group / lists the ' +
    'top level only).',
  options: {
    json: { type: 'boolean', description: 'print a JSON array instead of lines' },
    group: GROUP_OPTION,
  },
  unlocks: true,
  agent: {},
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    const { items, damaged } = await withUnlockedVault(context, positionals[0] as string, (v) =>
      v.list(),
    )
    const inGroup = typeof values.group === 'string' ? parseGroupOption(values.group) : null
    const shown =
      inGroup === null ? items : items.filter((r) => inListedGroup(r.data.group, inGroup))
    const sorted = [...shown].sort((a, b) => itemName(a.data).localeCompare(itemName(b.data)))
    if (values.json) io.out(terminalJson(sorted.map(summaryJson)))
    else if (sorted.length === 0) io.out('(no items)')
    else for (const record of sorted) io.out(summaryLine(record))
    for (const row of damaged) {
      io.err(`cairn: warning: item ${row.id} cannot be read (${row.reason})`)
    }
  },
}
