// Run as its own process by the concurrency test: rotates the vault key of a vault another
// process has open.
import { openVault } from '../../../../src-main/core/vault/vault-file.ts'

const [path, password, newPassword] = process.argv.slice(2) as [string, string, string]
const vault = await openVault(path).unlock({ kind: 'password', password })
await vault.rotateVaultKey(newPassword, {
  unsafeKdfParamsForTests: { memoryKiB: 64, iterations: 1, parallelism: 1 },
})
vault.lock()
process.stdout.write('rotated')
