// Where the credential that unlocks a vault comes from, in this order:
//   1. --password-file FILE, --recovery-key-file FILE or --one-time-code-file FILE (first line;
//      at most one of them),
//   2. the CAIRN_RECOVERY_KEY or CAIRN_PASSWORD environment variable (not both) — meant for
//      scripts and CI; anything that can read this process's environment can read it,
//   3. a prompt for the master password without echo when standard input is a terminal.
// A recovery key or one-time code is checked for typos before the vault is touched.
import { readFileSync, statSync } from 'node:fs'
import { oneTimeCodeCredential } from '../core/recovery/one-time-codes.ts'
import { recoveryKeyCredential } from '../core/recovery/recovery-keys.ts'
import type { Credential } from '../core/vault/vault-api.ts'
import { CliError, UsageError } from './cli-error.ts'
import type { CommandContext } from './cli-types.ts'
import {
  CREDENTIAL_OPTIONS,
  NEW_PASSWORD_ENV,
  PASSWORD_ENV,
  RECOVERY_KEY_ENV,
} from './credential-options.ts'
import { firstLine, promptHidden } from './terminal-input.ts'

export { CREDENTIAL_OPTIONS, NEW_PASSWORD_ENV, PASSWORD_ENV, RECOVERY_KEY_ENV }

const MAX_SECRET_FILE_BYTES = 64 * 1024

/** The first line of a small file holding a secret. Errors name the file, never its content. */
export function readSecretFile(path: string, what: string): string {
  let text: string
  try {
    if (statSync(path).size > MAX_SECRET_FILE_BYTES) {
      throw new CliError(`${what} file '${path}' is larger than 64 KiB`)
    }
    text = readFileSync(path, 'utf8')
  } catch (e) {
    if (e instanceof CliError) throw e
    const code = (e as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code)
    throw new CliError(`cannot read ${what} file '${path}': ${reason}`)
  }
  const secret = firstLine(text)
  if (secret === '') throw new CliError(`${what} file '${path}' is empty`)
  return secret
}

function fromEnv(context: CommandContext, name: string): string | undefined {
  const value = context.io.env[name]
  if (value === undefined) return undefined
  if (value === '') throw new CliError(`${name} is set but empty`)
  return value
}

function needTerminal(context: CommandContext, what: string): void {
  if (!context.io.stdin.isTTY) {
    throw new CliError(
      `no ${what}: use --password-file FILE or ${PASSWORD_ENV}, or run in a terminal to be asked`,
    )
  }
}

/** The credential for unlocking an existing vault. */
export async function readCredential(context: CommandContext): Promise<Credential> {
  const files = (['password-file', 'recovery-key-file', 'one-time-code-file'] as const).filter(
    (o) => typeof context.values[o] === 'string',
  )
  if (files.length > 1) {
    throw new UsageError(`give only one of --${files.join(', --')}`)
  }
  const file = (o: string) => context.values[o] as string
  switch (files[0]) {
    case 'password-file':
      return { kind: 'password', password: readSecretFile(file('password-file'), 'password') }
    case 'recovery-key-file':
      return recoveryKeyCredential(readSecretFile(file('recovery-key-file'), 'recovery key'))
    case 'one-time-code-file':
      return oneTimeCodeCredential(readSecretFile(file('one-time-code-file'), 'one-time code'))
  }
  const recoveryKey = fromEnv(context, RECOVERY_KEY_ENV)
  const env = fromEnv(context, PASSWORD_ENV)
  if (recoveryKey !== undefined && env !== undefined) {
    throw new UsageError(`both ${RECOVERY_KEY_ENV} and ${PASSWORD_ENV} are set: unset one`)
  }
  if (recoveryKey !== undefined) return recoveryKeyCredential(recoveryKey)
  if (env !== undefined) return { kind: 'password', password: env }
  needTerminal(context, 'master password')
  const password = await promptHidden('Master password: ', context.io.stdin)
  if (password === '') throw new CliError('the master password cannot be empty')
  return { kind: 'password', password }
}

/**
 * A new master password (for init and passwd): from a file option, an environment variable, or
 * typed twice at a prompt.
 */
export async function readNewPassword(
  context: CommandContext,
  source: { fileOption: string; env: string },
): Promise<string> {
  const file = context.values[source.fileOption]
  if (typeof file === 'string') return readSecretFile(file, 'password')
  const env = fromEnv(context, source.env)
  if (env !== undefined) return env
  if (!context.io.stdin.isTTY) {
    throw new CliError(
      `no new master password: use --${source.fileOption} FILE or ${source.env}, or run in a terminal to be asked`,
    )
  }
  const first = await promptHidden('New master password: ', context.io.stdin)
  if (first === '') throw new CliError('the master password cannot be empty')
  const second = await promptHidden('Repeat the new master password: ', context.io.stdin)
  if (first !== second) throw new CliError('the two passwords do not match; nothing was changed')
  return first
}
