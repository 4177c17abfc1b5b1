import { describeMergeSource, readMergeSource } from '../../core/backup/merge-source.ts'
import { mergeInto, type MergeSide } from '../../core/backup/merge.ts'
import { isCairnError } from '../../core/errors.ts'
import type { Credential, ManagedVault } from '../../core/vault/vault-api.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { PASSPHRASE_FILE_OPTION, readBackupPassphrase } from '../backup-passphrase.ts'
import { readSecretFile } from '../credential-source.ts'
import { unlockVaultWithCredential } from '../vault-access.ts'

/** The other copy's credential: its own password file, else the one that opened VAULT. */
function otherCredential(context: CommandContext, mine: Credential): Credential {
  const file = context.values['other-password-file']
  if (typeof file === 'string')
    return { kind: 'password', password: readSecretFile(file, 'password') }
  return mine
}

async function readOther(
  context: CommandContext,
  path: string,
  credential: Credential,
  own: ManagedVault,
): Promise<{ vaultUuid: string; side: MergeSide }> {
  try {
    const source = describeMergeSource(path)
    const passphrase =
      source.kind === 'backup' && source.protection === 'passphrase'
        ? await readBackupPassphrase(context, { confirm: false })
        : undefined
    return await readMergeSource(path, { credential, passphrase }, own)
  } catch (e) {
    if (isCairnError(e, 'WRONG_PASSWORD') || isCairnError(e, 'WRONG_CREDENTIAL')) {
      throw new CliError(
        `${e.message} for ${path}: give its own password with --other-password-file FILE`,
      )
    }
    throw e
  }
}

export const mergeCommand: CliCommand = {
  usage: 'VAULT OTHER [--other-password-file FILE]',
  details:
    'Items match by id. A change made on one side only is taken; when both sides changed an item, ' +
    'both versions are kept (the later one in place, the other as a new item titled "… (conflict ' +
    'copy)"); deletions travel as tombstones. OTHER is only read: a copy or backup of VAULT opens ' +
    'with its key; otherwise with the credential that opened VAULT, or --other-password-file ' +
    '(a passphrase backup asks for its passphrase). ' +
    'Everything is written in one transaction. See docs/backup-format.md, section 7.',
  options: {
    'other-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'the master password of OTHER, from the first line of FILE',
    },
    ...PASSPHRASE_FILE_OPTION,
  },
  unlocks: true,
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals } = context
    const [vaultPath, otherPath] = positionals as [string, string]
    const { vault, credential } = await unlockVaultWithCredential(context, vaultPath)
    try {
      const other = await readOther(context, otherPath, otherCredential(context, credential), vault)
      if (other.vaultUuid !== vault.header.vaultUuid) {
        io.err(`cairn: note: ${otherPath} is a copy of another vault; its items are added as new`)
      }
      const s = mergeInto(vault, other.side)
      io.out(
        `Merged ${otherPath} into ${vaultPath} (committed): ${s.added} added, ${s.updated} updated, ` +
          `${s.deleted} deleted, ${s.revived} restored, ${s.conflicts.length} conflict(s), ` +
          `${s.unchanged} unchanged`,
      )
      for (const c of s.conflicts) {
        io.out(
          `  conflict: '${c.title}' (${c.id.slice(0, 8)}) — other version kept as ${c.copyId.slice(0, 8)}`,
        )
      }
    } finally {
      vault.lock()
    }
    const problem = vault.checkpointProblem
    if (problem) {
      io.err(
        `cairn: note: the merge is committed, but it could not be copied from ${vaultPath}-wal into ` +
          `the vault file (${problem.message}). It stays safe in the -wal and is copied in when ` +
          'the vault is next opened with room on the disk; until then keep the -wal next to the vault.',
      )
    }
  },
}
