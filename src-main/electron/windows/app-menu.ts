// The application menu and the tray menu as plain templates (Menu.buildFromTemplate takes them).
// The menu lists KeePassXC's shortcuts; the renderer implements them on the focused item. On
// Linux and Windows the shortcuts are shown but not registered (registerAccelerator: false), so
// the page's own key handling stays the single place they act; on macOS a menu key equivalent
// always wins, so its click forwards the command to the page ('menu-command' event).
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, ScanSource } from '../../../src-shared/ipc-contract.ts'

export interface MenuActions {
  /** Forwards a command to the focused Cairn window. */
  command(command: MenuCommand): void
  /** Scans the screen, the clipboard image or a chosen file and shows what it found. */
  scan(source: ScanSource): void
  lockAll(): void
  showMainWindow(): void
  openPicker(): void
  quit(): void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  appName: string
  /** The global copy-code shortcut as registered, or '' when none. */
  pickerHotkey: string
  devTools: boolean
}

/** KeePassXC's shortcuts, in the order the menu shows them. */
export const ENTRY_SHORTCUTS: readonly { command: MenuCommand; label: string; key: string }[] = [
  { command: 'copy-code', label: 'Copy 2FA Code', key: 'CmdOrCtrl+T' },
  { command: 'copy-password', label: 'Copy Password', key: 'CmdOrCtrl+C' },
  { command: 'copy-username', label: 'Copy Username', key: 'CmdOrCtrl+B' },
  { command: 'search', label: 'Search', key: 'CmdOrCtrl+F' },
  { command: 'move-to-group', label: 'Move to Group…', key: 'CmdOrCtrl+G' },
]

export const LOCK_SHORTCUT = 'CmdOrCtrl+L'

export function appMenuTemplate(
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const shown = (key: string) => ({ accelerator: key, registerAccelerator: false })
  const entry: MenuItemConstructorOptions[] = ENTRY_SHORTCUTS.map(({ command, label, key }) => ({
    id: command,
    label,
    // On macOS ⌘C must stay Edit ▸ Copy (text fields need it); the page treats a copy event in
    // the item list as "copy password", so the menu item carries no key there.
    ...(mac && command === 'copy-password' ? {} : shown(key)),
    click: () => actions.command(command),
  }))
  const template: MenuItemConstructorOptions[] = []
  if (mac) template.push({ role: 'appMenu' })
  template.push(
    {
      label: '&File',
      submenu: [
        {
          id: 'scan-screen',
          label: 'Scan Screen for QR Codes…',
          click: () => actions.scan('screen'),
        },
        {
          id: 'scan-clipboard-image',
          label: 'Scan QR Code Image from Clipboard',
          click: () => actions.scan('clipboard'),
        },
        {
          id: 'scan-image-file',
          label: 'Open QR Code Image…',
          click: () => actions.scan('file'),
        },
        { type: 'separator' },
        {
          id: 'lock-all',
          label: 'Lock All Vaults',
          ...shown(LOCK_SHORTCUT),
          click: () => actions.lockAll(),
        },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Entry',
      submenu: [
        ...entry,
        { type: 'separator' },
        {
          id: 'open-picker',
          label: 'Copy a 2FA Code from Anywhere…',
          ...(options.pickerHotkey ? shown(options.pickerHotkey) : {}),
          click: () => actions.openPicker(),
        },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
  )
  if (mac) template.push({ role: 'windowMenu' })
  return template
}

export function trayMenuTemplate(
  actions: MenuActions,
  options: Pick<MenuOptions, 'appName' | 'pickerHotkey'>,
): MenuItemConstructorOptions[] {
  return [
    { label: `Show ${options.appName}`, click: () => actions.showMainWindow() },
    {
      label: 'Copy a 2FA Code…',
      ...(options.pickerHotkey
        ? { accelerator: options.pickerHotkey, registerAccelerator: false }
        : {}),
      click: () => actions.openPicker(),
    },
    { label: 'Scan Screen for QR Codes…', click: () => actions.scan('screen') },
    { type: 'separator' },
    { label: 'Lock All Vaults', click: () => actions.lockAll() },
    { label: `Quit ${options.appName}`, click: () => actions.quit() },
  ]
}
