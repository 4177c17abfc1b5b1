import { joinSyncFolder } from '../../../core/sync/sync-join.ts'
import { syncNow } from '../../../core/sync/sync-pass.ts'
import { readCredential } from '../../credential-source.ts'
import { withUnlockedVault } from '../../vault-access.ts'
import { printSyncReport } from './sync-report-lines.ts'
import type { SyncSubcommand } from './sync-subcommand.ts'

export const syncJoin: SyncSubcommand = {
  name: 'join',
  usage: 'FOLDER NEW_VAULT',
  summary:
    'make NEW_VAULT from the newest device file in FOLDER (same vault, same master password) and link it',
  args: 2,
  async run(context, [folder, vaultPath]) {
    const credential = await readCredential(context)
    const joined = await joinSyncFolder(folder!, vaultPath!, credential)
    context.io.out(`Joined vault '${joined.vaultName}' (${joined.items} item(s)) as ${vaultPath}`)
    await withUnlockedVault(context, vaultPath!, (vault) => {
      printSyncReport(context.io, syncNow(vaultPath!, vault))
    })
  },
}
