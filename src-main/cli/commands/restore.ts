import { readBackupInfo, type BackupCredential } from '../../core/backup/backup-reader.ts'
import { restoreBackup } from '../../core/backup/restore.ts'
import type { CliCommand } from '../cli-types.ts'
import {
  BACKUP_PASSPHRASE_ENV,
  PASSPHRASE_FILE_OPTION,
  readBackupPassphrase,
} from '../backup-passphrase.ts'
import { NEW_PASSWORD_ENV, readCredential, readNewPassword } from '../credential-source.ts'

export const restoreCommand: CliCommand = {
  usage: 'BACKUP NEW_VAULT',
  details:
    'A backup protected by the vault’s slots opens with the master password or a recovery key of ' +
    'the time it was made, and restores as that same vault. A passphrase backup needs its ' +
    `passphrase (--passphrase-file, ${BACKUP_PASSPHRASE_ENV} or a prompt) and a master password ` +
    `for the new vault (--new-password-file, ${NEW_PASSWORD_ENV} or asked twice). The whole ` +
    'backup is checked before anything is written; NEW_VAULT is never overwritten.',
  options: { ...PASSPHRASE_FILE_OPTION },
  unlocks: true,
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals } = context
    const [backupPath, vaultPath] = positionals as [string, string]
    const info = readBackupInfo(backupPath)
    let credential: BackupCredential
    let newPassword: string | undefined
    if (info.protection === 'passphrase') {
      credential = {
        kind: 'backup-passphrase',
        passphrase: await readBackupPassphrase(context, { confirm: false }),
      }
      newPassword = await readNewPassword(context, {
        fileOption: 'new-password-file',
        env: NEW_PASSWORD_ENV,
      })
    } else {
      credential = await readCredential(context)
    }
    const summary = await restoreBackup(backupPath, vaultPath, credential, { newPassword })
    io.out(
      `Restored vault '${summary.vaultName}' (${summary.items} item(s), backup of ${new Date(summary.backupCreatedAt).toISOString()}) to ${vaultPath}`,
    )
    if (credential.kind === 'recovery-key') {
      io.err('Unlock it with the same recovery key to choose a new master password.')
    }
  },
}
