// Electron's composition root: security setup before 'ready', then windows, IPC, clipboard,
// auto-lock, hotkey, picker, capture, menus and tray. Every decision lives in a module with its own
// tests; this file only connects Electron's objects to them.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  powerMonitor,
  protocol,
  screen,
  session,
  systemPreferences,
  Tray,
} from 'electron'
import {
  EVENT_CHANNEL,
  type CairnEvent,
  type LockReason,
  type MenuCommand,
  type ScanSource,
  type WindowRole,
} from '../../src-shared/ipc-contract.ts'
import { createLocker } from '../services/auto-lock-actions.ts'
import { AutoLock } from '../services/auto-lock.ts'
import { appMenuTemplate, trayMenuTemplate, type MenuActions } from './windows/app-menu.ts'
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appPageUrl,
  createAppProtocolHandler,
  type AppPage,
} from './security/app-protocol.ts'
import { connectAutoLock, powerMonitorProbe } from './adapters/auto-lock-adapter.ts'
import {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
} from './security/content-security-policy.ts'
import { ElectronClipboard } from './adapters/electron-clipboard.ts'
import {
  chooseImageFile,
  electronCapturePorts,
  readClipboardImage,
  vaultFileDialogs,
} from './adapters/electron-ports.ts'
import { HotkeyRegistration } from './adapters/global-hotkey.ts'
import { registerIpcHandlers } from './security/ipc-registration.ts'
import { mayCall, TrackedWindows } from './security/ipc-sender.ts'
import { PickerWindowController } from './windows/picker-window.ts'
import { holdQuitForCleanup } from './adapters/quit-cleanup.ts'
import { ScanService } from '../services/scan-service.ts'
import { captureScreens } from './adapters/screen-capture.ts'
import { createRatingWorker } from './adapters/rating-worker.ts'
import { applySessionPolicy, isAppRequest } from './security/session-policy.ts'
import { debuggingRequested } from './security/debugging-switches.ts'
import { originOf, trustedOrigins } from './security/trusted-origins.ts'
import { hardenWebContents } from './security/web-contents-policy.ts'
import {
  mainWindowOptions,
  pickerWindowOptions,
  scanWindowOptions,
} from './windows/window-options.ts'
import { CairnError } from '../core/errors.ts'
import { ARGON2_FLOOR } from '../core/kdf/argon2-params.ts'
import type { QrScanWorker } from '../core/qr/scan-in-worker.ts'
import { createApiHandlers } from '../services/api-handlers.ts'
import { AppAgent } from '../cli/agent/app-agent.ts'
import { createAppServices } from '../services/app-services.ts'
import { corePieces, vaultBackendWith } from '../services/core-pieces.ts'
import { createImageKeyScanner } from '../services/image-key-scanner.ts'
import { configureBundledArgon2Worker } from './adapters/argon2-kdf.ts'
import { shellPorts } from '../services/shell-ports.ts'

/** The desktop-file id: Wayland app id, X11 WM_CLASS and the portals' name for Cairn. */
export const DESKTOP_FILE_ID = 'io.cairn.Cairn'

function log(line: string): void {
  console.error(`Cairn: ${line}`)
}

function errorName(error: unknown): string {
  return error instanceof CairnError ? error.code : error instanceof Error ? error.name : 'error'
}

export function startCairn(): void {
  const packaged = app.isPackaged
  const env = process.env
  const devServerUrl = packaged ? undefined : env['ELECTRON_RENDERER_URL']
  // Test runs keep their profile apart (never honoured by a packaged build).
  const userDataDir = packaged ? undefined : env['CAIRN_USER_DATA_DIR']
  if (userDataDir) app.setPath('userData', userDataDir)

  // A packaged build is never remote-controlled: a debugging port would hand out the vault keys.
  if (packaged && debuggingRequested(process.argv)) {
    log('refusing to start with a remote debugging switch')
    app.exit(1)
    return
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  if (process.platform === 'linux') {
    app.setDesktopName(DESKTOP_FILE_ID)
    // Wayland: global shortcuts through the xdg-desktop-portal GlobalShortcuts interface.
    app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal')
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
  app.enableSandbox()
  void configureBundledArgon2Worker()
  const origins = trustedOrigins({ packaged, ...(devServerUrl ? { devServerUrl } : {}) })
  // Every web contents, including any a bug or a library might create, gets the same rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, origins, (r) => log(`refused ${r.kind} ${r.url}`))
  })
  void app.whenReady().then(() => onReady(origins, devServerUrl))
}

