import { linkVault } from '../../../core/sync/sync-link.ts'
import { syncNow } from '../../../core/sync/sync-pass.ts'
import { withUnlockedVault } from '../../vault-access.ts'
import { printSyncReport } from './sync-report-lines.ts'
import type { SyncSubcommand } from './sync-subcommand.ts'

export const syncLink: SyncSubcommand = {
  name: 'link',
  usage: 'VAULT FOLDER',
  summary: 'link VAULT to FOLDER (shared by a sync tool) and write this device’s file there',
  args: 2,
  async run(context, [vaultPath, folder]) {
    await withUnlockedVault(context, vaultPath!, (vault) => {
      const link = linkVault(vaultPath!, folder!, vault.header.vaultUuid)
      context.io.out(`Linked ${vaultPath} to ${link.folder} as device ${link.deviceId}`)
      printSyncReport(context.io, syncNow(vaultPath!, vault))
    })
  },
}
