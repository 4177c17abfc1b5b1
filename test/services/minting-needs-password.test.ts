// Every new way into a vault's data is minted only with the master password, checked in main: a
// recovery key, one-time codes, a backup passphrase and an unencrypted export. An unencrypted
// export goes only to a file the person chose in main's save dialog, never to a suggestion.
import { existsSync, readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { API, type VaultInfo } from '../../src-shared/ipc-contract.ts'
import { ARGON2_FLOOR } from '../../src-main/core/kdf/argon2-params.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => h.cleanup())

const callApi = <T = unknown>(channel: string, ...args: unknown[]) => h.call<T>(channel, ...args)

const value = <T>(channel: string, ...args: unknown[]) => h.value<T>(channel, ...args)

async function code(channel: string, ...args: unknown[]): Promise<string> {
  const r = await callApi(channel, ...args)
  return r.ok ? 'OK' : r.error.code
}

/** Services whose save dialog answers with the queued paths (or the suggestion). */
async function unlockedVault(answers: string[] = []): Promise<VaultInfo> {
  h = servicesInTempDir({
    kdfParams: { ...ARGON2_FLOOR },
    fileDialogs: {
      chooseVaultToOpen: async () => null,
      chooseNewVaultPath: async () => null,
      chooseFileToRead: async () => null,
      chooseSavePath: async (_purpose, suggested) => answers.shift() ?? suggested,
      chooseFolder: async () => null,
    },
  })
  return value<VaultInfo>(API.vaults.create, {
    path: await value<string>(API.vaults.suggestPath, 'Home'),
    name: 'Home',
    password: 'pw',
  })
}

const slotCount = async (id: string) =>
  (await value<{ credentials: unknown[] }>(API.vaultSettings.info, id)).credentials.length

describe('minting a way in needs the master password', () => {
  it('a recovery key and one-time codes: WRONG_PASSWORD without it, no slot added', async () => {
    const v = await unlockedVault()
    for (const wrong of ['', 'not it']) {
      expect(await code(API.vaultSettings.createRecoveryKey, v.id, 'K', wrong)).not.toBe('OK')
      expect(await code(API.vaultSettings.createOneTimeCodes, v.id, 3, wrong)).not.toBe('OK')
    }
    expect(await code(API.vaultSettings.createRecoveryKey, v.id, 'K', 'not it')).toBe(
      'WRONG_PASSWORD',
    )
    expect(await slotCount(v.id)).toBe(1)
    expect(await code(API.vaultSettings.createRecoveryKey, v.id, 'K', 'pw')).toBe('OK')
    expect(await code(API.vaultSettings.createOneTimeCodes, v.id, 3, 'pw')).toBe('OK')
    expect(await slotCount(v.id)).toBe(5)
  })

  it('a backup passphrase: WRONG_PASSWORD without it, no file written', async () => {
    const v = await unlockedVault()
    const { backup } = await value<{ backup: string }>(API.vaultSettings.suggestPaths, v.id)
    for (const currentPassword of [null, 'not it']) {
      expect(
        await code(API.vaultSettings.backup, v.id, {
          path: backup,
          passphrase: 'backup words',
          currentPassword,
        }),
      ).toBe('WRONG_PASSWORD')
      expect(existsSync(backup)).toBe(false)
    }
    const ok = { path: backup, passphrase: 'backup words', currentPassword: 'pw' }
    expect(await code(API.vaultSettings.backup, v.id, ok)).toBe('OK')
  })

  it('an unencrypted export: only to a file chosen in the save dialog, with the password', async () => {
    const v = await unlockedVault()
    const { csvExport } = await value<{ csvExport: string }>(API.vaultSettings.suggestPaths, v.id)
    const request = (path: string, currentPassword: string) => ({
      format: 'csv',
      path,
      acknowledgeUnencrypted: true,
      currentPassword,
    })
    // Main's suggestion is allowed for a backup, but not for a file of secrets in the clear.
    expect(await code(API.vaultSettings.exportPlain, v.id, request(csvExport, 'pw'))).toBe(
      'INVALID_ARGUMENT',
    )
    expect(existsSync(csvExport)).toBe(false)
    const chosen = await value<string>(API.dialogs.chooseSavePath, 'export', csvExport)
    expect(await code(API.vaultSettings.exportPlain, v.id, request(chosen, 'not it'))).toBe(
      'WRONG_PASSWORD',
    )
    expect(existsSync(chosen)).toBe(false)
    expect(await code(API.vaultSettings.exportPlain, v.id, request(chosen, 'pw'))).toBe('OK')
    expect(readdirSync(h.dir).join()).toContain('UNENCRYPTED')
  })
})
