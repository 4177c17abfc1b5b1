import { currentCode } from '../../core/otp/otp-codes.ts'
import type { CliCommand } from '../cli-types.ts'
import { terminalJson } from '../terminal-text.ts'
import { detailJson, detailLines, formatLines } from '../item-display.ts'
import { chooseMatch } from '../item-query.ts'
import { lookupItems } from '../item-lookup.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const showCommand: CliCommand = {
  usage: 'VAULT QUERY [--reveal] [--json]',
  options: {
    reveal: { type: 'boolean', description: 'include passwords, 2FA secrets and recovery codes' },
    json: { type: 'boolean', description: 'print JSON (secrets are null unless --reveal)' },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, query] = positionals as [string, string]
    const reveal = values.reveal === true
    const record = await withUnlockedVault(context, path, (vault) =>
      chooseMatch(context, lookupItems(context, vault, query), query, 'item'),
    )
    if (values.json) {
      io.out(terminalJson(detailJson(record, reveal)))
      return
    }
    const lines = detailLines(record, reveal)
    if (record.data.type === 'otp' && record.data.kind === 'totp') {
      const now = currentCode(record.data, io.now())
      lines.splice(2, 0, ['Code', `${now.code}  (${now.remainingSeconds} s left)`])
    }
    for (const line of formatLines(lines)) io.out(line)
  },
}
