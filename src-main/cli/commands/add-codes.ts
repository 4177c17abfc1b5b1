import type { RecoveryCodesData } from '../../core/vault/item-types.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { shortId, summaryJson } from '../item-display.ts'
import { printable, terminalJson } from '../terminal-text.ts'
import { readTextInput } from '../text-input.ts'
import { addGrouped, GROUP_OPTION, withGroupOption } from '../group-option.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const addCodesCommand: CliCommand = {
  usage: 'VAULT --title TITLE [--issuer NAME] [--group PATH] [--json]   (codes on standard input)',
  details:
    'Reads recovery codes from standard input, one per line (blank lines are skipped), or lets ' +
    'you paste them in a terminal. Save them the moment a service shows them.',
  options: {
    title: { type: 'string', valueName: 'TITLE', description: 'what the codes are for (required)' },
    issuer: { type: 'string', valueName: 'NAME', description: 'the service that issued them' },
    group: GROUP_OPTION,
    json: { type: 'boolean', description: 'print the new item as JSON (without the codes)' },
  },
  unlocks: true,
  agent: { readsStdin: () => true },
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    const title = typeof values.title === 'string' ? values.title.trim() : ''
    if (title === '') throw new UsageError('add-codes needs --title TITLE')
    const text = await readTextInput(io.stdin, 'Paste the recovery codes, one per line')
    const codes = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '')
    if (codes.length === 0) throw new CliError('no codes on standard input; nothing was added')
    const data: RecoveryCodesData = withGroupOption(
      {
        type: 'recovery-codes',
        title,
        issuer: typeof values.issuer === 'string' ? values.issuer.trim() : '',
        codes: codes.map((code) => ({ code, used: false })),
        notes: '',
        tags: [],
      } satisfies RecoveryCodesData,
      values.group,
    )
    const added = await withUnlockedVault(context, positionals[0] as string, (v) =>
      addGrouped(v, data),
    )
    if (values.json) io.out(terminalJson(summaryJson(added)))
    else {
      io.out(`Added ${codes.length} recovery codes '${printable(title)}' [${shortId(added.id)}]`)
    }
  },
}
