import {
  createRecoveryKey,
  listRecoveryKeys,
  revokeRecoveryKey,
} from '../../core/recovery/recovery-keys.ts'
import { recoveryKeyPage } from '../../core/recovery/printable-page.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { OUT_OPTION, emitSecrets } from '../secret-output.ts'
import { withMasterPasswordVault, withUnlockedVault } from '../vault-access.ts'

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString())

export const recoveryCommand: CliCommand = {
  usage: 'VAULT create [--label L] [--html] [--out FILE] | VAULT list [--json] | VAULT revoke ID',
  details:
    'A recovery key opens the vault instead of the master password (--recovery-key-file or ' +
    'CAIRN_RECOVERY_KEY); using it forces a new master password and replaces the key. create ' +
    'needs the vault unlocked with its master password and prints the new key once (with ' +
    '--html, a printable page with a QR code; with --out FILE, into a new file readable only by ' +
    'you, to print and delete). revoke takes the id from list (or its first 4+ characters); ' +
    'copies of the vault file made before the revocation still accept the key.',
  options: {
    label: { type: 'string', valueName: 'L', description: 'a name for the key (create)' },
    html: { type: 'boolean', description: 'print a printable HTML page with a QR code (create)' },
    json: { type: 'boolean', description: 'list as JSON' },
    ...OUT_OPTION,
  },
  unlocks: true,
  positionals: { min: 2, max: 3 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, action, id] = positionals as [string, string, string | undefined]
    if (!['create', 'list', 'revoke'].includes(action)) {
      throw new UsageError(`unknown action '${action}': create, list or revoke`)
    }
    if ((action === 'revoke') !== (id !== undefined)) {
      throw new UsageError(
        action === 'revoke' ? 'revoke needs the key’s ID' : `${action} takes no ID`,
      )
    }
    const open: typeof withUnlockedVault =
      action === 'create'
        ? (c, p, work) => withMasterPasswordVault(c, p, 'Creating a recovery key', work)
        : withUnlockedVault
    await open(context, path, async (vault) => {
      if (action === 'create') {
        const label = typeof values.label === 'string' ? values.label : undefined
        const issued = await createRecoveryKey(vault, { label })
        if (values.html) {
          const page = await recoveryKeyPage({
            vaultName: vault.header.name,
            key: issued.key,
            label: issued.slot.label,
            createdAt: issued.slot.createdAt,
          })
          emitSecrets(context, [page], 'the recovery key page')
        } else {
          emitSecrets(context, [issued.key], 'the recovery key')
        }
        io.err(
          `Recovery key '${issued.slot.label}' (${issued.slot.id.slice(0, 8)}) added. It is shown only ` +
            'this once: write it down or print it, and keep it away from this computer.',
        )
      } else if (action === 'list') {
        const keys = listRecoveryKeys(vault)
        if (values.json) {
          io.out(
            JSON.stringify(
              keys.map(({ id, label, createdAt, lastUsedAt }) => ({
                id,
                label,
                createdAt,
                lastUsedAt,
              })),
            ),
          )
        } else if (keys.length === 0) {
          io.out('No recovery keys')
        } else {
          for (const k of keys) {
            io.out(
              `${k.id.slice(0, 8)}  ${k.label}  created ${when(k.createdAt)}  last used ${when(k.lastUsedAt)}`,
            )
          }
        }
      } else {
        const slot = revokeRecoveryKey(vault, id!)
        io.out(`Revoked recovery key '${slot.label}' (${slot.id.slice(0, 8)})`)
        io.err('Copies of this vault file made before now still accept that key.')
      }
    })
  },
}
