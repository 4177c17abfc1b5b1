import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  appMenuTemplate,
  trayMenuTemplate,
  type MenuActions,
} from '../../../src-main/electron/windows/app-menu.ts'
import type { MenuCommand } from '../../../src-shared/ipc-contract.ts'

function recorder() {
  const done: string[] = []
  const actions: MenuActions = {
    command: (c: MenuCommand) => void done.push(`command:${c}`),
    scan: (source) => void done.push(`scan:${source}`),
    lockAll: () => void done.push('lockAll'),
    showMainWindow: () => void done.push('show'),
    openPicker: () => void done.push('picker'),
    quit: () => void done.push('quit'),
  }
  return { actions, done }
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])])
}

function click(item: MenuItemConstructorOptions | undefined): void {
  ;(item?.click as (() => void) | undefined)?.()
}

const byLabel = (items: MenuItemConstructorOptions[], label: string) =>
  flatten(items).find((i) => i.label === label)

const linux = {
  platform: 'linux' as const,
  appName: 'Cairn',
  pickerHotkey: 'CommandOrControl+Alt+O',
  devTools: false,
}

describe('application menu', () => {
  it('lists KeePassXC’s shortcuts without registering them on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = appMenuTemplate(recorder().actions, { ...linux, platform })
      const expected: [string, string][] = [
        ['Copy 2FA Code', 'CmdOrCtrl+T'],
        ['Copy Password', 'CmdOrCtrl+C'],
        ['Copy Username', 'CmdOrCtrl+B'],
        ['Search', 'CmdOrCtrl+F'],
        ['Lock All Vaults', 'CmdOrCtrl+L'],
      ]
      for (const [label, key] of expected) {
        expect(byLabel(menu, label)).toMatchObject({ accelerator: key, registerAccelerator: false })
      }
    }
  })

  it('forwards entry commands to the page and locks in main', () => {
    const { actions, done } = recorder()
    const menu = appMenuTemplate(actions, linux)
    for (const label of [
      'Copy 2FA Code',
      'Copy Password',
      'Copy Username',
      'Search',
      'Lock All Vaults',
    ])
      click(byLabel(menu, label))
    click(byLabel(menu, 'Scan Screen for QR Codes…'))
    click(byLabel(menu, 'Scan QR Code Image from Clipboard'))
    click(byLabel(menu, 'Open QR Code Image…'))
    click(byLabel(menu, 'Copy a 2FA Code from Anywhere…'))
    expect(done).toEqual([
      'command:copy-code',
      'command:copy-password',
      'command:copy-username',
      'command:search',
      'lockAll',
      'scan:screen',
      'scan:clipboard',
      'scan:file',
      'picker',
    ])
  })

  it('keeps ⌘C for Edit ▸ Copy on macOS and adds the app and window menus there', () => {
    const mac = appMenuTemplate(recorder().actions, { ...linux, platform: 'darwin' })
    expect(byLabel(mac, 'Copy Password')).not.toHaveProperty('accelerator')
    expect(mac[0]).toEqual({ role: 'appMenu' })
    expect(mac.at(-1)).toEqual({ role: 'windowMenu' })
    expect(flatten(mac).some((i) => i.role === 'quit')).toBe(false)
    expect(flatten(appMenuTemplate(recorder().actions, linux)).some((i) => i.role === 'quit')).toBe(
      true,
    )
  })

  it('shows the global picker shortcut, and DevTools only when allowed', () => {
    const menu = appMenuTemplate(recorder().actions, linux)
    expect(byLabel(menu, 'Copy a 2FA Code from Anywhere…')?.accelerator).toBe(
      'CommandOrControl+Alt+O',
    )
    expect(flatten(menu).some((i) => i.role === 'toggleDevTools')).toBe(false)
    const dev = appMenuTemplate(recorder().actions, { ...linux, devTools: true, pickerHotkey: '' })
    expect(flatten(dev).some((i) => i.role === 'toggleDevTools')).toBe(true)
    expect(byLabel(dev, 'Copy a 2FA Code from Anywhere…')).not.toHaveProperty('accelerator')
  })
})

describe('tray menu', () => {
  it('offers show, the picker, a screen scan, lock and quit', () => {
    const { actions, done } = recorder()
    const tray = trayMenuTemplate(actions, { appName: 'Cairn', pickerHotkey: 'Ctrl+Alt+O' })
    expect(tray.map((i) => i.label ?? i.type)).toEqual([
      'Show Cairn',
      'Copy a 2FA Code…',
      'Scan Screen for QR Codes…',
      'separator',
      'Lock All Vaults',
      'Quit Cairn',
    ])
    for (const item of tray) click(item)
    expect(done).toEqual(['show', 'picker', 'scan:screen', 'lockAll', 'quit'])
  })
})
