import { basename, extname } from 'node:path'
import type { CliCommand } from '../cli-types.ts'
import { PASSWORD_ENV, readNewPassword } from '../credential-source.ts'
import { createVault } from '../vault-access.ts'

export const initCommand: CliCommand = {
  usage: 'VAULT [--name NAME]',
  details: `The master password is read from --password-file, else ${PASSWORD_ENV}, else asked twice.`,
  options: {
    name: {
      type: 'string',
      valueName: 'NAME',
      description: 'the vault’s name (default: file name)',
    },
    'password-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'read the new master password from the first line of FILE',
    },
  },
  unlocks: false,
  positionals: { min: 1, max: 1 },
  async run({ io, positionals, values }) {
    const path = positionals[0] as string
    const name =
      typeof values.name === 'string' && values.name.trim() !== ''
        ? values.name.trim()
        : basename(path, extname(path))
    const password = await readNewPassword(
      { io, positionals, values },
      { fileOption: 'password-file', env: PASSWORD_ENV },
    )
    const vault = await createVault(path, { password, name })
    vault.lock()
    io.out(`Created vault '${name}' in ${path}`)
  },
}
