// Where the master password comes from, in this order:
//   1. --password-file FILE (its first line),
//   2. the CAIRN_PASSWORD environment variable — meant for scripts and CI; anything that can read
//      this process's environment can read it,
//   3. a prompt without echo when standard input is a terminal.
// Later credential kinds (recovery keys, one-time codes) belong here too, as further options.
import { readFileSync, statSync } from 'node:fs'
import type { Credential } from '../core/vault/vault-api.ts'
import { CliError } from './cli-error.ts'
import type { CommandContext, OptionSpecs } from './cli-types.ts'
import { firstLine, promptHidden } from './terminal-input.ts'

export const PASSWORD_ENV = 'CAIRN_PASSWORD'
export const NEW_PASSWORD_ENV = 'CAIRN_NEW_PASSWORD'

/** Options every command that unlocks a vault accepts (run-cli.ts adds them). */
export const CREDENTIAL_OPTIONS: OptionSpecs = {
  'password-file': {
    type: 'string',
    valueName: 'FILE',
    description: `read the master password from the first line of FILE (else ${PASSWORD_ENV}, else a prompt)`,
  },
}

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

/** The master password for unlocking an existing vault. */
export async function readCredential(context: CommandContext): Promise<Credential> {
  const file = context.values['password-file']
  if (typeof file === 'string') {
    return { kind: 'password', password: readSecretFile(file, 'password') }
  }
  const env = fromEnv(context, PASSWORD_ENV)
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