function onReady(origins: ReturnType<typeof trustedOrigins>, devServerUrl: string | undefined) {
  const appPath = app.getAppPath()
  const rendererDir = join(import.meta.dirname, '../renderer')
  const preload = join(import.meta.dirname, '../preload/index.cjs')
  const icons = join(appPath, 'resources/icons')
  const devTools = !app.isPackaged

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir))
  const devOrigin = devServerUrl ? originOf(devServerUrl) : null
  applySessionPolicy(
    session.defaultSession,
    devOrigin ? devContentSecurityPolicy(devOrigin) : CONTENT_SECURITY_POLICY,
    log,
    // In development the renderer comes from the dev server (and its websocket); never packaged.
    (url) =>
      isAppRequest(url) ||
      (devOrigin !== null && originOf(url.replace(/^ws/, 'http')) === devOrigin),
  )

  const windows = new TrackedWindows()
  const pageUrl = (page: AppPage) =>
    devServerUrl
      ? new URL(page === 'index.html' ? '/' : `/${page}`, devServerUrl).href
      : appPageUrl(page)
  const track = (win: BrowserWindow, role: WindowRole) => {
    const id = win.webContents.id
    windows.add(id, role)
    win.on('closed', () => windows.delete(id))
  }
  const broadcast = (channel: string, event: unknown) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && windows.has(win.webContents.id))
        win.webContents.send(channel, event)
    }
  }
  const shellEvent = (event: CairnEvent) => broadcast(EVENT_CHANNEL, event)

  // --- services -------------------------------------------------------------------------------
  // One QR worker for the add-key dialog's images and the shell's screen/clipboard scans, started
  // on the first scan (electron-vite bundles its entry; loaded lazily so startup stays light).
  let qrWorker: Promise<QrScanWorker> | null = null
  const scanWith = async (input: Parameters<QrScanWorker['scan']>[0], transfer: boolean) => {
    qrWorker ??= import('./adapters/qr-scanner.ts').then((m) => m.createQrScanner())
    return (await qrWorker).scan(input, { transfer })
  }
  let mainWindow: BrowserWindow | null = null
  const packagedResources = app.isPackaged ? process.resourcesPath : join(appPath, 'resources')
  const documents = app.getPath('documents')
  const clipboardPort = new ElectronClipboard({
    clipboard,
    ClipboardItem,
    platform: process.platform,
    clearAfterSeconds: () => services.settings.get().clipboardClearSeconds,
  })
  const pieces = corePieces({ scanner: createImageKeyScanner((image) => scanWith(image, false)) })
  const services = createAppServices({
    appName: app.getName(),
    appVersion: app.getVersion(),
    dataDir: app.getPath('userData'),
    defaultVaultDir: existsSync(documents) ? documents : app.getPath('userData'),
    wordListPath: join(packagedResources, 'wordlists/eff-large-wordlist.txt'),
    clipboard: clipboardPort,
    fileDialogs: vaultFileDialogs(dialog, () => BrowserWindow.getFocusedWindow() ?? mainWindow),
    ...pieces,
    createRatingWorker,
    // Test runs of an unpackaged build may ask for RFC 9106's floor instead of calibrating.
    ...(!app.isPackaged && process.env['CAIRN_ARGON2_FLOOR'] === '1'
      ? { vaultBackend: vaultBackendWith({ ...ARGON2_FLOOR }) }
      : { retuneFastSlots: true }),
  })
  const bridge = shellPorts(services)

  let quitting = false
  const windowOptions = {
    preload,
    devTools,
    ...(process.platform === 'linux' ? { icon: join(icons, 'cairn-256.png') } : {}),
  }
  const showMainWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createMainWindow()
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }
  const createMainWindow = () => {
    const win = new BrowserWindow(mainWindowOptions(windowOptions))
    track(win, 'main')
    win.once('ready-to-show', () => win.show())
    // Closing the window keeps Cairn in the tray (the global shortcut needs it running).
    win.on('close', (event) => {
      if (!quitting && tray !== null) {
        event.preventDefault()
        win.hide()
      }
    })
    void win.loadURL(pageUrl('index.html'))
    return win
  }

  const pickerWindow = new PickerWindowController(
    () => {
      const win = new BrowserWindow(pickerWindowOptions(windowOptions))
      track(win, 'picker')
      void win.loadURL(pageUrl('picker.html'))
      return win
    },
    EVENT_CHANNEL,
    (win) => {
      const area = screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea
      const [w, h] = win.getSize() as [number, number]
      win.setPosition(
        Math.round(area.x + (area.width - w) / 2),
        Math.round(area.y + (area.height - h) / 3),
      )
    },
  )

  // The scan confirmation window runs the scan itself when its page loads (so the capture hides
  // it with the others), then shows what was found; a new scan replaces an open one.
  let scanWindow: BrowserWindow | null = null
  const openScanWindow = (source: ScanSource) => {
    if (scanWindow && !scanWindow.isDestroyed()) scanWindow.close()
    const win = new BrowserWindow(scanWindowOptions(windowOptions))
    track(win, 'scan')
    win.once('ready-to-show', () => win.show())
    void win.loadURL(`${pageUrl('scan.html')}?source=${source}`)
    scanWindow = win
  }

  const lock = createLocker(
    {
      lockAllVaults: () => bridge.lockAllVaults(),
      notifyRenderers: (reason) => shellEvent({ type: 'locked', reason }),
      forgetPending: () => pickerWindow.hide(),
      clearClipboard: async () => {
        await bridge.clearClipboardIfOurs()
        await clipboardPort.clearSelectionIfOurs()
      },
    },
    (step, error) => log(`lock step "${step}" failed: ${errorName(error)}`),
  )
  const lockAll = (reason: LockReason) => lock(reason)

  const autoLock = new AutoLock({
    probe: powerMonitorProbe(powerMonitor),
    settings: () => ({
      idleMinutes: bridge.settings().autoLockMinutes,
      lockOnSuspend: bridge.settings().lockOnSuspend,
      lockOnScreenLock: bridge.settings().lockOnScreenLock,
    }),
    lock: (reason) => lockAll(reason),
    onError: (error) => log(`auto-lock: ${errorName(error)}`),
  })
  const disconnectAutoLock = connectAutoLock(powerMonitor, autoLock)

  const hotkey = new HotkeyRegistration(globalShortcut, () => pickerWindow.toggle(), {
    platform: process.platform,
    sessionType: process.env['XDG_SESSION_TYPE'],
    desktopFileId: DESKTOP_FILE_ID,
  })

  // Captures and clipboard images are not used again: move them to the worker, don't copy.
  const scanner = createImageKeyScanner((input) => scanWith(input, true))
  const scans = new ScanService({
    scanner,
    captureScreens: () =>
      captureScreens(
        electronCapturePorts(
          {
            screen,
            desktopCapturer,
            systemPreferences,
            allWindows: () => BrowserWindow.getAllWindows(),
          },
          process.env,
        ),
      ),
    readClipboardImage: () => readClipboardImage(clipboard),
    chooseImageFile: () => chooseImageFile(dialog, mainWindow),
  })

  // Off unless the person turns it on in the settings.
  const appAgent = new AppAgent(services)
  void appAgent.follow()

  registerIpcHandlers(
    ipcMain,
    [
      createApiHandlers(services, {
        hidePicker: () => pickerWindow.hide(),
        scans,
        hotkey: {
          get status() {
            return hotkey.status
          },
          change: (accelerator) => {
            const status = hotkey.change(accelerator)
            rebuildMenus()
            shellEvent({ type: 'hotkey-status', status })
            return status
          },
        },
        lockAll: () => lockAll('user'),
        commandLine: appAgent,
      }),
    ],
    { isTrusted: (event, channel) => mayCall(event, channel, windows, origins), log },
  )
  bridge.forwardEvents(broadcast)

  // --- menus and tray -------------------------------------------------------------------------
  const menuActions: MenuActions = {
    command: (command: MenuCommand) => {
      const target = BrowserWindow.getFocusedWindow() ?? mainWindow
      if (target && windows.has(target.webContents.id)) {
        target.webContents.send(EVENT_CHANNEL, { type: 'menu-command', command })
      }
    },
    scan: openScanWindow,
    lockAll: () => void lockAll('user'),
    showMainWindow,
    openPicker: () => pickerWindow.show(),
    quit: () => app.quit(),
  }
  let tray: Tray | null = null
  const rebuildMenus = () => {
    const options = {
      platform: process.platform,
      appName: app.getName(),
      pickerHotkey: hotkey.status.registered ? hotkey.status.accelerator : '',
      devTools,
    }
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(menuActions, options)))
    tray?.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(menuActions, options)))
  }
  try {
    const trayIcon = nativeImage.createFromPath(
      join(icons, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    )
    if (process.platform === 'darwin') trayIcon.setTemplateImage(true)
    tray = new Tray(trayIcon)
    tray.setToolTip('Cairn')
    tray.on('click', showMainWindow)
  } catch (error) {
    // Some Linux desktops have no tray: Cairn then quits when its window closes.
    log(`no tray icon: ${errorName(error)}`)
    tray = null
  }

  // --- start ----------------------------------------------------------------------------------
  const startStatus = hotkey.start(bridge.settings().copyCodeHotkey)
  rebuildMenus()
  mainWindow = createMainWindow()
  if (startStatus.error) {
    // Not swallowed: the user hears about it now, and Settings shows it (hotkeyStatus).
    const warn = mainWindow
    warn.once('ready-to-show', () => {
      shellEvent({ type: 'hotkey-status', status: startStatus })
      void dialog.showMessageBox(warn, {
        type: 'warning',
        message: 'The copy-code shortcut is not available',
        detail: [startStatus.error, startStatus.hint].filter(Boolean).join('\n\n'),
      })
    })
  }

  app.on('second-instance', showMainWindow)
  app.on('activate', showMainWindow)
  app.on('before-quit', () => {
    quitting = true
  })
  holdQuitForCleanup(
    app,
    () => lockAll('quit'),
    (error) => log(`quit: ${errorName(error)}`),
  )
  app.on('will-quit', () => {
    appAgent.stop()
    globalShortcut.unregisterAll()
    disconnectAutoLock()
    void qrWorker?.then((w) => w.close())
  })
  app.on('window-all-closed', () => app.quit())
}
