// Where the password that seals an export for another app (an Aegis file, a KeePass database)
// comes from: --export-password-file FILE (first line), else CAIRN_EXPORT_PASSWORD (for scripts),
// else a prompt without echo, typed twice.
import { CliError } from './cli-error.ts'
import type { CommandContext, OptionSpecs } from './cli-types.ts'
import { readSecretFile } from './credential-source.ts'
import { promptHidden } from './terminal-input.ts'

export const EXPORT_PASSWORD_ENV = 'CAIRN_EXPORT_PASSWORD'

export const EXPORT_PASSWORD_OPTION: OptionSpecs = {
  'export-password-file': {
    type: 'string',
    valueName: 'FILE',
    description: `the password an encrypted export is sealed with, first line of FILE (else ${EXPORT_PASSWORD_ENV}, else asked)`,
  },
}

/** `what` names the file in the prompt: "export", "KeePass database". */
export async function readExportPassword(context: CommandContext, what: string): Promise<string> {
  const file = context.values['export-password-file']
  if (typeof file === 'string') {
    const password = readSecretFile(file, 'export password')
    if (password === '') throw new CliError(`the export password file '${file}' is empty`)
    return password
  }
  const env = context.io.env[EXPORT_PASSWORD_ENV]
  if (env !== undefined) {
    if (env === '') throw new CliError(`${EXPORT_PASSWORD_ENV} is set but empty`)
    return env
  }
  if (!context.io.stdin.isTTY) {
    throw new CliError(
      `no export password: use --export-password-file FILE or ${EXPORT_PASSWORD_ENV}, or run in a terminal to be asked`,
    )
  }
  const first = await promptHidden(`Password for the ${what}: `, context.io.stdin)
  if (first === '') throw new CliError('the export password cannot be empty')
  const second = await promptHidden('Repeat the export password: ', context.io.stdin)
  if (first !== second) throw new CliError('the two passwords do not match; nothing was written')
  return first
}
