import { resolve } from 'node:path'
import { readImports } from '../../core/import/import-files.ts'
import { readInputFile } from '../../core/import/input-file.ts'
import { isCairnError } from '../../core/errors.ts'
import { applyImport, itemLabel, planImport, vaultItems } from '../../core/import/import-plan.ts'
import type { ImportPlan, PlannedItem, ReadImport } from '../../core/import/import-plan.ts'
import type { AskSecret } from '../../core/import/importer.ts'
import { IMPORTERS } from '../../core/import/importers/index.ts'
import { printable } from '../../core/import/scan-report.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { readSecretFile } from '../credential-source.ts'
import { shortId } from '../item-display.ts'
import { promptHidden } from '../terminal-input.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const IMPORT_PASSWORD_ENV = 'CAIRN_IMPORT_PASSWORD'

/**
 * The export's own password: --source-password-file, else the environment, else a prompt. With
 * --key-file, no password (or an empty answer) means the key file alone opens the database.
 */
function sourcePassword(context: CommandContext, withKeyFile: boolean): AskSecret {
  return async (prompt) => {
    const file = context.values['source-password-file']
    if (typeof file === 'string') return readSecretFile(file, 'source password')
    const env = context.io.env[IMPORT_PASSWORD_ENV]
    if (env !== undefined && env !== '') return env
    if (!context.io.stdin.isTTY) {
      if (withKeyFile) return ''
      throw new CliError(
        `the file is encrypted: give its password with --source-password-file FILE or ${IMPORT_PASSWORD_ENV}`,
      )
    }
    const answer = await promptHidden(`${prompt}: `, context.io.stdin)
    return answer === '' && !withKeyFile ? null : answer
  }
}

