// `cairn export VAULT --format kdbx --out FILE`: a KeePass KDBX 4 database for KeePassXC and
// other KeePass apps, encrypted with a password of the person's choosing (so no --unencrypted).
import { exportKdbx } from '../../core/export/kdbx-export.ts'
import { writeFileAtomic } from '../../core/fs/atomic-file.ts'
import { UsageError } from '../cli-error.ts'
import type { CommandContext } from '../cli-types.ts'
import { readExportPassword } from '../export-password.ts'
import { withMasterPasswordVault } from '../vault-access.ts'

export async function runKdbxExport(context: CommandContext): Promise<void> {
  const { io, positionals, values } = context
  const out = values.out
  if (typeof out !== 'string') {
    throw new UsageError('--format kdbx writes a database file: add --out FILE')
  }
  // The export password is asked before the vault is unlocked, so a mistyped one costs nothing.
  const password = await readExportPassword(context, 'KeePass database')
  // A database with its own password is a new way into the secrets: it needs the master password.
  const { bytes, count } = await withMasterPasswordVault(
    context,
    positionals[0] as string,
    'A KeePass export',
    async (vault) => {
      const items = vault.list().items
      return {
        bytes: await exportKdbx(items, password, {
          groups: vault.groups().map((g) => g.data.path),
        }),
        count: items.filter((i) => i.deletedAt === null).length,
      }
    },
  )
  writeFileAtomic(out, [bytes])
  io.err(`Wrote ${out}: ${count} item(s) as a KeePass (KDBX 4) database`)
}
