// The composition root run against a stand-in for Electron's main-process API: checks that the
// real wiring asks Electron for the right things in the right order and that OS-side events
// (IPC from frames, power events, shortcut presses, menu clicks, quitting) reach the right code.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { API, apiChannels, EVENT_CHANNEL } from '../../src-shared/ipc-contract.ts'
import { DEFAULT_COPY_CODE_HOTKEY } from '../../src-main/services/settings-store.ts'
import {
  electronModule,
  fake,
  FakeBrowserWindow,
  FakeMenu,
  FakeTray,
  invokeFrom,
  powerMonitor,
} from './support/fake-electron.ts'
import { base32Decode, hotpRef } from '../support/reference-otp.ts'

vi.mock('electron', async () => (await import('./support/fake-electron.ts')).electronModule)

const root = join(import.meta.dirname, '../..')
let userData: string
let vaultId = ''
const SECRET = 'JBSWY3DPEHPK3PXP'

/** RFC 6238 (HMAC-SHA1, 6 digits, 30 s), computed independently of the app. */
function totpAtStep(step: number): string {
  return hotpRef(base32Decode(SECRET), step)
}

/** The picker's rule: this step's code, or the next one when under five seconds remain. */
function expectedCopy(ms: number): string {
  const step = Math.floor(ms / 30_000)
  return totpAtStep((step + 1) * 30_000 - ms < 5_000 ? step + 1 : step)
}

const mainWindow = () => FakeBrowserWindow.all[0] as FakeBrowserWindow
const pickerWindow = () =>
  FakeBrowserWindow.all.find((w) => w.webContents.url.endsWith('/picker.html'))
const shellEventsOf = (w: FakeBrowserWindow) =>
  w.webContents.sent.filter(([c]) => c === EVENT_CHANNEL).map(([, e]) => e)

beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'cairn-shell-main-'))
  process.env['CAIRN_USER_DATA_DIR'] = userData
  // RFC 9106's floor instead of a one-second calibration per vault.
  process.env['CAIRN_ARGON2_FLOOR'] = '1'
  // No Documents folder here: new vaults are suggested in the profile folder.
  fake.app.setPath('documents', join(userData, 'no-such-folder'))
  Reflect.deleteProperty(process.env, 'ELECTRON_RENDERER_URL')
  fake.appPath = root
  const { startCairn } = await import('../../src-main/electron/shell-main.ts')
  startCairn()
})

afterAll(() => {
  Reflect.deleteProperty(process.env, 'CAIRN_USER_DATA_DIR')
  Reflect.deleteProperty(process.env, 'CAIRN_ARGON2_FLOOR')
  rmSync(userData, { recursive: true, force: true })
})

