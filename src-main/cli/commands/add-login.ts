import {
  DEFAULT_PASSWORD_OPTIONS,
  generatePassword,
} from '../../core/generate/password-generator.ts'
import type { LoginData } from '../../core/vault/item-types.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { printable } from '../terminal-text.ts'
import { shortId } from '../item-display.ts'
import { firstLine, promptHidden, readAllStdin } from '../terminal-input.ts'
import { addGrouped, GROUP_OPTION, withGroupOption } from '../group-option.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const addLoginCommand: CliCommand = {
  usage:
    'VAULT --title TITLE [--username U] [--url URL]... [--group PATH] [--generate [--length N] [--no-symbols]]',
  details:
    'The login’s password is generated (--generate), read from standard input ' +
    '(--login-password-stdin), or asked for when run in a terminal; otherwise it stays empty.',
  options: {
    title: { type: 'string', valueName: 'TITLE', description: 'what the login is for (required)' },
    username: { type: 'string', valueName: 'U', description: 'the user name or e-mail' },
    group: GROUP_OPTION,
    url: {
      type: 'string',
      multiple: true,
      valueName: 'URL',
      description: 'a web address (repeatable)',
    },
    generate: { type: 'boolean', description: 'store a new random password' },
    length: {
      type: 'string',
      valueName: 'N',
      description: `length of the generated password (default ${DEFAULT_PASSWORD_OPTIONS.length})`,
    },
    symbols: {
      type: 'boolean',
      description:
        'use symbols in the generated password (default; --no-symbols to leave them out)',
    },
    'login-password-stdin': {
      type: 'boolean',
      description: 'read the login’s password from the first line of standard input',
    },
  },
  unlocks: true,
  agent: {
    readsStdin: ({ values }) => values['login-password-stdin'] === true,
    // Without a password source it asks for one at the terminal.
    needsTerminal: ({ values }) => !values.generate && !values['login-password-stdin'],
  },
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    const title = typeof values.title === 'string' ? values.title.trim() : ''
    if (title === '') throw new UsageError('add-login needs --title TITLE')
    if (values.generate && values['login-password-stdin']) {
      throw new UsageError('choose either --generate or --login-password-stdin')
    }
    if (!values.generate && (values.length !== undefined || values.symbols !== undefined)) {
      throw new UsageError('--length and --no-symbols only apply with --generate')
    }
    let password: string | undefined
    if (values.generate) {
      const length =
        values.length === undefined ? DEFAULT_PASSWORD_OPTIONS.length : Number(values.length)
      password = generatePassword({
        ...DEFAULT_PASSWORD_OPTIONS,
        length,
        symbols: values.symbols !== false,
      })
    } else if (values['login-password-stdin']) {
      password = firstLine(await readAllStdin(io.stdin))
    }

    const added = await withUnlockedVault(context, positionals[0] as string, async (vault) => {
      if (password === undefined) {
        password = io.stdin.isTTY ? await askLoginPassword(title, io.stdin) : ''
      }
      const data: LoginData = {
        type: 'login',
        title,
        username: typeof values.username === 'string' ? values.username : '',
        password,
        urls: Array.isArray(values.url) ? values.url.map(String) : [],
        notes: '',
        tags: [],
        fields: [],
        passwordHistory: [],
        otpLink: null,
      }
      return addGrouped(vault, withGroupOption(data, values.group))
    })
    const how = values.generate
      ? ` with a generated ${password?.length}-character password (cairn show … --reveal shows it)`
      : password === ''
        ? ' without a password'
        : ''
    io.out(`Added login '${printable(title)}' [${shortId(added.id)}]${how}`)
  },
}

async function askLoginPassword(title: string, stdin: NodeJS.ReadStream): Promise<string> {
  const first = await promptHidden(`Password for '${title}' (empty for none): `, stdin)
  if (first === '') return ''
  const second = await promptHidden('Repeat it: ', stdin)
  if (first !== second) throw new CliError('the two passwords do not match; nothing was added')
  return first
}
