import { adoptRotatedKey } from '../../../core/sync/sync-join.ts'
import { readSyncLink } from '../../../core/sync/sync-link.ts'
import { syncNow } from '../../../core/sync/sync-pass.ts'
import { openVault } from '../../../core/vault/vault-file.ts'
import { readSecretFile } from '../../credential-source.ts'
import { unlockVault } from '../../vault-access.ts'
import { printSyncReport } from './sync-report-lines.ts'
import type { SyncSubcommand } from './sync-subcommand.ts'

export const syncNowCommand: SyncSubcommand = {
  name: 'now',
  usage: 'VAULT [--new-password-file FILE]',
  summary:
    'merge every other device’s file into VAULT and write this device’s; with --new-password-file, ' +
    'take over a vault key changed on another device',
  args: 1,
  async run(context, [vaultPath]) {
    const newPasswordFile = context.values['new-password-file']
    let vault = await unlockVault(context, vaultPath!)
    try {
      if (
        typeof newPasswordFile === 'string' &&
        readSyncLink(vaultPath!, vault.header.vaultUuid)?.needsNewPassword
      ) {
        const password = readSecretFile(newPasswordFile, 'password')
        await adoptRotatedKey(vaultPath!, vault, { kind: 'password', password })
        const locked = openVault(vaultPath!)
        try {
          vault = await locked.unlock({ kind: 'password', password }, { recordUse: false })
        } finally {
          locked.close()
        }
        context.io.out('Took over the new vault key: use the new master password from now on')
      }
      printSyncReport(context.io, syncNow(vaultPath!, vault))
    } finally {
      if (!vault.isLocked) vault.lock()
    }
  },
}
