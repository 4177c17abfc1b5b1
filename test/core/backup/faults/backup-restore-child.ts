// A child process for the leftover-file tests: argv[2] is "backup" (write a backup of the vault at
// argv[3] to argv[4]) or "restore" (restore the backup at argv[3] to a new vault at argv[4]). The
// parent kills it with SIGKILL while the temporary file exists.
import { writeBackup } from '../../../../src-main/core/backup/backup-writer.ts'
import { restoreBackup } from '../../../../src-main/core/backup/restore.ts'
import { openVault } from '../../../../src-main/core/vault/vault-file.ts'

const [mode, from, to, password] = process.argv.slice(2) as [string, string, string, string]
if (mode === 'backup') {
  const v = await openVault(from).unlock({ kind: 'password', password })
  for (;;) {
    await writeBackup(v, to, { protection: { kind: 'vault-slots' }, replace: true })
  }
} else {
  for (let i = 0; ; i++) {
    await restoreBackup(from, `${to}.${i}`, { kind: 'password', password })
  }
}