/** A KeePass key file is any file (KeePass hashes one it does not recognise): read its bytes. */
async function readKeyFile(path: string): Promise<Uint8Array> {
  try {
    return await readInputFile(path)
  } catch (e) {
    if (isCairnError(e)) throw new CliError(`key file '${printable(path)}': ${e.message}`)
    throw e
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function summary(plan: ImportPlan, verb: string, keysVault: string | null): string {
  const allKeys = [...plan.add, ...plan.skipped].every((p) => p.data.type === 'otp')
  const skipped = plan.skipped.length ? `, skipped ${plan.skipped.length}` : ''
  const toKeys = plan.add.filter((p) => p.to === 'keys').length
  const split =
    keysVault !== null && toKeys > 0 && toKeys < plan.add.length
      ? ` (${toKeys} of them into '${printable(keysVault)}')`
      : ''
  return `${verb} ${plural(plan.add.length, allKeys ? '2FA key' : 'item')}${split}${skipped}`
}

/** The context that opens the 2FA vault: its own password file when given, else VAULT's credential. */
function keysVaultContext(context: CommandContext): CommandContext {
  const file = context.values['keys-password-file']
  if (typeof file !== 'string') return context
  return { ...context, values: { ...context.values, 'password-file': file } }
}

interface VaultNames {
  vault: string
  keys: string | null
}

/** One line per added item: where it goes and, for a login, the key whose code it shows. */
function addedLine(
  item: PlannedItem,
  verb: string,
  id: string | undefined,
  names: VaultNames,
): string {
  const into = item.to === 'keys' && names.keys !== null ? ` into '${printable(names.keys)}'` : ''
  let link = ''
  if (item.link) {
    const where =
      item.link.to === 'keys' && names.keys !== null ? ` in '${printable(names.keys)}'` : ''
    const state = item.link.existing ? ', already there' : ''
    link = `, linked to ${item.link.label}${where}${state}`
  }
  return `${verb} ${itemLabel(item.data)}${id ? ` [${shortId(id)}]` : ''}${into} from ${item.from}${link}`
}

export const importCommand: CliCommand = {
  usage:
    'VAULT FILE… [--from FORMAT] [--source-password-file FILE] [--key-file FILE] [--keys-to 2FA_VAULT [--keys-password-file FILE]] [--dry-run]',
  details:
    'Each FILE is detected by its content (then its name): ' +
    IMPORTERS.map((i) => `${i.id} (${i.name})`).join('; ') +
    '. --from FORMAT names the format instead. An encrypted export asks for its password ' +
    `(--source-password-file FILE, else ${IMPORT_PASSWORD_ENV}, else a prompt); a KeePass ` +
    'database locked with a key file takes it with --key-file. A login that carries a TOTP ' +
    'becomes a login plus a 2FA key, and the login shows that key’s code; --keys-to 2FA_VAULT ' +
    'puts every 2FA key in that vault instead of VAULT (it opens with the same credential ' +
    'unless --keys-password-file is given). An item already ' +
    'in the vault or given twice is skipped with a message. All or nothing: if any file cannot ' +
    'be read or holds an entry that cannot become an item, nothing is written (with --keys-to ' +
    'the 2FA vault is written first, and its new keys are purged again should VAULT’s write ' +
    'fail). --dry-run says ' +
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
    'key-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'the key file of a KeePass database that uses one',
    },
    'keys-to': {
      type: 'string',
      valueName: '2FA_VAULT',
      description:
        'put the 2FA keys (logins’ TOTPs included) in this vault, linked to their logins',
    },
    'keys-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'the master password of the --keys-to vault, first line of FILE',
    },
    'dry-run': { type: 'boolean', description: 'show what would be imported; write nothing' },
  },
  unlocks: true,
  positionals: { min: 2, max: Infinity },
  async run(context) {
    const { io, positionals, values } = context
    const [path, ...files] = positionals as [string, ...string[]]
    const from = typeof values.from === 'string' ? values.from : undefined
    const keysPath = typeof values['keys-to'] === 'string' ? values['keys-to'] : null
    if (keysPath === null && typeof values['keys-password-file'] === 'string') {
      throw new UsageError('--keys-password-file is for the vault named by --keys-to')
    }
    if (keysPath !== null && resolve(keysPath) === resolve(path)) {
      throw new UsageError('--keys-to names the vault being imported into: leave it out')
    }
    const keyFile =
      typeof values['key-file'] === 'string' ? await readKeyFile(values['key-file']) : undefined
    const outcomes = await readImports(
      files,
      sourcePassword(context, keyFile !== undefined),
      from,
      {
        keyFile,
      },
    )
    const read = outcomes.filter((o): o is ReadImport => 'file' in o)
    // Every input is judged before the vault is unlocked: a bad file should not cost an unlock.
    const problems = [
      ...outcomes.flatMap((o) => ('error' in o ? [`${printable(o.name)}: ${o.error}`] : [])),
      ...planImport(read, []).problems,
    ]
    if (problems.length > 0) throw new CliError(`nothing imported: ${problems.join('; ')}`)

    const dryRun = values['dry-run'] === true
    const { plan, written, names } = await withUnlockedVault(context, path, async (vault) => {
      if (keysPath === null) {
        const plan = planImport(read, vaultItems(vault.list()))
        const names: VaultNames = { vault: vault.header.name, keys: null }
        return { plan, written: dryRun ? [] : applyImport(vault, plan), names }
      }
      return withUnlockedVault(keysVaultContext(context), keysPath, (keys) => {
        if (keys.header.vaultUuid === vault.header.vaultUuid) {
          throw new UsageError('--keys-to names a copy of the vault being imported into')
        }
        const plan = planImport(read, vaultItems(vault.list()), { keys: vaultItems(keys.list()) })
        const names: VaultNames = { vault: vault.header.name, keys: keys.header.name }
        return { plan, written: dryRun ? [] : applyImport(vault, plan, { keys }), names }
      })
    })
    for (const { name, file } of read) {
      io.out(`${printable(name)}: ${file.formatName}${file.encrypted ? ', encrypted' : ''}`)
    }
    plan.add.forEach((item, i) => {
      io.out(addedLine(item, dryRun ? 'Would add' : 'Added', written[i]?.id, names))
    })
    for (const { data, from, reason } of plan.skipped) {
      io.out(`Skipped ${itemLabel(data)} from ${from}: ${reason}`)
    }
    for (const note of plan.notes) io.out(note)
    if (plan.keysBesideLogins > 0) {
      const n = plan.keysBesideLogins
      const whose = n === 1 ? '1 login’s 2FA key' : `${n} logins’ 2FA keys`
      const verb = dryRun ? 'would stay' : n === 1 ? 'stays' : 'stay'
      io.out(
        `${whose} ${verb} in '${printable(names.vault)}' beside ${n === 1 ? 'its login' : 'their logins'}: give --keys-to 2FA_VAULT to keep 2FA keys in your 2FA vault`,
      )
    }
    io.out(summary(plan, dryRun ? 'Dry run: would import' : 'Imported', names.keys))
    const plain = read.filter((r) => !r.file.encrypted && r.file.format !== 'qr-image')
    if (!dryRun && plan.add.length > 0 && plain.length > 0) {
      io.err(
        `cairn: ${plural(plain.length, 'imported file')} hold secrets in the clear: delete ${plain.length === 1 ? 'it' : 'them'} securely (shred -u FILE on Linux)`,
      )
    }
  },
}
