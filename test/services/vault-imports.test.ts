// The app's import through the API handler table on a real vault file: an encrypted Aegis export
// asks for its password, a wrong one writes nothing, the preview names what will be added and
// skipped, apply writes it all in one go, and a lock forgets the previewed secrets.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  API,
  type CairnEvent,
  type ImportDone,
  type ImportPreview,
  type ItemSummary,
  type VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import { AEGIS_DB } from '../core/import/importers/fixtures/aegis-db.ts'
import { aegisEncrypted } from '../core/import/importers/fixtures/export-crypto.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => h.cleanup())

const call = <T = unknown>(channel: string, ...args: unknown[]) => h.call<T>(channel, ...args)
const value = <T>(channel: string, ...args: unknown[]) => h.value<T>(channel, ...args)

const EXPORT = aegisEncrypted(AEGIS_DB, 'phone', 2 ** 10)
const request = (password: string | null) => ({
  fileName: 'aegis-backup.json',
  bytes: EXPORT,
  password,
  format: null,
  keyFile: null,
  keysVaultId: null,
  path: null,
})

async function vault() {
  h = servicesInTempDir({ typedPathsAreFileChoices: true })
  return value<VaultInfo>(API.vaults.create, {
    path: h.path('Keys.cairn'),
    name: 'Keys',
    password: 'pw',
  })
}
const listed = async (id: string) =>
  (await value<{ items: ItemSummary[] }>(API.items.list, id)).items.map((i) => i.title).sort()

