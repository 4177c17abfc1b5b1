import { forgetDevice } from '../../../core/sync/sync-pass.ts'
import { openVault } from '../../../core/vault/vault-file.ts'
import type { SyncSubcommand } from './sync-subcommand.ts'

export const syncForget: SyncSubcommand = {
  name: 'forget',
  usage: 'VAULT DEVICE',
  summary: 'ignore DEVICE’s file from now on and remove it from the folder',
  args: 2,
  async run(context, [vaultPath, device]) {
    const locked = openVault(vaultPath!)
    const vaultId = locked.header.vaultId
    locked.close()
    const removed = forgetDevice(vaultPath!, vaultId, device!)
    context.io.out(`Forgot device ${device}: ${removed} file(s) removed`)
  },
}
