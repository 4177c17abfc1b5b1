// The vault settings through the API handler table on real vault files: unlocking with a recovery
// key (forced new password, fresh key) or a one-time code, backups and restore, merge, automatic
// backups flushed before a lock, password change and key rotation, revocation, plain export, the
// reminder and progress events.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  API,
  type CairnEvent,
  type ImportPreview,
  type IssuedSecrets,
  type ItemSummary,
  type UnlockOutcome,
  type VaultInfo,
  type VaultSettingsInfo,
} from '../../src-shared/ipc-contract.ts'
import { aegisImporter } from '../../src-main/core/import/importers/aegis.ts'
import { ARGON2_FLOOR } from '../../src-main/core/kdf/argon2-params.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => {
  vi.useRealTimers()
  h.cleanup()
})

const callApi = <T = unknown>(channel: string, ...args: unknown[]) => h.call<T>(channel, ...args)

const value = <T>(channel: string, ...args: unknown[]) => h.value<T>(channel, ...args)

async function errorCode(channel: string, ...args: unknown[]): Promise<string> {
  const r = await callApi(channel, ...args)
  return r.ok ? 'OK' : r.error.code
}

const login = (title: string) => ({
  kind: 'login',
  title,
  username: 'ada',
  password: `${title}-secret`,
  urls: [],
  notes: '',
  tags: [],
  fields: [],
  otpLink: null,
})

/** A vault named Home with one login, unlocked (services with floor Argon2id for new slots). */
async function home(options: Parameters<typeof servicesInTempDir>[0] = {}) {
  // Paths are typed here as the harness types them; the grants have their own test below.
  h = servicesInTempDir({
    kdfParams: { ...ARGON2_FLOOR },
    typedPathsAreFileChoices: true,
    ...options,
  })
  const v = await value<VaultInfo>(API.vaults.create, {
    path: h.path('Home.cairn'),
    name: 'Home',
    password: 'pw',
  })
  await value(API.items.create, v.id, login('Mail'))
  return v
}

const titles = async (id: string) =>
  (await value<{ items: ItemSummary[] }>(API.items.list, id)).items.map((i) => i.title).sort()

describe('vault settings: credentials', () => {
  it('recovery key: create, unlock with it, forced new password, fresh key, old one gone', async () => {
    const v = await home()
    const issued = await value<IssuedSecrets>(
      API.vaultSettings.createRecoveryKey,
      v.id,
      'Safe',
      'pw',
    )
    expect(issued).toMatchObject({ kind: 'recovery-key', label: 'Safe', vaultName: 'Home' })
    expect(issued.secrets[0]).toMatch(/^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/)
    expect(issued.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/)
    const info = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    expect(info.credentials.map((c) => [c.kind, c.label, c.current])).toEqual([
      ['password', 'Master password', true],
      ['recovery-key', 'Safe', false],
    ])

    await value(API.vaults.lock, v.id)
    const outcome = await value<UnlockOutcome>(API.vaults.unlockWith, v.id, {
      kind: 'recovery-key',
      value: issued.secrets[0]!.toLowerCase(),
    })
    expect(outcome).toMatchObject({ mustChangePassword: true, vault: { state: 'unlocked' } })
    const fresh = await value<IssuedSecrets>(API.vaultSettings.completeRecovery, v.id, 'new pw')
    expect(fresh.secrets[0]).not.toBe(issued.secrets[0])
    const after = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    expect(after.credentials.map((c) => c.kind)).toEqual(['password', 'recovery-key'])
    expect(after.credentials.some((c) => c.label === 'Safe')).toBe(false)

    await value(API.vaults.lock, v.id)
    expect(
      await errorCode(API.vaults.unlockWith, v.id, {
        kind: 'recovery-key',
        value: issued.secrets[0],
      }),
    ).toBe('WRONG_CREDENTIAL')
    expect(await errorCode(API.vaults.unlock, v.id, 'pw')).toBe('WRONG_PASSWORD')
    await value(API.vaults.unlock, v.id, 'new pw')
    expect(await titles(v.id)).toEqual(['Mail'])
  })

  it('one-time codes: each unlocks once; the master password cannot be revoked', async () => {
    const v = await home()
    const codes = await value<IssuedSecrets>(API.vaultSettings.createOneTimeCodes, v.id, 2, 'pw')
    expect(codes.secrets).toHaveLength(2)
    const info = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    const password = info.credentials.find((c) => c.kind === 'password')!
    expect(await errorCode(API.vaultSettings.revokeCredential, v.id, password.id)).toBe('CONFLICT')
    await value(API.vaults.lock, v.id)
    const code = { kind: 'one-time-code', value: codes.secrets[0] }
    const outcome = await value<UnlockOutcome>(API.vaults.unlockWith, v.id, code)
    expect(outcome.mustChangePassword).toBe(false)
    await value(API.vaults.lock, v.id)
    expect(await errorCode(API.vaults.unlockWith, v.id, code)).toBe('WRONG_CREDENTIAL')
    const second = { kind: 'one-time-code', value: codes.secrets[1] }
    await value(API.vaults.unlockWith, v.id, second)
    const left = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    expect(left.credentials.map((c) => c.kind)).toEqual(['password'])
  })

  it('change password needs the current one and keeps recovery keys; rotation cuts them off', async () => {
    const v = await home()
    const key = await value<IssuedSecrets>(API.vaultSettings.createRecoveryKey, v.id, 'K', 'pw')
    expect(await errorCode(API.vaultSettings.changePassword, v.id, 'nope', 'x')).toBe(
      'WRONG_PASSWORD',
    )
    await value(API.vaultSettings.changePassword, v.id, 'pw', 'second')
    await value(API.vaults.lock, v.id)
    const recovery = { kind: 'recovery-key', value: key.secrets[0] }
    await value(API.vaults.unlockWith, v.id, recovery) // still valid
    const rotated = await value<{ revokedSlots: number; recoveryKey: IssuedSecrets | null }>(
      API.vaultSettings.rotateKey,
      v.id,
      'second',
      'third',
    )
    expect(rotated.revokedSlots).toBe(2)
    expect(rotated.recoveryKey?.secrets[0]).toMatch(/^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/)
    await value(API.vaults.lock, v.id)
    expect(await errorCode(API.vaults.unlockWith, v.id, recovery)).toBe('WRONG_CREDENTIAL')
    expect(await errorCode(API.vaults.unlock, v.id, 'second')).toBe('WRONG_PASSWORD')
    await value(API.vaults.unlockWith, v.id, {
      kind: 'recovery-key',
      value: rotated.recoveryKey!.secrets[0],
    })
    expect(await titles(v.id)).toEqual(['Mail'])
  })
})

