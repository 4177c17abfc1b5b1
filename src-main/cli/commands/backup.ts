import { writeBackup } from '../../core/backup/backup-writer.ts'
import type { CliCommand } from '../cli-types.ts'
import {
  BACKUP_PASSPHRASE_ENV,
  PASSPHRASE_FILE_OPTION,
  readBackupPassphrase,
} from '../backup-passphrase.ts'
import { withMasterPasswordVault, withUnlockedVault } from '../vault-access.ts'

export const backupCommand: CliCommand = {
  usage: 'VAULT OUT [--passphrase | --passphrase-file FILE]',
  details:
    'Without a passphrase option the backup is protected like the vault: its master password and ' +
    'recovery keys (as they are now) open it. With --passphrase (asked twice, or ' +
    `${BACKUP_PASSPHRASE_ENV}) or --passphrase-file it is protected by that passphrase alone ` +
    '(Argon2id). OUT is never overwritten. Items in the trash and deletions are included.',
  options: {
    ...PASSPHRASE_FILE_OPTION,
    passphrase: {
      type: 'boolean',
      description: 'protect the backup with a separate backup passphrase',
    },
  },
  unlocks: true,
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [vaultPath, out] = positionals as [string, string]
    const usePassphrase =
      values.passphrase === true || typeof values['passphrase-file'] === 'string'
    const open: typeof withUnlockedVault = usePassphrase
      ? (c, p, work) => withMasterPasswordVault(c, p, 'A backup passphrase', work)
      : withUnlockedVault
    const summary = await open(context, vaultPath, async (vault) => {
      const protection = usePassphrase
        ? {
            kind: 'passphrase' as const,
            passphrase: await readBackupPassphrase(context, { confirm: true }),
          }
        : { kind: 'vault-slots' as const }
      return writeBackup(vault, out, { protection })
    })
    if (summary.skippedDamaged.length) {
      io.err(
        `cairn: warning: ${summary.skippedDamaged.length} damaged item(s) could not be read and are not in the backup: ${summary.skippedDamaged.join(', ')}`,
      )
    }
    const how =
      summary.protection === 'passphrase'
        ? 'protected by the backup passphrase'
        : "protected by the vault's master password and recovery keys"
    io.out(
      `Backed up ${summary.items} item(s) and ${summary.tombstones} deletion(s) to ${out} (${how})`,
    )
  },
}
