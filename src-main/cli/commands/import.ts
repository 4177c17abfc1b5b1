import { readImports } from '../../core/import/import-files.ts'
import { applyImport, itemLabel, planImport, vaultItemData } from '../../core/import/import-plan.ts'
import type { ImportPlan, ReadImport } from '../../core/import/import-plan.ts'
import type { AskSecret } from '../../core/import/importer.ts'
import { IMPORTERS } from '../../core/import/importers/index.ts'
import { printable } from '../../core/import/scan-report.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { readSecretFile } from '../credential-source.ts'
import { shortId } from '../item-display.ts'
import { promptHidden } from '../terminal-input.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const IMPORT_PASSWORD_ENV = 'CAIRN_IMPORT_PASSWORD'

/** The export's own password: --source-password-file, else the environment, else a prompt. */
function sourcePassword(context: CommandContext): AskSecret {
  return async (prompt) => {
    const file = context.values['source-password-file']
    if (typeof file === 'string') return readSecretFile(file, 'source password')
    const env = context.io.env[IMPORT_PASSWORD_ENV]
    if (env !== undefined && env !== '') return env
    if (!context.io.stdin.isTTY) {
      throw new CliError(
        `the file is encrypted: give its password with --source-password-file FILE or ${IMPORT_PASSWORD_ENV}`,
      )
    }
    const answer = await promptHidden(`${prompt}: `, context.io.stdin)
    return answer === '' ? null : answer
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function summary(plan: ImportPlan, verb: string): string {
  const allKeys = plan.add.every((p) => p.data.type === 'otp')
  const skipped = plan.skipped.length ? `, skipped ${plan.skipped.length}` : ''
  return `${verb} ${plural(plan.add.length, allKeys ? '2FA key' : 'item')}${skipped}`
}

export const importCommand: CliCommand = {
  usage: 'VAULT FILE… [--from FORMAT] [--source-password-file FILE] [--dry-run]',
  details:
    'Each FILE is detected by its content (then its name): ' +
    IMPORTERS.map((i) => `${i.id} (${i.name})`).join('; ') +
    '. --from FORMAT names the format instead. An encrypted export asks for its password ' +
    `(--source-password-file FILE, else ${IMPORT_PASSWORD_ENV}, else a prompt). An item already ` +
    'in the vault or given twice is skipped with a message. All or nothing: if any file cannot ' +
    'be read or holds an entry that cannot become an item, nothing is written. --dry-run says ' +
    'what would be added without writing (and without showing any secret). docs/import.md says ' +
    'what each format carries and loses.',
  options: {
    from: {
      type: 'string',
      valueName: 'FORMAT',
      description: 'the format of every FILE, instead of detecting it',
    },
    'source-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: `the password of an encrypted export, first line of FILE (else ${IMPORT_PASSWORD_ENV}, else a prompt)`,
    },
    'dry-run': { type: 'boolean', description: 'show what would be imported; write nothing' },
  },
  unlocks: true,
  positionals: { min: 2, max: Infinity },
  async run(context) {
    const { io, positionals, values } = context
    const [path, ...files] = positionals as [string, ...string[]]
    const from = typeof values.from === 'string' ? values.from : undefined
    const outcomes = await readImports(files, sourcePassword(context), from)
    const read = outcomes.filter((o): o is ReadImport => 'file' in o)
    // Every input is judged before the vault is unlocked: a bad file should not cost an unlock.
    const problems = [
      ...outcomes.flatMap((o) => ('error' in o ? [`${printable(o.name)}: ${o.error}`] : [])),
      ...planImport(read, []).problems,
    ]
    if (problems.length > 0) throw new CliError(`nothing imported: ${problems.join('; ')}`)

    const dryRun = values['dry-run'] === true
    const { plan, written } = await withUnlockedVault(context, path, (vault) => {
      const plan = planImport(read, vaultItemData(vault.list()))
      return { plan, written: dryRun ? [] : applyImport(vault, plan) }
    })
    for (const { name, file } of read) {
      io.out(`${printable(name)}: ${file.formatName}${file.encrypted ? ', encrypted' : ''}`)
    }
    plan.add.forEach(({ data, from }, i) => {
      const id = written[i]?.id
      io.out(
        `${dryRun ? 'Would add' : 'Added'} ${itemLabel(data)}${id ? ` [${shortId(id)}]` : ''} from ${from}`,
      )
    })
    for (const { data, from, reason } of plan.skipped) {
      io.out(`Skipped ${itemLabel(data)} from ${from}: ${reason}`)
    }
    for (const note of plan.notes) io.out(note)
    io.out(summary(plan, dryRun ? 'Dry run: would import' : 'Imported'))
    const plain = read.filter((r) => !r.file.encrypted && r.file.format !== 'qr-image')
    if (!dryRun && plan.add.length > 0 && plain.length > 0) {
      io.err(
        `cairn: ${plural(plain.length, 'imported file')} hold secrets in the clear: delete ${plain.length === 1 ? 'it' : 'them'} securely (shred -u FILE on Linux)`,
      )
    }
  },
}
