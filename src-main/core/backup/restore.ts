// Restoring a backup into a new vault file, all or nothing: the whole backup is decrypted and
// checked first, then the vault is built under a temporary name and moved into place complete.
// A vault-slots backup becomes the same vault again (same id, key and slots, so the master
// password and recovery keys of that time open it). A passphrase backup has no vault key inside:
// the restored vault keeps the vault id, gets a new key and one new master-password slot.
import { existsSync } from 'node:fs'
import { randomBytes } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import type { Argon2Params } from '../kdf/argon2-params.ts'
import { createSlot, credentialSecret, type SlotRow } from '../vault/key-slots.ts'
import { resolveSlotKdf } from '../vault/slot-store.ts'
import { writeVaultFile } from '../vault/vault-file.ts'
import { FORMAT_VERSION, VAULT_KEY_BYTES } from '../vault/vault-format.ts'
import { openBackup, type BackupCredential, type OpenBackupOptions } from './backup-reader.ts'
import type { BackupProtection } from './backup-format.ts'

export interface RestoreOptions extends OpenBackupOptions {
  /** Passphrase backups only: the restored vault's master password. */
  newPassword?: string
  /** Argon2id parameters for that password slot (default: calibrated). */
  kdfParams?: Argon2Params
  /** Test suites only. */
  unsafeKdfParamsForTests?: Argon2Params
}

export interface RestoreSummary {
  path: string
  protection: BackupProtection
  vaultUuid: string
  vaultName: string
  backupCreatedAt: number
  items: number
  tombstones: number
}

export async function restoreBackup(
  backupPath: string,
  vaultPath: string,
  credential: BackupCredential,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  if (existsSync(vaultPath)) throw new CairnError('FILE_EXISTS', `${vaultPath} already exists`)
  const opened = await openBackup(backupPath, credential, options)
  const { payload, header } = opened
  let key = opened.vaultKey
  let secret: Buffer | null = null
  try {
    let slots: SlotRow[]
    if (header.protection === 'vault-slots') {
      slots = header.slots
    } else {
      const password = options.newPassword
      if (typeof password !== 'string' || password.length === 0) {
        throw new CairnError(
          'INVALID_ARGUMENT',
          'Restoring a passphrase backup needs a master password for the new vault',
        )
      }
      key = randomBytes(VAULT_KEY_BYTES)
      secret = credentialSecret({ kind: 'password', password })
      const kdf = await resolveSlotKdf('password', {
        kdfParams: options.kdfParams,
        unsafeKdfParamsForTests: options.unsafeKdfParamsForTests,
      })
      slots = [
        await createSlot(payload.vault.id, key, {
          kind: 'password',
          label: 'Master password',
          secret,
          kdf,
          createdAt: Date.now(),
        }),
      ]
    }
    writeVaultFile(
      vaultPath,
      {
        header: {
          vaultUuid: payload.vault.id,
          name: payload.vault.name,
          formatVersion: FORMAT_VERSION,
          createdAt: payload.vault.createdAt,
        },
        slots,
        items: payload.items,
        tombstones: payload.tombstones,
      },
      key!,
    )
    return {
      path: vaultPath,
      protection: header.protection,
      vaultUuid: payload.vault.id,
      vaultName: payload.vault.name,
      backupCreatedAt: header.createdAt,
      items: payload.items.length,
      tombstones: payload.tombstones.length,
    }
  } finally {
    wipe(key, secret)
  }
}
