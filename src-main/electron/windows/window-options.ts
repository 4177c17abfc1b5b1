// Every window Cairn opens is built from these options, so the security switches live in one
// place and a test can check them without Electron.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

export interface WindowBuildOptions {
  /** Absolute path of the sandboxed preload bundle (out/preload/index.cjs). */
  preload: string
  /** DevTools only in unpackaged runs. */
  devTools: boolean
  /** Window/taskbar icon (Linux and Windows). */
  icon?: string
}

export function secureWebPreferences(options: WindowBuildOptions): WebPreferences {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium's spellchecker downloads dictionaries from the network on Linux and Windows, and
    // a vault has nothing worth spellchecking.
    spellcheck: false,
    devTools: options.devTools,
  }
}

export function mainWindowOptions(options: WindowBuildOptions): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Cairn',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options),
  }
}

/** The small copy-code picker summoned by the global hotkey. */
export function pickerWindowOptions(options: WindowBuildOptions): BrowserWindowConstructorOptions {
  return {
    width: 460,
    height: 380,
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    center: true,
    title: 'Cairn — copy a 2FA code',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options),
  }
}

/** The confirmation window after a QR scan (screen, clipboard image, image file). */
export function scanWindowOptions(options: WindowBuildOptions): BrowserWindowConstructorOptions {
  return {
    width: 560,
    height: 600,
    minWidth: 420,
    minHeight: 360,
    show: false,
    title: 'Cairn — add 2FA keys from a QR code',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options),
  }
}
