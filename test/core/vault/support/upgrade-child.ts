// Run as its own process by the upgrade crash test: unlocks a version-1 vault (which upgrades it)
// and kills itself with SIGKILL right after the named step of the upgrade.
import { openVault } from '../../../../src-main/core/vault/vault-file.ts'

const [path, password, killAt] = process.argv.slice(2) as [string, string, string]
const vault = await openVault(path).unlock(
  { kind: 'password', password },
  {
    recordUse: false,
    onUpgradeStep: (step) => {
      if (step === killAt) process.kill(process.pid, 'SIGKILL')
    },
  },
)
process.stdout.write(JSON.stringify(vault.notices()))
vault.lock()