describe('imports in the app', () => {
  it('asks for the export password, refuses a wrong one, previews, then writes all', async () => {
    const v = await vault()
    const events: CairnEvent[] = []
    h.services.events.subscribe((e) => events.push(e))

    expect(await value<ImportPreview>(API.imports.preview, v.id, request(null))).toEqual({
      status: 'needs-password',
      formatName: 'Aegis (JSON, plain or encrypted)',
      takesKeyFile: false,
    })
    const wrong = await call(API.imports.preview, v.id, request('nope'))
    expect(wrong.ok ? 'OK' : wrong.error.code).toBe('WRONG_PASSWORD')
    expect(await listed(v.id)).toEqual([])

    const preview = await value<ImportPreview>(API.imports.preview, v.id, request('phone'))
    if (preview.status !== 'ready') throw new Error('expected a preview')
    expect(preview.add.map((a) => a.label)).toEqual([
      '2FA key GitHub (octo@example.com)',
      '2FA key Bank:carol',
      '2FA key Steam (gamer)',
      '2FA key Old Forum (short)',
    ])
    expect(preview.problems).toEqual([])
    expect(preview.notes).toEqual([expect.stringMatching(/only 40 bits/)])
    expect(JSON.stringify(preview)).not.toMatch(/JBSWY3DP|GEZDGNBV|63BEDWCQ/)
    expect(await listed(v.id)).toEqual([])

    const stale = await call(API.imports.apply, v.id, 'another-preview')
    expect(stale.ok ? 'OK' : stale.error.code).toBe('NOT_FOUND')
    const done = await value<ImportDone>(API.imports.apply, v.id, preview.previewId)
    expect(done).toEqual({
      added: 4,
      addedToKeysVault: 0,
      skipped: 0,
      plainFile: false,
      canDeleteFile: false,
    })
    expect((await listed(v.id)).length).toBe(4)
    expect(events).toContainEqual({ type: 'items-changed', vaultId: v.id })
    expect(events).toContainEqual({
      type: 'progress',
      vaultId: v.id,
      progress: { operation: 'import', phase: 'done', done: 4, total: 4 },
    })

    // Applied once: the same preview cannot be applied again; a new one skips every key.
    const again = await call(API.imports.apply, v.id, preview.previewId)
    expect(again.ok ? 'OK' : again.error.code).toBe('NOT_FOUND')
    const second = await value<ImportPreview>(API.imports.preview, v.id, request('phone'))
    expect(second.status === 'ready' && [second.add.length, second.skipped.length]).toEqual([0, 4])
  })

  it('forgets a previewed import when the vault locks', async () => {
    const v = await vault()
    const preview = await value<ImportPreview>(API.imports.preview, v.id, request('phone'))
    await value(API.vaults.lock, v.id)
    await value(API.vaults.unlock, v.id, 'pw')
    const r = await call(
      API.imports.apply,
      v.id,
      preview.status === 'ready' ? preview.previewId : '',
    )
    expect(r.ok ? 'OK' : r.error.code).toBe('NOT_FOUND')
    expect(await listed(v.id)).toEqual([])
  })

  it('refuses a file of no known format in one message, and an unknown format name', async () => {
    const v = await vault()
    const foreign = {
      fileName: 'x.json',
      bytes: new TextEncoder().encode('{"a":1}'),
      password: null,
      format: null,
      keyFile: null,
      keysVaultId: null,
      path: null,
    }
    const r = await call(API.imports.preview, v.id, foreign)
    expect(r.ok ? 'OK' : r.error.message).toMatch(/^Not a format Cairn can import/)
    const named = await call(API.imports.preview, v.id, { ...foreign, format: 'nope' })
    expect(named.ok ? 'OK' : named.error.code).toBe('INVALID_ARGUMENT')
  })

  it('sends a KeePass database’s TOTP keys to the chosen 2FA vault, each login linked to its key', async () => {
    const passwords = await vault()
    const keys = await value<VaultInfo>(API.vaults.create, {
      path: h.path('2FA.cairn'),
      name: '2FA keys',
      password: 'pw2',
    })
    const kdbx = {
      fileName: 'db.kdbx',
      bytes: new Uint8Array(readFileSync('test/fixtures/import/kdbx/kdbx4-argon2d-aes.kdbx')),
      password: 'fixture-pw',
      format: null,
      keyFile: null,
      keysVaultId: keys.id,
      path: null,
    }
    const preview = await value<ImportPreview>(API.imports.preview, passwords.id, kdbx)
    if (preview.status !== 'ready') throw new Error('expected a preview')
    expect(preview.keysVaultName).toBe('2FA keys')
    expect(preview.keysBesideLogins).toBe(0)
    expect(preview.add.find((a) => a.label === 'login Steam')).toEqual({
      kind: 'login',
      label: 'login Steam',
      from: 'db.kdbx, entry 1',
      inKeysVault: false,
      group: null,
      link: { label: '2FA key Steam', inKeysVault: true, existing: false },
    })
    // Where each item goes in the group tree is part of what the preview shows.
    expect(preview.add.find((a) => a.label === 'login Build server')?.group).toEqual([
      'Work',
      'Servers',
    ])
    expect(preview.add.find((a) => a.label === 'login Mail')?.group).toEqual(['Personal'])
    expect(preview.add.filter((a) => a.inKeysVault).map((a) => a.kind)).toEqual(
      Array(7).fill('otp'),
    )
    const done = await value<ImportDone>(API.imports.apply, passwords.id, preview.previewId)
    expect(done).toMatchObject({ added: 16, addedToKeysVault: 7 })

    const items = (await value<{ items: ItemSummary[] }>(API.items.list, passwords.id)).items
    const steam = items.find((i) => i.title === 'Steam')!
    expect(steam.otpLink?.vaultUuid).toBe(keys.vaultUuid)
    const key = (await value<{ items: ItemSummary[] }>(API.items.list, keys.id)).items.find(
      (i) => i.id === steam.otpLink?.itemId,
    )
    expect(key?.kind).toBe('otp')

    // The same file again, into the same pair: nothing new, the logins already there.
    const again = await value<ImportPreview>(API.imports.preview, passwords.id, kdbx)
    expect(again.status === 'ready' && [again.add.length, again.skipped.length]).toEqual([0, 16])
  })

  it('forgets the preview when its 2FA vault locks', async () => {
    const passwords = await vault()
    const keys = await value<VaultInfo>(API.vaults.create, {
      path: h.path('2FA.cairn'),
      name: '2FA keys',
      password: 'pw2',
    })
    const uris = {
      fileName: 'keys.txt',
      bytes: new TextEncoder().encode(
        'otpauth://totp/Mail:me?secret=JBSWY3DPEHPK3PXP&issuer=Mail\n',
      ),
      password: null,
      format: null,
      keyFile: null,
      keysVaultId: keys.id,
      path: null,
    }
    const preview = await value<ImportPreview>(API.imports.preview, passwords.id, uris)
    await value(API.vaults.lock, keys.id)
    const r = await call(
      API.imports.apply,
      passwords.id,
      preview.status === 'ready' ? preview.previewId : '',
    )
    expect(r.ok ? 'OK' : r.error.code).toBe('NOT_FOUND')
  })

  it('overwrites and deletes the imported plain file, and only while it holds what was imported', async () => {
    const v = await vault()
    const text = 'otpauth://totp/Mail:me?secret=JBSWY3DPEHPK3PXP&issuer=Mail\n'
    const file = h.path('ente-auth-codes.txt')
    writeFileSync(file, text)
    const plain = (path: string | null) => ({
      fileName: 'ente-auth-codes.txt',
      bytes: new TextEncoder().encode(text),
      password: null,
      format: null,
      keyFile: null,
      keysVaultId: null,
      path,
    })
    // Changed on disk after it was read: left alone.
    const first = await value<ImportPreview>(API.imports.preview, v.id, plain(file))
    const done = await value<ImportDone>(
      API.imports.apply,
      v.id,
      first.status === 'ready' ? first.previewId : '',
    )
    expect(done).toMatchObject({ plainFile: true, canDeleteFile: true })
    appendFileSync(file, '# more\n')
    const changed = await call(API.imports.deleteFile, v.id)
    expect(changed.ok ? 'OK' : changed.error.code).toBe('CONFLICT')
    expect(readFileSync(file, 'utf8')).toBe(`${text}# more\n`)

    // Back as it was imported: overwritten, then gone.
    writeFileSync(file, text)
    expect(await value(API.imports.deleteFile, v.id)).toEqual({ deleted: true })
    expect(existsSync(file)).toBe(false)
    const twice = await call(API.imports.deleteFile, v.id)
    expect(twice.ok ? 'OK' : twice.error.code).toBe('NOT_FOUND')

    // Without a path (the browser, a drop the window could not place), nothing can be deleted.
    const other = await value<ImportPreview>(API.imports.preview, v.id, plain(null))
    const none = await value<ImportDone>(
      API.imports.apply,
      v.id,
      other.status === 'ready' ? other.previewId : '',
    )
    expect(none).toMatchObject({ plainFile: true, canDeleteFile: false })
    const refused = await call(API.imports.deleteFile, v.id)
    expect(refused.ok ? 'OK' : refused.error.code).toBe('NOT_FOUND')
  })

  it('opens a KeePass database locked with a key file, alone or with its password', async () => {
    const v = await vault()
    const fixture = (name: string) =>
      new Uint8Array(readFileSync(`test/fixtures/import/kdbx/${name}`))
    const request = (password: string | null, keyFile: Uint8Array | null) => ({
      fileName: 'db.kdbx',
      bytes: fixture('kdbx31-keyfile-only.kdbx'),
      password,
      keyFile,
      format: null,
      keysVaultId: null,
      path: null,
    })
    expect(await value<ImportPreview>(API.imports.preview, v.id, request(null, null))).toEqual({
      status: 'needs-password',
      formatName: 'KeePass / KeePassXC database (KDBX 3.1 and 4)',
      takesKeyFile: true,
    })
    const without = await call(API.imports.preview, v.id, request('', null))
    expect(without.ok ? 'OK' : without.error.code).toBe('WRONG_PASSWORD')
    const opened = await value<ImportPreview>(
      API.imports.preview,
      v.id,
      request('', fixture('fixture.keyx')),
    )
    expect(opened.status === 'ready' && opened.add.length).toBe(15)
  })
})
