import type { CliCommand } from '../cli-types.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const acceptCurrentCommand: CliCommand = {
  usage: 'VAULT',
  details:
    'When Cairn reports rows rolled back, missing or added outside Cairn, or a vault manifest or ' +
    'slot set that is missing or fails authentication, the vault takes no writes until you decide. ' +
    'This accepts the file as it is now: the manifest is rebuilt from every row that ' +
    'authenticates, and key-slot rows the sealed slot set does not list are deleted. If the slot ' +
    'set itself could not be verified, only the master password you unlock with is kept: issue ' +
    'new recovery keys and one-time codes afterwards. Rows that fail authentication stay reported.',
  options: {},
  unlocks: true,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals } = context
    await withUnlockedVault(context, positionals[0] as string, (vault) => {
      const before = vault.list({ includeTrash: true }).damaged.length
      const result = vault.acceptCurrent()
      const after = vault.list({ includeTrash: true }).damaged
      io.out(
        `Accepted the current contents: ${before - after.length} report(s) cleared` +
          (result.removedSlots ? `, ${result.removedSlots} unverified key slot(s) removed` : ''),
      )
      if (result.slotSetRebuilt) {
        io.err('The slot set could not be verified: only your master password was kept.')
        io.err('Issue new recovery keys and one-time codes (cairn recovery, cairn onetime).')
      }
      for (const d of after) io.err(`Still damaged: ${d.id}: ${d.reason}`)
    })
  },
}
