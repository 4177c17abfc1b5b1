// The composition root run against a stand-in for Electron's main-process API: checks that the
// real wiring asks Electron for the right things in the right order and that OS-side events
// (IPC from frames, power events, shortcut presses, menu clicks, quitting) reach the right code.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SHELL_API, SHELL_EVENT_CHANNEL, shellChannels } from '../../src-shared/shell-contract.ts'
import { DEFAULT_COPY_CODE_HOTKEY } from '../../src-main/electron/global-hotkey.ts'
import {
  fake,
  FakeBrowserWindow,
  FakeMenu,
  FakeTray,
  invokeFrom,
  powerMonitor,
} from './support/fake-electron.ts'

vi.mock('electron', async () => (await import('./support/fake-electron.ts')).electronModule)

const root = join(import.meta.dirname, '../..')
let userData: string

const mainWindow = () => FakeBrowserWindow.all[0] as FakeBrowserWindow
const pickerWindow = () =>
  FakeBrowserWindow.all.find((w) => w.webContents.url.endsWith('/picker.html'))
const shellEventsOf = (w: FakeBrowserWindow) =>
  w.webContents.sent.filter(([c]) => c === SHELL_EVENT_CHANNEL).map(([, e]) => e)

beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'cairn-shell-main-'))
  process.env['CAIRN_USER_DATA_DIR'] = userData
  Reflect.deleteProperty(process.env, 'ELECTRON_RENDERER_URL')
  fake.appPath = root
  const { startCairn } = await import('../../src-main/electron/shell-main.ts')
  startCairn()
})

afterAll(() => {
  Reflect.deleteProperty(process.env, 'CAIRN_USER_DATA_DIR')
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

  it('registers every shell channel and the vault API behind the sender check', async () => {
    for (const { channel } of shellChannels()) expect(fake.ipcHandlers.has(channel)).toBe(true)
    const win = mainWindow()
    expect(await invokeFrom(win, SHELL_API.shell.hotkeyStatus, [])).toEqual({
      ok: true,
      value: { accelerator: DEFAULT_COPY_CODE_HOTKEY, registered: true, error: null, hint: null },
    })
    const child = {
      url: 'cairn-app://app/index.html',
      parent: win.webContents.mainFrame,
      processId: 1,
      routingId: 9,
    }
    await expect(invokeFrom(win, SHELL_API.shell.hotkeyStatus, [], child)).rejects.toThrow(
      'not a Cairn window',
    )
    const foreign = { ...win.webContents.mainFrame, url: 'https://evil.example/' }
    await expect(invokeFrom(win, SHELL_API.shell.lockAll, [], foreign)).rejects.toThrow(
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
    expect(await invokeFrom(picker, SHELL_API.picker.state, [])).toEqual({
      ok: true,
      value: { vaults: [], keys: [] },
    })
    await invokeFrom(picker, SHELL_API.picker.close, [])
    expect(picker.visible).toBe(false)
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
    const result = await invokeFrom(mainWindow(), SHELL_API.shell.updateSettings, [
      { copyCodeHotkey: 'Ctrl+Shift+K' },
    ])
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(fake.shortcuts.has(DEFAULT_COPY_CODE_HOTKEY)).toBe(true)
    const ok = await invokeFrom(mainWindow(), SHELL_API.shell.updateSettings, [
      { copyCodeHotkey: 'Ctrl+Shift+Y' },
    ])
    expect(ok).toMatchObject({ ok: true, value: { copyCodeHotkey: 'Ctrl+Shift+Y' } })
    expect([...fake.shortcuts.keys()]).toEqual(['Ctrl+Shift+Y'])
    const saved = JSON.parse(readFileSync(join(userData, 'shell-settings.json'), 'utf8')) as {
      copyCodeHotkey: string
    }
    expect(saved.copyCodeHotkey).toBe('Ctrl+Shift+Y')
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
