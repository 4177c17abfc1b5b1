import { readImportFiles } from '../../core/import/import-files.ts'
import { applyImport, keyLabel, planImport, vaultOtpKeys } from '../../core/import/import-plan.ts'
import { printable } from '../../core/import/scan-report.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { shortId } from '../item-display.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const importCommand: CliCommand = {
  usage: 'VAULT FILE…',
  details:
    'Each FILE is a PNG or JPEG image (every QR code in it is read, Google Authenticator exports ' +
    'included) or a text file with one otpauth:// or otpauth-migration:// URI per line (blank ' +
    'lines and lines starting with # are skipped). A key already in the vault or given twice ' +
    '(same secret, issuer and account) is skipped with a message. All or nothing: if any file ' +
    'cannot be read or holds something that is not a usable 2FA key, nothing is written.',
  options: {},
  unlocks: true,
  positionals: { min: 2, max: Infinity },
  async run(context) {
    const { io, positionals } = context
    const [path, ...files] = positionals as [string, ...string[]]
    const outcomes = await readImportFiles(files)
    const sources = outcomes.flatMap((o) => ('source' in o ? [o.source] : []))
    // Every input is judged before the password is asked for: a bad file should not cost an unlock.
    const problems = [
      ...outcomes.flatMap((o) => ('error' in o ? [`${printable(o.file)}: ${o.error}`] : [])),
      ...planImport(sources, []).problems,
    ]
    if (problems.length > 0) throw new CliError(`nothing imported: ${problems.join('; ')}`)

    const { plan, written } = await withUnlockedVault(context, path, (vault) => {
      const plan = planImport(sources, vaultOtpKeys(vault.list()))
      return { plan, written: applyImport(vault, plan) }
    })
    plan.add.forEach(({ key, from }, i) => {
      const id = written[i]?.id ?? ''
      io.out(`Added 2FA key ${keyLabel(key)} [${shortId(id)}] from ${from}`)
    })
    for (const { key, from, reason } of plan.skipped) {
      io.out(`Skipped ${keyLabel(key)} from ${from}: ${reason}`)
    }
    for (const note of plan.notes) io.out(note)
    const skipped = plan.skipped.length ? `, skipped ${plan.skipped.length}` : ''
    const count = plan.add.length
    io.out(`Imported ${count} 2FA key${count === 1 ? '' : 's'}${skipped}`)
  },
}
