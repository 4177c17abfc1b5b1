// What a sync pass says on the terminal: one line per file that was merged, ignored or needs the
// new password, and every conflict copy made.
import type { SyncReport } from '../../../core/sync/sync-pass.ts'
import type { CliIo } from '../../cli-types.ts'

export function printSyncReport(io: CliIo, report: SyncReport): void {
  for (const f of report.files) {
    const s = f.summary
    if (f.status === 'merged' || f.status === 'tidied') {
      const what = f.status === 'tidied' ? "sync tool's copy, merged and removed" : 'merged'
      io.out(
        `  ${f.deviceId}: ${what} (${s!.added} added, ${s!.updated} updated, ` +
          `${s!.deleted + s!.tombstones} deleted, ${s!.conflicts.length} conflict(s))`,
      )
    } else if (f.status === 'ignored' || f.status === 'other-key') {
      io.err(`cairn: note: ${f.file} ignored: ${f.note}`)
    } else if (f.status === 'forgotten') {
      io.out(`  ${f.deviceId}: forgotten device, file removed`)
    }
  }
  for (const c of report.conflicts) {
    io.out(
      `  conflict: '${c.title}' (${c.id.slice(0, 8)}) — the other version kept as ${c.copyId.slice(0, 8)}`,
    )
  }
  if (report.askForNewPassword) {
    io.err(
      'cairn: the vault key was changed on another device: this device needs the new master ' +
        'password (cairn sync now VAULT --new-password-file FILE)',
    )
  }
  io.out(
    `Synced at ${new Date(report.syncedAt).toISOString()}; this device's file ${report.wroteOwnFile ? 'written' : 'unchanged'}`,
  )
}
