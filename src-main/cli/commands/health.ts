import { HEALTH_REASONS, HEALTH_REASON_LABELS } from '../../../src-shared/health-reasons.ts'
import { readBackupInfo } from '../../core/backup/backup-reader.ts'
import { RatingPool } from '../../core/health/rating-pool.ts'
import { checkVaultHealth, type HealthVault } from '../../core/health/vault-health.ts'
import type { ManagedVault } from '../../core/vault/vault-api.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { shortId } from '../item-display.ts'
import { printable, terminalJson } from '../terminal-text.ts'
import { withUnlockedVault } from '../vault-access.ts'

/** The context that opens OTHER_VAULT: its own password file when given, else the same credential. */
function otherVaultContext(context: CommandContext): CommandContext {
  const file = context.values['other-password-file']
  if (typeof file !== 'string') return context
  return { ...context, values: { ...context.values, 'password-file': file } }
}

const KIND_WORDS = { login: 'login', otp: '2fa', 'recovery-codes': 'recovery', note: 'note' }

export const healthCommand: CliCommand = {
  usage: 'VAULT [OTHER_VAULT] [--other-password-file F] [--backup FILE] [--json]',
  details:
    'Lists weak, reused and old passwords, logins whose site has a 2FA key but no link to it, ' +
    '2FA keys without recovery codes and, with --backup, items added or changed since that ' +
    'backup was written. Give the separate 2FA vault as OTHER_VAULT to check both together ' +
    '(reuse and links are found across them); it opens with the same credential as VAULT ' +
    'unless --other-password-file is given. Never prints a password or a secret.',
  options: {
    'other-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'the master password of OTHER_VAULT, from the first line of FILE',
    },
    backup: {
      type: 'string',
      valueName: 'FILE',
      description: 'the latest backup of VAULT: list what changed after it was written',
    },
    json: { type: 'boolean', description: 'print JSON' },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 1, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, otherPath] = positionals as [string, string | undefined]
    const backup = typeof values.backup === 'string' ? readBackupInfo(values.backup) : null
    const asHealth = (vault: ManagedVault): HealthVault => ({
      vaultUuid: vault.header.vaultUuid,
      name: vault.header.name,
      items: vault.list().items,
      ...(backup?.vaultUuid === vault.header.vaultUuid ? { lastBackupAt: backup.createdAt } : {}),
    })
    const vaults = await withUnlockedVault(context, path, async (vault) => {
      const first = asHealth(vault)
      if (otherPath === undefined) return [first]
      const other = await withUnlockedVault(otherVaultContext(context), otherPath, asHealth)
      return [first, other]
    })
    if (backup && !vaults.some((v) => v.vaultUuid === backup.vaultUuid)) {
      throw new CliError(`${printable(values.backup as string)} is a backup of another vault`)
    }
    // Ratings run on worker threads, as in the app (several cores make a large vault quicker).
    const pool = new RatingPool()
    const report = await checkVaultHealth(vaults, {
      now: io.now(),
      rateAll: (requests, onProgress) => pool.rate(requests, onProgress),
    }).finally(() => pool.close())
    const nameOf = new Map(vaults.map((v) => [v.vaultUuid, v.name]))
    if (values.json) {
      io.out(
        terminalJson({
          findings: report.findings.map((f) => ({
            reason: f.reason,
            vault: f.vaultUuid,
            vaultName: nameOf.get(f.vaultUuid),
            id: f.itemId,
            kind: f.kind,
            title: f.title,
            detail: f.detail,
            score: f.score,
          })),
          checked: report.checked,
        }),
      )
      return
    }
    const where = vaults.map((v) => `'${printable(v.name)}'`).join(' and ')
    for (const reason of HEALTH_REASONS) {
      const found = report.findings.filter((f) => f.reason === reason)
      if (found.length === 0) continue
      io.out(`${HEALTH_REASON_LABELS[reason]} (${found.length})`)
      for (const f of found) {
        const vault = vaults.length > 1 ? ` in '${printable(nameOf.get(f.vaultUuid) ?? '')}'` : ''
        io.out(
          `  ${shortId(f.itemId)}  ${KIND_WORDS[f.kind].padEnd(8)}  ${printable(f.title)}${vault}: ${printable(f.detail)}`,
        )
      }
    }
    const items = report.checked.items
    const counted = `${items} item${items === 1 ? '' : 's'} in ${where}`
    io.out(
      report.findings.length === 0
        ? `Nothing to fix in ${counted}`
        : `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${counted}`,
    )
    if (!backup) io.out('(Give --backup FILE to list what no backup holds yet.)')
  },
}
