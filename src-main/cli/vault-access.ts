// The CLI's only door to vault files: open, unlock with the credential the person gave, run, and
// always lock again (which zeroes the keys and closes the file). openVault only reads, so any
// failure before the unlock leaves the file byte-identical.
import type { ManagedVault } from '../core/vault/vault-api.ts'
import { openVault } from '../core/vault/vault-file.ts'
import type { CommandContext } from './cli-types.ts'
import { readCredential } from './credential-source.ts'

export { createVault } from '../core/vault/vault-file.ts'

export async function unlockVault(context: CommandContext, path: string): Promise<ManagedVault> {
  const locked = openVault(path)
  try {
    // Not recording the use keeps the file byte-identical unless the command itself writes.
    return await locked.unlock(await readCredential(context), { recordUse: false })
  } finally {
    locked.close()
  }
}

export async function withUnlockedVault<T>(
  context: CommandContext,
  path: string,
  work: (vault: ManagedVault) => T | Promise<T>,
): Promise<T> {
  const vault = await unlockVault(context, path)
  try {
    return await work(vault)
  } finally {
    vault.lock()
  }
}
