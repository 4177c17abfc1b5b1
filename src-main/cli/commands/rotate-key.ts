import { rotateVaultKey } from '../../core/recovery/key-rotation.ts'
import type { CliCommand } from '../cli-types.ts'
import { NEW_PASSWORD_ENV, readNewPassword } from '../credential-source.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const rotateKeyCommand: CliCommand = {
  usage: 'VAULT [--new-password-file FILE]',
  details:
    'Unlike passwd (which keeps recovery keys and backups valid), this draws a new vault key, ' +
    're-encrypts every item in one transaction and destroys every key slot: the old password, ' +
    'every recovery key and one-time code. A new recovery key is issued if the vault had any. ' +
    'Backups and copies made before still open with the old credentials, showing what they held ' +
    `then. The new password comes from --new-password-file, ${NEW_PASSWORD_ENV} or is asked twice.`,
  options: {},
  unlocks: true,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals } = context
    await withUnlockedVault(context, positionals[0] as string, async (vault) => {
      const newPassword = await readNewPassword(context, {
        fileOption: 'new-password-file',
        env: NEW_PASSWORD_ENV,
      })
      const result = await rotateVaultKey(vault, newPassword)
      io.out(`Vault key rotated; ${result.revokedSlots.length} old key slot(s) destroyed`)
      if (result.recoveryKey) {
        io.err('Your new recovery key (the old ones no longer work; shown only this once):')
        io.out(result.recoveryKey.key)
      }
    })
  },
}
