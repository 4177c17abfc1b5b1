// The renderer opens and creates only vault files main handed out or already knows, through the
// same handler table Electron registers, on real files. The file dialog is the one thing a test
// cannot click: `choice` plays the user's pick in it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { API, type VaultInfo } from '../../src-shared/ipc-contract.ts'
import { createVault } from '../../src-main/core/vault/vault-file.ts'
import { FAST_KDF, servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
let choice: string | null = null
afterEach(() => h.cleanup())

function withDialogs(options: { typedPathsAreFileChoices?: boolean } = {}): Harness {
  return servicesInTempDir({
    ...options,
    fileDialogs: {
      chooseVaultToOpen: async () => choice,
      chooseNewVaultPath: async () => choice,
    },
  })
}

const callApi = <T = unknown>(channel: string, ...args: unknown[]) => h.call<T>(channel, ...args)

const value = <T>(channel: string, ...args: unknown[]) => h.value<T>(channel, ...args)

async function refused(channel: string, arg: unknown, message: RegExp): Promise<void> {
  const r = await callApi(channel, arg)
  expect(r.ok, `${channel} ${JSON.stringify(arg)}`).toBe(false)
  if (!r.ok) {
    expect(r.error.code).toBe('INVALID_ARGUMENT')
    expect(r.error.message).toMatch(message)
  }
}

/** A vault file main has never seen (made by the core directly, as another program would). */
async function strangerVault(path: string): Promise<void> {
  ;(
    await createVault(path, { name: 'Stranger', password: 'pw', unsafeKdfParamsForTests: FAST_KDF })
  ).lock()
}

describe('vault paths the renderer may use', () => {
  it('opens only a file chosen in the dialog, a recent vault or an open one; no probing', async () => {
    h = withDialogs()
    const elsewhere = join(h.dir, 'elsewhere')
    mkdirSync(elsewhere)
    await strangerVault(join(elsewhere, 'Stranger.cairn'))
    writeFileSync(join(elsewhere, 'notes.sqlite'), 'not a vault')

    // Existing vault, missing file, foreign file: one answer for all, nothing opened.
    for (const path of ['Stranger.cairn', 'missing.cairn', 'notes.sqlite', '../Stranger.cairn']) {
      await refused(API.vaults.open, join(elsewhere, path), /Choose the vault file with Browse…/)
    }
    expect(await value<VaultInfo[]>(API.vaults.list)).toEqual([])

    choice = join(elsewhere, 'Stranger.cairn')
    expect(await value(API.dialogs.chooseVaultToOpen)).toBe(choice)
    const opened = await value<VaultInfo>(API.vaults.open, choice)
    expect(opened).toMatchObject({ name: 'Stranger', state: 'locked' })
    // Open already: the same session again.
    expect((await value<VaultInfo>(API.vaults.open, choice)).id).toBe(opened.id)

    // Closed, it is a recent vault: reopening it by path is fine.
    await value(API.vaults.close, opened.id)
    expect((await value<VaultInfo>(API.vaults.open, choice)).name).toBe('Stranger')
  })

  it('refuses a vault that is neither recent, open nor chosen any more', async () => {
    h = withDialogs()
    const path = await value<string>(API.vaults.suggestPath, 'Mine')
    const created = await value<VaultInfo>(API.vaults.create, {
      path,
      name: 'Mine',
      password: 'pw',
    })
    await value(API.vaults.close, created.id)
    await value(API.vaults.forgetRecent, path)
    // Not recent, not open, only suggested for creating: opening is refused.
    await refused(API.vaults.open, path, /Browse…/)
  })

  it('creates only where main suggested or the save dialog chose, and only .cairn files', async () => {
    h = withDialogs()
    const elsewhere = join(h.dir, 'elsewhere')
    mkdirSync(elsewhere)
    const create = (path: string) => ({ path, name: 'V', password: 'pw' })

    for (const path of [join(elsewhere, 'Typed.cairn'), h.path('Not suggested.cairn')]) {
      await refused(API.vaults.create, create(path), /Choose where to save the vault/)
      expect(existsSync(path)).toBe(false)
    }
    for (const path of [join(elsewhere, 'notes.txt'), join(elsewhere, '.cairn')]) {
      await refused(API.vaults.create, create(path), /must end in \.cairn/)
      expect(existsSync(path)).toBe(false)
    }

    const suggested = await value<string>(API.vaults.suggestPath, 'Family')
    expect(suggested).toBe(h.path('Family.cairn'))
    expect((await value<VaultInfo>(API.vaults.create, create(suggested))).path).toBe(suggested)

    // A name typed without the extension in the save dialog gets it.
    choice = join(elsewhere, 'Work')
    const chosen = await value<string>(API.dialogs.chooseNewVaultPath, suggested)
    expect(chosen).toBe(join(elsewhere, 'Work.cairn'))
    expect((await value<VaultInfo>(API.vaults.create, create(chosen))).fileName).toBe('Work.cairn')
    expect(existsSync(join(elsewhere, 'Work'))).toBe(false)

    // A dialog choice to open does not allow creating, and the reverse.
    choice = join(elsewhere, 'Other.cairn')
    await value(API.dialogs.chooseVaultToOpen)
    await refused(API.vaults.create, create(choice), /Choose where to save the vault/)
  })

  it('in the browser harness, a typed path is the dialog choice; create still wants .cairn', async () => {
    h = withDialogs({ typedPathsAreFileChoices: true })
    const path = join(h.dir, 'Typed.cairn')
    await strangerVault(path)
    expect((await value<VaultInfo>(API.vaults.open, path)).name).toBe('Stranger')
    const missing = await callApi(API.vaults.open, h.path('missing.cairn'))
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } })
    await refused(
      API.vaults.create,
      { path: h.path('x.txt'), name: 'x', password: 'pw' },
      /\.cairn/,
    )
    const created = await value<VaultInfo>(API.vaults.create, {
      path: h.path('Typed 2.cairn'),
      name: 'Typed 2',
      password: 'pw',
    })
    expect(created.state).toBe('unlocked')
  })
})
