import type { CliCommand } from '../cli-types.ts'
import { NEW_PASSWORD_ENV, readNewPassword } from '../credential-source.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const passwdCommand: CliCommand = {
  usage: 'VAULT [--new-password-file FILE]',
  details: `The new password comes from --new-password-file, else ${NEW_PASSWORD_ENV}, else is asked twice.`,
  options: {
    'new-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'read the new master password from the first line of FILE',
    },
  },
  unlocks: true,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals } = context
    await withUnlockedVault(context, positionals[0] as string, async (vault) => {
      // A recovery-key unlock has just set the new password already.
      if (vault.unlockedWith.kind === 'recovery-key') return
      const password = await readNewPassword(context, {
        fileOption: 'new-password-file',
        env: NEW_PASSWORD_ENV,
      })
      await vault.changePassword(password)
    })
    io.out('Master password changed')
  },
}