describe('vault settings: backups', () => {
  it('backup and restore (both protections), with progress events; restore never overwrites', async () => {
    const v = await home()
    const events: CairnEvent[] = []
    h.services.events.subscribe((e) => events.push(e))
    const done = await value<{ items: number; path: string }>(API.vaultSettings.backup, v.id, {
      path: h.path('home.cairnbackup'),
      passphrase: null,
      currentPassword: null,
    })
    expect(done.items).toBe(1)
    await value(API.vaultSettings.backup, v.id, {
      path: h.path('home-pass.cairnbackup'),
      passphrase: 'backup words',
      currentPassword: 'pw',
    })
    const phases = events.flatMap((e) => (e.type === 'progress' ? [e.progress.phase] : []))
    expect(phases).toContain('deriving-key')
    expect(phases).toContain('encrypting')
    expect(phases.at(-1)).toBe('done')
    expect(
      await value(API.vaultSettings.inspectBackup, h.path('home-pass.cairnbackup')),
    ).toMatchObject({ protection: 'passphrase', vaultUuid: v.vaultUuid })

    // The same vault is open: the restored copy is written but not opened (one copy at a time).
    const restored = await value<{ path: string; vault: VaultInfo | null }>(
      API.vaultSettings.restore,
      {
        backupPath: h.path('home.cairnbackup'),
        vaultPath: h.path('Restored.cairn'),
        secret: { kind: 'password', value: 'pw' },
        passphrase: null,
        newPassword: null,
      },
    )
    expect(restored).toEqual({ path: h.path('Restored.cairn'), vault: null })
    await value(API.vaults.close, v.id)
    const reopened = await value<VaultInfo>(API.vaults.open, restored.path)
    expect(reopened).toMatchObject({
      state: 'locked',
      vaultUuid: v.vaultUuid,
      fileName: 'Restored.cairn',
    })
    await value(API.vaults.unlock, reopened.id, 'pw')
    expect(await titles(reopened.id)).toEqual(['Mail'])
    await value(API.vaults.close, reopened.id)

    // With nothing of that vault open, the restored one opens (locked) at once.
    const fromPass = await value<{ vault: VaultInfo | null }>(API.vaultSettings.restore, {
      backupPath: h.path('home-pass.cairnbackup'),
      vaultPath: h.path('FromPass.cairn'),
      secret: null,
      passphrase: 'backup words',
      newPassword: 'fresh',
    })
    expect(fromPass.vault).toMatchObject({ state: 'locked', fileName: 'FromPass.cairn' })
    await value(API.vaults.unlock, fromPass.vault!.id, 'fresh')
    expect(await titles(fromPass.vault!.id)).toEqual(['Mail'])

    const before = readFileSync(h.path('Restored.cairn'))
    const again = await callApi(API.vaultSettings.restore, {
      backupPath: h.path('home.cairnbackup'),
      vaultPath: h.path('Restored.cairn'),
      secret: { kind: 'password', value: 'pw' },
      passphrase: null,
      newPassword: null,
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } })
    expect(readFileSync(h.path('Restored.cairn'))).toEqual(before)
  })

  it('merges a copy of the vault file without asking for its password', async () => {
    const first = await home()
    await value(API.vaults.close, first.id)
    copyFileSync(h.path('Home.cairn'), h.path('Copy.cairn'))
    const copy = await value<VaultInfo>(API.vaults.open, h.path('Copy.cairn'))
    await value(API.vaults.unlock, copy.id, 'pw')
    await value(API.items.create, copy.id, login('From the copy'))
    await value(API.vaults.close, copy.id)
    const v = await value<VaultInfo>(API.vaults.open, h.path('Home.cairn'))
    await value(API.vaults.unlock, v.id, 'pw')
    const report = await value<{ added: number; conflicts: unknown[] }>(
      API.vaultSettings.merge,
      v.id,
      { otherPath: h.path('Copy.cairn'), secret: null, passphrase: null },
    )
    expect(report).toMatchObject({ added: 1, conflicts: [] })
    expect(await titles(v.id)).toEqual(['From the copy', 'Mail'])
  })

  it('automatic backups: a first version at once, then after changes, and before a lock', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const v = await home({ autoBackupDebounceMs: 1000 })
    const folder = h.path('auto')
    mkdirSync(folder)
    const versions = () => readdirSync(folder).filter((f) => f.endsWith('.cairnbackup'))
    const on = await value<VaultSettingsInfo>(API.vaultSettings.setAutoBackup, v.id, {
      folder,
      keep: 2,
    })
    expect(on.autoBackup).toMatchObject({ folder, keep: 2, lastError: null, pending: false })
    expect(versions()).toHaveLength(1)
    // Named after the vault and its id: two vaults called Home can share a folder.
    expect(versions()[0]).toMatch(
      new RegExp(`^Home-${v.vaultUuid.slice(0, 8)}\\.\\d{8}T\\d{9}Z\\.cairnbackup$`),
    )
    expect(on.reminder.due).toBe(false)

    await value(API.items.create, v.id, login('Second'))
    expect((await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)).autoBackup?.pending).toBe(
      true,
    )
    await vi.advanceTimersByTimeAsync(1000)
    expect(versions()).toHaveLength(2)

    await value(API.items.create, v.id, login('Third'))
    await value(API.vaults.lock, v.id) // written before the keys go
    const names = versions().sort()
    expect(names).toHaveLength(2) // keep 2: the oldest was deleted
    const newest = `${folder}/${names.at(-1)}`
    expect(statSync(newest).size).toBeGreaterThan(0)

    // It restarts with the next unlock; off again on request.
    await value(API.vaults.unlock, v.id, 'pw')
    expect((await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)).autoBackup).not.toBeNull()
    const off = await value<VaultSettingsInfo>(API.vaultSettings.setAutoBackup, v.id, null)
    expect(off.autoBackup).toBeNull()
    expect(await errorCode(API.vaultSettings.backupNow, v.id)).toBe('CONFLICT')
    expect(
      await errorCode(API.vaultSettings.setAutoBackup, v.id, { folder: h.path('nope'), keep: 2 }),
    ).toBe('FILE_NOT_FOUND')
  })

  it('the reminder is due 30 days after the last backup', async () => {
    let now = Date.now()
    const v = await home({ now: () => now })
    expect((await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)).reminder.due).toBe(false)
    now += 31 * 86_400_000
    expect((await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)).reminder).toMatchObject({
      due: true,
      lastBackupAt: null,
    })
    await value(API.vaultSettings.backup, v.id, {
      path: h.path('b.cairnbackup'),
      passphrase: null,
      currentPassword: null,
    })
    expect((await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)).reminder.due).toBe(false)
  })

  it('plain export needs the acknowledgement and writes a new owner-only file', async () => {
    const v = await home()
    const refused = await callApi(API.vaultSettings.exportPlain, v.id, {
      format: 'csv',
      path: h.path('x.csv'),
      acknowledgeUnencrypted: false,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(existsSync(h.path('x.csv'))).toBe(false)
    await value(API.vaultSettings.exportPlain, v.id, {
      format: 'csv',
      path: h.path('x.csv'),
      acknowledgeUnencrypted: true,
      currentPassword: 'pw',
    })
    expect(readFileSync(h.path('x.csv'), 'utf8')).toContain('Mail,ada,Mail-secret')
    expect(statSync(h.path('x.csv')).mode & 0o777).toBe(0o600)
  })

  it('Aegis export: needs the master password, writes a new owner-only file Aegis opens', async () => {
    const v = await home()
    const uris = 'otpauth://totp/Forge:ada?secret=JBSWY3DPEHPK3PXP&issuer=Forge\n'
    const preview = await value<ImportPreview>(API.imports.preview, v.id, {
      fileName: 'keys.txt',
      bytes: new TextEncoder().encode(uris),
      password: null,
      format: null,
      keyFile: null,
      keysVaultId: null,
      path: null,
    })
    await value(API.imports.apply, v.id, preview.status === 'ready' ? preview.previewId : '')
    const out = h.path('keys (Aegis).json')
    const request = (currentPassword: string) => ({
      path: out,
      exportPassword: 'phone pass',
      currentPassword,
    })
    expect(await errorCode(API.vaultSettings.exportAegis, v.id, request('not it'))).toBe(
      'WRONG_PASSWORD',
    )
    expect(existsSync(out)).toBe(false)
    expect(await value(API.vaultSettings.exportAegis, v.id, request('pw'))).toEqual({
      path: out,
      keys: 1,
    })
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const file = await aegisImporter.read(
      new Uint8Array(readFileSync(out)),
      async () => 'phone pass',
    )
    expect(file.encrypted).toBe(true)
    expect(file.entries.map((e) => e.data)).toEqual([
      expect.objectContaining({
        type: 'otp',
        issuer: 'Forge',
        account: 'ada',
        secret: 'JBSWY3DPEHPK3PXP',
      }),
    ])
    // Never over an existing file.
    expect(await errorCode(API.vaultSettings.exportAegis, v.id, request('pw'))).toBe('FILE_EXISTS')
  })

  it('names only paths main handed out: suggestions and dialog choices, never arbitrary ones', async () => {
    const chosen: string[] = []
    h = servicesInTempDir({
      kdfParams: { ...ARGON2_FLOOR },
      fileDialogs: {
        chooseVaultToOpen: async () => null,
        chooseNewVaultPath: async () => null,
        chooseFileToRead: async () => chosen.shift() ?? null,
        chooseSavePath: async (_purpose, suggested) => chosen.shift() ?? suggested,
        chooseFolder: async () => chosen.shift() ?? null,
      },
    })
    const v = await value<VaultInfo>(API.vaults.create, {
      path: await value<string>(API.vaults.suggestPath, 'Home'),
      name: 'Home',
      password: 'pw',
    })
    const refused = async (channel: string, ...args: unknown[]) => {
      const r = await callApi(channel, ...args)
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    const elsewhere = h.path('elsewhere.cairnbackup')
    await refused(API.vaultSettings.backup, v.id, {
      path: elsewhere,
      passphrase: null,
      currentPassword: null,
    })
    await refused(API.vaultSettings.inspectBackup, '/etc/passwd')
    await refused(API.vaultSettings.merge, v.id, {
      otherPath: '/etc/passwd',
      secret: null,
      passphrase: null,
    })
    await refused(API.vaultSettings.exportPlain, v.id, {
      format: 'csv',
      path: h.path('x.csv'),
      acknowledgeUnencrypted: true,
      currentPassword: 'pw',
    })
    await refused(API.vaultSettings.setAutoBackup, v.id, { folder: h.dir, keep: 2 })
    expect(existsSync(elsewhere)).toBe(false)

    // Main's suggestions are allowed, the suggested folder is created when chosen.
    const suggested = await value<{ backup: string; csvExport: string; autoBackupFolder: string }>(
      API.vaultSettings.suggestPaths,
      v.id,
    )
    expect(suggested.backup).toMatch(/Home backup \d{4}-\d{2}-\d{2}\.cairnbackup$/)
    await value(API.vaultSettings.backup, v.id, {
      path: suggested.backup,
      passphrase: null,
      currentPassword: null,
    })
    await value(API.vaultSettings.setAutoBackup, v.id, {
      folder: suggested.autoBackupFolder,
      keep: 2,
    })
    expect(statSync(suggested.autoBackupFolder).isDirectory()).toBe(true)

    // So are files chosen in main's dialogs (here a backup to read back).
    await refused(API.vaultSettings.inspectBackup, elsewhere)
    chosen.push(suggested.backup)
    expect(await value(API.dialogs.chooseFileToRead)).toBe(suggested.backup)
    expect(await value(API.vaultSettings.inspectBackup, suggested.backup)).toMatchObject({
      protection: 'vault-slots',
    })
    chosen.push(elsewhere)
    expect(await value(API.dialogs.chooseSavePath, 'backup', suggested.backup)).toBe(elsewhere)
    await value(API.vaultSettings.backup, v.id, {
      path: elsewhere,
      passphrase: null,
      currentPassword: null,
    })
    expect(existsSync(elsewhere)).toBe(true)
  })
})
