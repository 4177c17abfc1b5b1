// Shared by the backup tests: a vault on disk holding every item type, an edited item, one in the
// trash and a purged one (a tombstone), plus a recovery key.
import { readdirSync } from 'node:fs'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import type { Credential } from '../../../src-main/core/vault/vault-api.ts'
import { FAST_KDF, PASSWORD, everyType, login, newVault, note } from '../vault/vault-fixtures.ts'

export { FAST_KDF, PASSWORD }

export const RECOVERY_KEY = 'RKEY-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-IIII-JJJJ-KKKK-LLLL'
export const PASSPHRASE = 'backup passphrase ünïcödé'

export async function populatedVault(path: string): Promise<UnlockedVaultFile> {
  const v = await newVault(path)
  const added = everyType.map((d) => v.add(d))
  v.update(added[0]!.id, login({ title: 'Edited ✓', password: 'n3w, "quoted"\npassword' }))
  v.trash(added[3]!.id)
  v.purge(v.add(note({ title: 'purged' })).id)
  await v.addSlot({ kind: 'recovery-key', key: RECOVERY_KEY })
  return v
}

export async function unlock(path: string, credential: Credential): Promise<UnlockedVaultFile> {
  return (await openVault(path).unlock(credential)) as UnlockedVaultFile
}

export const password: Credential = { kind: 'password', password: PASSWORD }
export const recoveryKey: Credential = { kind: 'recovery-key', key: RECOVERY_KEY }

export function listing(dir: string): string[] {
  return readdirSync(dir).sort()
}
