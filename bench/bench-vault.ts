// The 10,000-item vault the backup and sync benchmarks start from: sample logins, created with
// negligible key-derivation parameters so the figures show the format rather than the KDF.
import { randomUUID } from 'node:crypto'
import { sampleLogin } from './sample-items.ts'
import type { ManagedVault } from '../src-main/core/vault/vault-api.ts'
import { createVault } from '../src-main/core/vault/vault-file.ts'

export const PASSWORD = 'bench password'
export const NEGLIGIBLE_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }
export const credential = { kind: 'password', password: PASSWORD } as const

/** Creates `path` as 'Bench 10k' holding 10,000 sample logins; the vault is returned unlocked. */
export async function createBench10k(path: string): Promise<ManagedVault> {
  const vault = await createVault(path, {
    password: PASSWORD,
    name: 'Bench 10k',
    unsafeKdfParamsForTests: NEGLIGIBLE_KDF,
  })
  const now = Date.now()
  vault.importRecords(
    Array.from({ length: 10_000 }, (_, i) => ({
      id: randomUUID(),
      revision: 1,
      createdAt: now + i,
      updatedAt: now + i,
      deletedAt: null,
      data: sampleLogin(i),
    })),
  )
  return vault
}
