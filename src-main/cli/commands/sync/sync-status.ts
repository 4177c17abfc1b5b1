import { readBackupInfo } from '../../../core/backup/backup-reader.ts'
import { openVault } from '../../../core/vault/vault-file.ts'
import { requireSyncLink } from '../../../core/sync/sync-link.ts'
import { folderEntries } from '../../../core/sync/sync-pass.ts'
import { join } from 'node:path'
import type { SyncSubcommand } from './sync-subcommand.ts'

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString())

export const syncStatus: SyncSubcommand = {
  name: 'status',
  usage: 'VAULT',
  summary: 'the folder, this device, when VAULT last synced and every device’s file (no unlock)',
  args: 1,
  async run(context, [vaultPath]) {
    const { io } = context
    const link = requireSyncLink(vaultPath!)
    const locked = openVault(vaultPath!)
    const vaultId = locked.header.vaultId
    locked.close()
    io.out(`Folder:       ${link.folder}`)
    io.out(`This device:  ${link.deviceId}`)
    io.out(`Last synced:  ${when(link.lastSyncedAt)}`)
    if (link.needsNewPassword) {
      io.out('Needs the new master password (the vault key was changed on another device)')
    }
    for (const e of folderEntries(link, vaultId)) {
      let written = 'unreadable (incomplete or damaged)'
      try {
        written = when(readBackupInfo(join(link.folder, e.name)).createdAt)
      } catch {
        // Shown as unreadable; a sync pass gives the reason.
      }
      const who = e.deviceId === link.deviceId ? ' (this device)' : ''
      const forgotten = link.forgotten.includes(e.deviceId) ? ' (forgotten)' : ''
      const copy = e.conflictCopy ? ' [sync tool copy]' : ''
      io.out(`  ${e.deviceId}${who}${forgotten}${copy}: last change ${written}`)
    }
  },
}
