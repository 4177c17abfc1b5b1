import {
  createOneTimeCodes,
  listOneTimeCodes,
  revokeAllOneTimeCodes,
} from '../../core/recovery/one-time-codes.ts'
import { oneTimeCodesPage } from '../../core/recovery/printable-page.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { OUT_OPTION, emitSecrets } from '../secret-output.ts'
import { withMasterPasswordVault, withUnlockedVault } from '../vault-access.ts'

export const onetimeCommand: CliCommand = {
  usage: 'VAULT create N [--label L] [--html] [--out FILE] | VAULT list | VAULT revoke-all',
  details:
    'Each code opens the vault once (--one-time-code-file in the CLI) and is then destroyed. ' +
    'create needs the vault unlocked with its master password and prints N codes once (with ' +
    '--html, a printable page; with --out FILE, into a new file readable only by you). A copy ' +
    'of the vault file made ' +
    'before a code was used still accepts it.',
  options: {
    label: { type: 'string', valueName: 'L', description: 'a name for this set of codes' },
    html: { type: 'boolean', description: 'print a printable HTML page (create)' },
    ...OUT_OPTION,
  },
  unlocks: true,
  positionals: { min: 2, max: 3 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, action, count] = positionals as [string, string, string | undefined]
    if (!['create', 'list', 'revoke-all'].includes(action)) {
      throw new UsageError(`unknown action '${action}': create, list or revoke-all`)
    }
    if ((action === 'create') !== (count !== undefined)) {
      throw new UsageError(
        action === 'create' ? 'create needs the number of codes' : `${action} takes no number`,
      )
    }
    const n = Number(count)
    if (action === 'create' && (!/^\d+$/.test(count!) || n < 1)) {
      throw new UsageError('N must be a whole number from 1 to 50')
    }
    const open: typeof withUnlockedVault =
      action === 'create'
        ? (c, p, work) => withMasterPasswordVault(c, p, 'Creating one-time codes', work)
        : withUnlockedVault
    await open(context, path, async (vault) => {
      if (action === 'create') {
        const label = typeof values.label === 'string' ? values.label : undefined
        const codes = await createOneTimeCodes(vault, n, { label })
        if (values.html) {
          const page = oneTimeCodesPage({
            vaultName: vault.header.name,
            codes: codes.map((c) => c.code),
            createdAt: codes[0]!.slot.createdAt,
          })
          emitSecrets(context, [page], 'the one-time codes page')
        } else {
          emitSecrets(
            context,
            codes.map((c) => c.code),
            'one-time codes',
          )
        }
        io.err(`${codes.length} one-time code(s) added; they are shown only this once.`)
      } else if (action === 'list') {
        const codes = listOneTimeCodes(vault)
        io.out(`${codes.length} unused one-time code(s)`)
        for (const c of codes)
          io.out(`${c.id.slice(0, 8)}  ${c.label}  created ${new Date(c.createdAt).toISOString()}`)
      } else {
        io.out(`Revoked ${await revokeAllOneTimeCodes(vault)} one-time code(s)`)
      }
    })
  },
}
