// The CLI's only door to vault files: open, unlock with the credential the person gave, run, and
// always lock again (which zeroes the keys and closes the file). openVault only reads, so any
// failure before the unlock leaves the file byte-identical.
//
// Unlocking with a recovery key forces a new master password before anything else happens: the
// new password is set, the used recovery key destroyed and a fresh one shown (on stderr, so a
// command's own output stays clean), all in one transaction.
import { completeRecovery, needsNewPassword } from '../core/recovery/recovery-keys.ts'
import type { Credential, ManagedVault } from '../core/vault/vault-api.ts'
import { openVault } from '../core/vault/vault-file.ts'
import { RunHereSignal } from './agent/agent-signals.ts'
import { CliError } from './cli-error.ts'
import type { CommandContext } from './cli-types.ts'
import { NEW_PASSWORD_ENV, readCredential, readNewPassword } from './credential-source.ts'

export { createVault } from '../core/vault/vault-file.ts'

/** Finishes a recovery-key unlock: new master password, fresh recovery key. */
async function forceNewPassword(context: CommandContext, vault: ManagedVault): Promise<void> {
  const { io } = context
  io.err('Unlocked with a recovery key: choose a new master password.')
  const password = await readNewPassword(context, {
    fileOption: 'new-password-file',
    env: NEW_PASSWORD_ENV,
  })
  const fresh = await completeRecovery(vault, password)
  io.err('Master password changed. The recovery key you used no longer works.')
  io.err('Your new recovery key (write it down now; it is shown only this once):')
  io.err('')
  io.err(`    ${fresh.key}`)
  io.err('')
}

/** Unlocks `path` and also returns the credential that did it (merge reuses it for the other copy). */
export async function unlockVaultWithCredential(
  context: CommandContext,
  path: string,
): Promise<{ vault: ManagedVault; credential: Credential }> {
  const locked = openVault(path)
  let vault: ManagedVault
  let credential: Credential
  try {
    credential = await readCredential(context)
    // Not recording the use keeps the file byte-identical unless the command itself writes.
    vault = await locked.unlock(credential, { recordUse: false })
  } finally {
    locked.close()
  }
  // An upgrade, a weak slot, a refused slot row: said on stderr, so output stays clean.
  for (const notice of vault.notices()) context.io.err(`Note: ${notice}`)
  try {
    if (needsNewPassword(vault)) await forceNewPassword(context, vault)
    return { vault, credential }
  } catch (e) {
    vault.lock()
    throw e
  }
}

export async function unlockVault(context: CommandContext, path: string): Promise<ManagedVault> {
  return (await unlockVaultWithCredential(context, path)).vault
}

/**
 * Like withUnlockedVault, for commands that mint a new way into the data (a recovery key, one-time
 * codes, a backup passphrase, an unencrypted export): the vault must have been opened with the
 * master password (or a recovery key, which forces a new one first), as the app asks for it too.
 */
export async function withMasterPasswordVault<T>(
  context: CommandContext,
  path: string,
  what: string,
  work: (vault: ManagedVault) => T | Promise<T>,
): Promise<T> {
  const { vault, credential } = await unlockVaultWithCredential(context, path)
  try {
    if (credential.kind === 'one-time-code') {
      throw new CliError(
        `${what} needs the master password: unlock with it (--password-file or CAIRN_PASSWORD), not a one-time code`,
      )
    }
    return await work(vault)
  } finally {
    vault.lock()
  }
}

/**
 * Runs `work` on the unlocked vault at `path` and locks it again. Inside the agent, the vault it
 * holds is used as it is (and stays unlocked); one it does not hold sends the command back to the
 * cairn process, which unlocks directly.
 */
export async function withUnlockedVault<T>(
  context: CommandContext,
  path: string,
  work: (vault: ManagedVault) => T | Promise<T>,
): Promise<T> {
  if (context.agent) {
    const held = context.agent.vault(path)
    if (!held) throw new RunHereSignal()
    return work(held)
  }
  const vault = await unlockVault(context, path)
  try {
    return await work(vault)
  } finally {
    vault.lock()
  }
}
