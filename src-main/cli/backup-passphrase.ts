// Where a backup passphrase comes from: --passphrase-file FILE (first line), else the
// CAIRN_BACKUP_PASSPHRASE environment variable (for scripts), else a prompt without echo (typed
// twice when a new backup is being protected with it).
import { CliError } from './cli-error.ts'
import type { CommandContext, OptionSpecs } from './cli-types.ts'
import { readSecretFile } from './credential-source.ts'
import { promptHidden } from './terminal-input.ts'

export const BACKUP_PASSPHRASE_ENV = 'CAIRN_BACKUP_PASSPHRASE'

export const PASSPHRASE_FILE_OPTION: OptionSpecs = {
  'passphrase-file': {
    type: 'string',
    valueName: 'FILE',
    description: `the backup passphrase, from the first line of FILE (else ${BACKUP_PASSPHRASE_ENV}, else a prompt)`,
  },
}

export async function readBackupPassphrase(
  context: CommandContext,
  { confirm }: { confirm: boolean },
): Promise<string> {
  const file = context.values['passphrase-file']
  if (typeof file === 'string') return readSecretFile(file, 'passphrase')
  const env = context.io.env[BACKUP_PASSPHRASE_ENV]
  if (env !== undefined) {
    if (env === '') throw new CliError(`${BACKUP_PASSPHRASE_ENV} is set but empty`)
    return env
  }
  if (!context.io.stdin.isTTY) {
    throw new CliError(
      `no backup passphrase: use --passphrase-file FILE or ${BACKUP_PASSPHRASE_ENV}, or run in a terminal to be asked`,
    )
  }
  const first = await promptHidden('Backup passphrase: ', context.io.stdin)
  if (first === '') throw new CliError('the backup passphrase cannot be empty')
  if (confirm) {
    const second = await promptHidden('Repeat the backup passphrase: ', context.io.stdin)
    if (first !== second)
      throw new CliError('the two passphrases do not match; nothing was written')
  }
  return first
}
