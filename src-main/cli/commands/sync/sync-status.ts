import { openVault } from '../../../core/vault/vault-file.ts'
import { requireSyncLink } from '../../../core/sync/sync-link.ts'
import { syncOverview } from '../../../core/sync/sync-overview.ts'
import type { SyncSubcommand } from './sync-subcommand.ts'

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString())

export const syncStatus: SyncSubcommand = {
  name: 'status',
  usage: 'VAULT',
  summary: 'the folder, this device, when VAULT last synced and every device’s file (no unlock)',
  args: 1,
  async run(context, [vaultPath]) {
    const { io } = context
    const locked = openVault(vaultPath!)
    const vaultUuid = locked.header.vaultUuid
    locked.close()
    requireSyncLink(vaultPath!, vaultUuid)
    const overview = syncOverview(vaultPath!, vaultUuid)!
    io.out(`Folder:       ${overview.folder}${overview.folderMissing ? ' (missing)' : ''}`)
    io.out(`This device:  ${overview.deviceId}`)
    io.out(`Last synced:  ${when(overview.lastSyncedAt)}`)
    if (overview.needsNewPassword) {
      io.out('Needs the new master password (the vault key was changed on another device)')
    }
    for (const f of overview.files) {
      // Unreadable files are still being written, cut short or damaged; a sync pass says why.
      const written =
        f.writtenAt === null ? 'unreadable (incomplete or damaged)' : when(f.writtenAt)
      const who = f.thisDevice ? ' (this device)' : ''
      const forgotten = f.forgotten ? ' (forgotten)' : ''
      const copy = f.syncToolCopy ? ' [sync tool copy]' : ''
      io.out(`  ${f.deviceId}${who}${forgotten}${copy}: last change ${written}`)
    }
  },
}
