// Electron's modules behind the small ports the shell's logic uses. Each function here is a
// direct translation with no decisions of its own; the decisions live in the modules they feed.
import type {
  BrowserWindow,
  Clipboard,
  Dialog,
  OpenDialogOptions,
  SaveDialogOptions,
  Screen,
  SystemPreferences,
} from 'electron'
import type { CapturePorts, CaptureSource } from './screen-capture.ts'

export interface CaptureElectron {
  screen: Pick<Screen, 'getAllDisplays'>
  desktopCapturer: {
    getSources(options: {
      types: ['screen']
      thumbnailSize: { width: number; height: number }
    }): Promise<CaptureSource[]>
  }
  systemPreferences: Pick<SystemPreferences, 'getMediaAccessStatus'>
  allWindows(): BrowserWindow[]
}

/** How long the window manager gets to take hidden windows off screen (macOS animates). */
export const HIDE_SETTLE_MS = 350

export function electronCapturePorts(e: CaptureElectron, env: NodeJS.ProcessEnv): CapturePorts {
  return {
    platform: process.platform,
    sessionType: env['XDG_SESSION_TYPE'],
    displays: () => e.screen.getAllDisplays(),
    getSources: (options) => e.desktopCapturer.getSources(options),
    screenPermission: () =>
      process.platform === 'darwin'
        ? e.systemPreferences.getMediaAccessStatus('screen')
        : 'granted',
    hideWindows: () => {
      const shown = e.allWindows().filter((w) => !w.isDestroyed() && w.isVisible())
      const focused = shown.find((w) => w.isFocused())
      for (const w of shown) w.hide()
      return () => {
        for (const w of shown) if (!w.isDestroyed()) w.showInactive()
        if (focused && !focused.isDestroyed()) focused.focus()
      }
    },
    settle: () => new Promise((resolve) => setTimeout(resolve, HIDE_SETTLE_MS)),
  }
}

/** The first image on the clipboard as encoded bytes (PNG, JPEG...), or null. */
export async function readClipboardImage(
  clipboard: Pick<Clipboard, 'read'>,
): Promise<Uint8Array | null> {
  for (const item of await clipboard.read()) {
    const type =
      item.types.find((t) => t === 'image/png') ?? item.types.find((t) => t.startsWith('image/'))
    if (!type) continue
    const blob = (await item.getType(type)) as Blob
    return new Uint8Array(await blob.arrayBuffer())
  }
  return null
}

export async function chooseImageFile(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parent: BrowserWindow | null,
): Promise<string | null> {
  const options = {
    title: 'Open a QR code image',
    properties: ['openFile' as const],
    filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg'] }],
  }
  const result = parent
    ? await dialog.showOpenDialog(parent, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}

const VAULT_FILTERS = [{ name: 'Cairn vaults', extensions: ['cairn'] }]
const BACKUP_FILTERS = [{ name: 'Cairn backups', extensions: ['cairnbackup'] }]
const READ_FILTERS = [
  { name: 'Cairn backups and vaults', extensions: ['cairnbackup', 'cairn'] },
  { name: 'All files', extensions: ['*'] },
]
const EXPORT_FILTERS = [
  { name: 'Text (otpauth links)', extensions: ['txt'] },
  { name: 'CSV (logins)', extensions: ['csv'] },
]

/** The services' FileDialogPort on Electron's native dialogs, parented to the focused window. */
export function vaultFileDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  parent: () => BrowserWindow | null,
) {
  /** The first path chosen in an open dialog; null when cancelled. */
  const chooseToOpen = async (options: OpenDialogOptions): Promise<string | null> => {
    const win = parent()
    const result = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
  /** The path chosen in a save dialog, with `extension` added where the dialog left it off. */
  const chooseToSave = async (
    options: SaveDialogOptions,
    extension: string | null,
  ): Promise<string | null> => {
    const win = parent()
    const result = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options)
    if (result.canceled || !result.filePath) return null
    // Linux dialogs do not always add the extension of the chosen filter.
    if (extension !== null && !result.filePath.endsWith(extension)) {
      return `${result.filePath}${extension}`
    }
    return result.filePath
  }
  return {
    chooseVaultToOpen: () =>
      chooseToOpen({ title: 'Open a vault', properties: ['openFile'], filters: VAULT_FILTERS }),
    chooseNewVaultPath: (suggestedPath: string) =>
      chooseToSave(
        { title: 'Create a vault', defaultPath: suggestedPath, filters: VAULT_FILTERS },
        '.cairn',
      ),
    chooseFileToRead: () =>
      chooseToOpen({
        title: 'Choose a backup or another copy of a vault',
        properties: ['openFile'],
        filters: READ_FILTERS,
      }),
    chooseSavePath: (purpose: 'backup' | 'export', suggestedPath: string) =>
      chooseToSave(
        {
          title: purpose === 'backup' ? 'Save a backup' : 'Save an UNENCRYPTED export',
          defaultPath: suggestedPath,
          filters: purpose === 'backup' ? BACKUP_FILTERS : EXPORT_FILTERS,
        },
        purpose === 'backup' ? '.cairnbackup' : null,
      ),
    chooseFolder: (suggestedPath: string) =>
      chooseToOpen({
        title: 'Choose a folder',
        defaultPath: suggestedPath,
        properties: ['openDirectory', 'createDirectory'],
      }),
  }
}
