import type { RecoveryCodesData } from '../../core/vault/item-types.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { itemName } from '../item-display.ts'
import { lookupItems } from '../item-lookup.ts'
import { chooseMatch } from '../item-query.ts'
import { terminalJson } from '../terminal-text.ts'
import { withUnlockedVault } from '../vault-access.ts'

/** Codes are compared the way people type them: no spaces or dashes, any case. */
const plain = (code: string) => code.replace(/[\s-]/g, '').toLowerCase()

export const useCodeCommand: CliCommand = {
  usage: 'VAULT QUERY [CODE] [--json]',
  details:
    'Marks one recovery code as used. With CODE, that code (spaces, dashes and case do not ' +
    'matter); without it, the first unused one, which is printed so you can type it. Then says ' +
    'how many remain.',
  options: { json: { type: 'boolean', description: 'print JSON' } },
  unlocks: true,
  agent: {},
  positionals: { min: 2, max: 3 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, query, given] = positionals as [string, string, string | undefined]
    const result = await withUnlockedVault(context, path, async (vault) => {
      const matches = lookupItems(context, vault, query, { types: ['recovery-codes'] })
      const record = await chooseMatch(context, matches, query, 'set of recovery codes')
      const data = record.data as RecoveryCodesData
      const index =
        given === undefined
          ? data.codes.findIndex((c) => !c.used)
          : data.codes.findIndex((c) => plain(c.code) === plain(given))
      const code = data.codes[index]
      if (!code) {
        throw new CliError(
          given === undefined
            ? `every code of '${itemName(data)}' is used`
            : `'${itemName(data)}' has no such code`,
        )
      }
      if (code.used) throw new CliError(`that code of '${itemName(data)}' is already used`)
      const codes = data.codes.map((c, i) => (i === index ? { ...c, used: true } : c))
      vault.update(record.id, { ...data, codes }, record.revision)
      return {
        id: record.id,
        name: itemName(data),
        code: code.code,
        remaining: codes.filter((c) => !c.used).length,
      }
    })
    if (values.json) {
      io.out(
        terminalJson({
          id: result.id,
          code: given === undefined ? result.code : null,
          remaining: result.remaining,
        }),
      )
      return
    }
    if (given === undefined) io.out(result.code)
    const left = `${result.remaining} unused code${result.remaining === 1 ? '' : 's'} left in '${result.name}'`
    if (given === undefined) io.err(`Marked as used; ${left}`)
    else io.out(`Marked as used; ${left}`)
    if (result.remaining === 0)
      io.err('cairn: that was the last one: get new codes from the service')
  },
}