describe('before ready', () => {
  it('registers the privileged scheme, the sandbox, the desktop id and the Wayland portal switch', () => {
    expect(fake.privileged).toEqual([
      {
        scheme: 'cairn-app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ])
    expect(fake.app.sandboxed).toBe(true)
    expect(fake.app.getPath('userData')).toBe(userData)
    if (process.platform === 'linux') {
      expect(fake.app.desktopName).toBe('io.cairn.Cairn')
      expect(fake.app.switches).toContainEqual(['enable-features', 'GlobalShortcutsPortal'])
    }
  })
})

describe('after ready', () => {
  beforeAll(async () => {
    fake.app.becomeReady()
    await vi.waitFor(() => expect(FakeBrowserWindow.all.length).toBeGreaterThan(0))
  })

  it('serves pages from cairn-app:// and refuses every permission', async () => {
    const handler = fake.protocolHandlers.get('cairn-app')
    expect(handler).toBeDefined()
    const refused = await handler?.(new Request('cairn-app://app/..%2f..%2fpackage.json'))
    expect(refused?.status).toBe(403)
    let granted: boolean | undefined
    fake.sessionPolicy.request?.({}, 'media', (ok) => (granted = ok))
    expect(granted).toBe(false)
    expect(fake.sessionPolicy.check?.({}, 'clipboard-read')).toBe(false)
  })

  it('opens the main window hardened, on cairn-app://app/index.html', () => {
    const win = mainWindow()
    expect(win.webContents.url).toBe('cairn-app://app/index.html')
    expect(win.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(root, 'src-main/preload/index.cjs'),
    })
    expect(win.visible).toBe(true)
    // Hardened through 'web-contents-created': new windows are denied.
    expect(win.webContents.openHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    })
  })

  it('registers every channel of the API behind the sender check', async () => {
    for (const { channel } of apiChannels()) expect(fake.ipcHandlers.has(channel)).toBe(true)
    const win = mainWindow()
    expect(await invokeFrom(win, API.shell.hotkeyStatus, [])).toEqual({
      ok: true,
      value: { accelerator: DEFAULT_COPY_CODE_HOTKEY, registered: true, error: null, hint: null },
    })
    const child = {
      url: 'cairn-app://app/index.html',
      parent: win.webContents.mainFrame,
      processId: 1,
      routingId: 9,
    }
    await expect(invokeFrom(win, API.shell.hotkeyStatus, [], child)).rejects.toThrow(
      'not a Cairn window',
    )
    const foreign = { ...win.webContents.mainFrame, url: 'https://evil.example/' }
    await expect(invokeFrom(win, API.shell.lockAll, [], foreign)).rejects.toThrow(
      'not a Cairn window',
    )
  })

  it('the hotkey opens the always-on-top picker and a second press hides it', () => {
    const press = fake.shortcuts.get(DEFAULT_COPY_CODE_HOTKEY)
    expect(press).toBeDefined()
    press?.()
    const picker = pickerWindow()
    expect(picker?.options).toMatchObject({ alwaysOnTop: true, skipTaskbar: true, frame: false })
    expect(picker?.visible).toBe(true)
    expect(shellEventsOf(picker as FakeBrowserWindow)).toEqual([{ type: 'picker-shown' }])
    press?.()
    expect(picker?.visible).toBe(false)
  })

  it('the picker answers IPC from its own window, and closes on request', async () => {
    const picker = pickerWindow() as FakeBrowserWindow
    fake.shortcuts.get(DEFAULT_COPY_CODE_HOTKEY)?.()
    expect(await invokeFrom(picker, API.picker.state, [])).toEqual({
      ok: true,
      value: { vaults: [], keys: [] },
    })
    await invokeFrom(picker, API.picker.close, [])
    expect(picker.visible).toBe(false)
  })

  it('each window may make only its own calls', async () => {
    const picker = pickerWindow() as FakeBrowserWindow
    // The picker lists keys and copies codes; it cannot read items or change settings.
    await expect(invokeFrom(picker, API.vaults.list, [])).rejects.toThrow('not a Cairn window')
    await expect(invokeFrom(picker, API.settings.update, [{}])).rejects.toThrow(
      'not a Cairn window',
    )
    // The main window has no business with the picker's calls.
    await expect(invokeFrom(mainWindow(), API.picker.state, [])).rejects.toThrow(
      'not a Cairn window',
    )
  })

  it('locks on suspend and tells every window', async () => {
    powerMonitor.emit('suspend')
    await vi.waitFor(() =>
      expect(shellEventsOf(mainWindow())).toContainEqual({ type: 'locked', reason: 'suspend' }),
    )
  })

  it('the menu locks, opens the picker and forwards entry commands to the focused window', async () => {
    const menu = FakeMenu.application as FakeMenu
    menu.getMenuItemById('lock-all')?.click?.()
    await vi.waitFor(() =>
      expect(shellEventsOf(mainWindow())).toContainEqual({ type: 'locked', reason: 'user' }),
    )
    mainWindow().focus()
    menu.getMenuItemById('copy-code')?.click?.()
    expect(shellEventsOf(mainWindow())).toContainEqual({
      type: 'menu-command',
      command: 'copy-code',
    })
    menu.getMenuItemById('open-picker')?.click?.()
    expect(pickerWindow()?.visible).toBe(true)
    menu.getMenuItemById('scan-screen')?.click?.()
    const scan = FakeBrowserWindow.all.at(-1) as FakeBrowserWindow
    expect(scan.webContents.url).toBe('cairn-app://app/scan.html?source=screen')
    expect(scan.options['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true })
    // Its page may run scans, list vaults and save keys, and nothing else.
    expect(await invokeFrom(scan, API.vaults.list, [])).toMatchObject({ ok: true })
    await expect(invokeFrom(scan, API.shell.hotkeyStatus, [])).rejects.toThrow('not a Cairn window')
  })

  it('a tray icon offers the same, and closing the window keeps Cairn in the tray', () => {
    expect(FakeTray.created).toHaveLength(1)
    expect(FakeTray.created[0]?.tooltip).toBe('Cairn')
    mainWindow().close()
    expect(mainWindow().destroyed).toBe(false)
    expect(mainWindow().visible).toBe(false)
    fake.app.emit('second-instance')
    expect(mainWindow().visible).toBe(true)
  })

  it('refuses a taken shortcut as a settings change and keeps the old one', async () => {
    fake.takenShortcuts.add('Ctrl+Shift+K')
    const result = await invokeFrom(mainWindow(), API.settings.update, [
      { copyCodeHotkey: 'Ctrl+Shift+K' },
    ])
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(fake.shortcuts.has(DEFAULT_COPY_CODE_HOTKEY)).toBe(true)
    const ok = await invokeFrom(mainWindow(), API.settings.update, [
      { copyCodeHotkey: 'Ctrl+Shift+Y' },
    ])
    expect(ok).toMatchObject({ ok: true, value: { copyCodeHotkey: 'Ctrl+Shift+Y' } })
    expect([...fake.shortcuts.keys()]).toEqual(['Ctrl+Shift+Y'])
    const saved = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as {
      settings: { copyCodeHotkey: string }
    }
    expect(saved.settings.copyCodeHotkey).toBe('Ctrl+Shift+Y')
  })

  it('serves the vault API: a vault is created and a 2FA key added through IPC', async () => {
    const win = mainWindow()
    // The renderer may create a vault only where main suggested (or its save dialog chose).
    const suggested = (await invokeFrom(win, API.vaults.suggestPath, ['2FA keys'])) as {
      value: string
    }
    expect(suggested.value).toBe(join(userData, '2FA keys.cairn'))
    const created = (await invokeFrom(win, API.vaults.create, [
      { path: suggested.value, name: '2FA keys', password: 'correct horse' },
    ])) as { ok: boolean; value: { id: string; state: string } }
    expect(created).toMatchObject({ ok: true, value: { state: 'unlocked' } })
    vaultId = created.value.id
    const added = await invokeFrom(win, API.items.create, [
      vaultId,
      {
        kind: 'otp',
        title: '',
        issuer: 'Example',
        account: 'alice',
        notes: '',
        tags: [],
        key: { from: 'uri', uri: `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example` },
      },
    ])
    expect(added).toMatchObject({ ok: true })
    // The vault API's events reach the windows on their own channel.
    expect(win.webContents.sent.some(([c]) => c === EVENT_CHANNEL)).toBe(true)
  })

  it('the picker lists the key and copies its code, marked as a secret, from main', async () => {
    fake.shortcuts.get('Ctrl+Shift+Y')?.()
    const picker = pickerWindow() as FakeBrowserWindow
    const state = (await invokeFrom(picker, API.picker.state, [])) as {
      value: { keys: { itemId: string; issuer: string }[] }
    }
    expect(state.value.keys.map((k) => k.issuer)).toEqual(['Example'])
    const before = Date.now()
    const copied = await invokeFrom(picker, API.picker.copy, [vaultId, state.value.keys[0]?.itemId])
    const after = Date.now()
    expect(copied).toMatchObject({ ok: true })
    expect([expectedCopy(before), expectedCopy(after)]).toContain(electronModule.clipboard.text)
    if (process.platform === 'linux') {
      expect(electronModule.clipboard.formats).toHaveProperty(
        'electron application/osclipboard;format="x-kde-passwordManagerHint"',
        'secret',
      )
    }
  })

  it('auto-lock on a screen lock drops the keys and clears the clipboard', async () => {
    powerMonitor.emit('lock-screen')
    await vi.waitFor(() => expect(electronModule.clipboard.text).toBe(''))
    const list = (await invokeFrom(mainWindow(), API.vaults.list, [])) as {
      value: { state: string }[]
    }
    expect(list.value.map((v) => v.state)).toEqual(['locked'])
    expect(shellEventsOf(mainWindow())).toContainEqual({ type: 'locked', reason: 'screen-lock' })
  })

  it('the picker unlocks with the master password, and says so for a wrong one', async () => {
    const picker = pickerWindow() as FakeBrowserWindow
    expect(await invokeFrom(picker, API.picker.unlock, [vaultId, 'wrong'])).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    })
    const unlocked = await invokeFrom(picker, API.picker.unlock, [vaultId, 'correct horse'])
    expect(unlocked).toMatchObject({ ok: true, value: { keys: [{ issuer: 'Example' }] } })
  })

  it('quitting locks first, then quits for real and releases the shortcuts', async () => {
    fake.app.quit()
    expect(fake.app.exited).toBe(false)
    await vi.waitFor(() => expect(fake.app.exited).toBe(true))
    expect(shellEventsOf(mainWindow())).toContainEqual({ type: 'locked', reason: 'quit' })
    expect(fake.shortcuts.size).toBe(0)
    expect(mainWindow().destroyed).toBe(true)
  })
})
