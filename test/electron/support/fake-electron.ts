// A stand-in for the parts of Electron's main-process API that the app touches, so the shell can
// run in Node: from source under Vitest (vi.mock), and as built (out/main/index.js, with
// electron-stand-in.ts resolved in place of `electron`). It records what the app asked of
// Electron (the single-instance lock, windows and their options, protocol, session and IPC
// handlers, shortcuts, menus, tray, screen captures) and lets a test play the operating system
// (power events, IPC messages from a frame, shortcut presses, menu clicks, quitting). Plain
// erasable TypeScript, so Node runs it without a build step.
import { EventEmitter } from 'node:events'

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
  processId: number
  routingId: number
}

let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly mainFrame: FakeFrame
  url = ''
  sent: [string, unknown][] = []
  openHandler: ((d: { url: string }) => { action: string }) | null = null
  constructor() {
    super()
    this.mainFrame = { url: '', parent: null, processId: 100 + this.id, routingId: 1 }
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h
  }
  getURL(): string {
    return this.url
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = []
  static focused: FakeBrowserWindow | null = null
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed)
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused
  }
  readonly options: Record<string, unknown>
  readonly webContents = new FakeWebContents()
  visible = false
  destroyed = false
  position: [number, number] = [0, 0]
  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    FakeBrowserWindow.all.push(this)
    fake.emit('web-contents-created', this.webContents)
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url
    this.webContents.mainFrame.url = url
    this.emit('ready-to-show')
  }
  isDestroyed() {
    return this.destroyed
  }
  isVisible() {
    return this.visible
  }
  isFocused() {
    return FakeBrowserWindow.focused === this
  }
  isMinimized() {
    return false
  }
  restore() {}
  show() {
    this.visible = true
  }
  showInactive() {
    this.visible = true
  }
  hide() {
    this.visible = false
    if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null
  }
  focus() {
    FakeBrowserWindow.focused = this
  }
  getSize() {
    return [this.options['width'] as number, this.options['height'] as number]
  }
  setPosition(x: number, y: number) {
    this.position = [x, y]
  }
  /** The user clicks the window's close button. */
  close() {
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.destroyed = true
    this.emit('closed')
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false
  readonly paths = new Map<string, string>()
  readonly switches: [string, string | undefined][] = []
  desktopName = ''
  sandboxed = false
  quitCalls = 0
  exited = false
  gotLock = true
  #ready: () => void = () => {}
  readonly #readyPromise = new Promise<void>((resolve) => (this.#ready = resolve))
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => void this.switches.push([name, value]),
  }
  /** The test fires 'ready'. */
  becomeReady() {
    fake.readyFired = true
    this.#ready()
  }
  whenReady() {
    return this.#readyPromise
  }
  requestSingleInstanceLock() {
    fake.singleInstanceLockRequests++
    return this.gotLock
  }
  setDesktopName(name: string) {
    this.desktopName = name
  }
  enableSandbox() {
    this.sandboxed = true
  }
  setPath(name: string, value: string) {
    this.paths.set(name, value)
  }
  getPath(name: string) {
    const path = this.paths.get(name)
    if (!path) throw new Error(`no path ${name}`)
    return path
  }
  getAppPath() {
    return fake.appPath
  }
  getName() {
    return 'Cairn'
  }
  getVersion() {
    return '0.1.0'
  }
  quit() {
    this.quitCalls++
    let prevented = false
    this.emit('before-quit', { preventDefault: () => (prevented = true) })
    if (prevented) return
    for (const w of FakeBrowserWindow.getAllWindows()) w.close()
    this.emit('will-quit')
    this.exited = true
  }
}

export class FakeTray extends EventEmitter {
  static created: FakeTray[] = []
  tooltip = ''
  menu: unknown = null
  readonly icon: unknown
  constructor(icon: unknown) {
    super()
    this.icon = icon
    FakeTray.created.push(this)
  }
  setToolTip(text: string) {
    this.tooltip = text
  }
  setContextMenu(menu: unknown) {
    this.menu = menu
  }
}

interface MenuItemLike {
  id?: string
  label?: string
  click?: () => void
  submenu?: MenuItemLike[]
}

export class FakeMenu {
  readonly template: MenuItemLike[]
  constructor(template: MenuItemLike[]) {
    this.template = template
  }
  static application: FakeMenu | null = null
  static buildFromTemplate(template: MenuItemLike[]) {
    return new FakeMenu(template)
  }
  static setApplicationMenu(menu: FakeMenu) {
    FakeMenu.application = menu
  }
  getMenuItemById(id: string): MenuItemLike | null {
    const walk = (items: MenuItemLike[]): MenuItemLike | null => {
      for (const i of items) {
        if (i.id === id) return i
        const inner = i.submenu ? walk(i.submenu) : null
        if (inner) return inner
      }
      return null
    }
    return walk(this.template)
  }
}

export const fake = {
  appPath: '/cairn',
  readyFired: false,
  events: new EventEmitter(),
  emit(event: string, contents: FakeWebContents) {
    fake.app.emit(event, {}, contents)
  },
  app: new FakeApp(),
  singleInstanceLockRequests: 0,
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  shortcuts: new Map<string, () => void>(),
  takenShortcuts: new Set<string>(),
  sessionPolicy: {
    request: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    check: null as null | ((wc: unknown, permission: string) => boolean),
    headers: null as null | ((d: unknown, cb: (r: unknown) => void) => void),
    beforeRequest: null as
      null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    device: null as null | ((details: unknown) => boolean),
  },
  captureRequests: [] as unknown[],
  dialogs: [] as unknown[],
}

export const powerMonitor = Object.assign(new EventEmitter(), {
  idleSeconds: 0,
  getSystemIdleTime() {
    return powerMonitor.idleSeconds
  },
  getSystemIdleState(threshold: number) {
    return powerMonitor.idleSeconds >= threshold ? 'idle' : 'active'
  },
})

export const electronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  Menu: FakeMenu,
  Tray: FakeTray,
  powerMonitor,
  ClipboardItem: class {
    readonly formats: Record<string, unknown>
    constructor(formats: Record<string, unknown>) {
      this.formats = formats
    }
  },
  clipboard: {
    text: '',
    formats: {} as Record<string, unknown>,
    async write(items: { formats: Record<string, unknown> }[]) {
      this.formats = items[0]?.formats ?? {}
      const t = this.formats['text/plain']
      this.text = typeof t === 'string' ? t : ''
    },
    async readText() {
      return this.text
    },
    clear() {
      this.text = ''
      this.formats = {}
    },
    async read() {
      return []
    },
  },
  desktopCapturer: {
    async getSources(options: unknown) {
      fake.captureRequests.push(options)
      return []
    },
  },
  dialog: {
    showMessageBox: async (...args: unknown[]) => {
      fake.dialogs.push(args)
      return { response: 0 }
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  },
  globalShortcut: {
    register(accelerator: string, callback: () => void) {
      if (fake.takenShortcuts.has(accelerator)) return false
      fake.shortcuts.set(accelerator, callback)
      return true
    },
    unregister(accelerator: string) {
      fake.shortcuts.delete(accelerator)
    },
    unregisterAll() {
      fake.shortcuts.clear()
    },
  },
  ipcMain: {
    handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) {
      if (fake.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
      fake.ipcHandlers.set(channel, listener)
    },
    removeHandler(channel: string) {
      fake.ipcHandlers.delete(channel)
    },
  },
  nativeImage: { createFromPath: (path: string) => ({ path, setTemplateImage() {} }) },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      if (fake.readyFired) throw new Error('registerSchemesAsPrivileged after ready')
      fake.privileged.push(...schemes)
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      if (!fake.readyFired) throw new Error('protocol.handle before ready')
      fake.protocolHandlers.set(scheme, handler)
    },
  },
  screen: {
    getCursorScreenPoint: () => ({ x: 10, y: 10 }),
    getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    getAllDisplays: () => [],
  },
  session: {
    defaultSession: Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (h: typeof fake.sessionPolicy.request) => {
        fake.sessionPolicy.request = h
      },
      setPermissionCheckHandler: (h: typeof fake.sessionPolicy.check) => {
        fake.sessionPolicy.check = h
      },
      setDevicePermissionHandler: (h: typeof fake.sessionPolicy.device) => {
        fake.sessionPolicy.device = h
      },
      webRequest: {
        onBeforeRequest: (h: typeof fake.sessionPolicy.beforeRequest) => {
          fake.sessionPolicy.beforeRequest = h
        },
        onHeadersReceived: (h: typeof fake.sessionPolicy.headers) => {
          fake.sessionPolicy.headers = h
        },
      },
    }),
  },
  systemPreferences: { getMediaAccessStatus: () => 'granted' },
}

/** An IPC invoke from `frame` of `win`, as Electron would deliver it to the handler. */
export function invokeFrom(
  win: FakeBrowserWindow,
  channel: string,
  args: unknown[],
  frame: FakeFrame = win.webContents.mainFrame,
): Promise<unknown> {
  const handler = fake.ipcHandlers.get(channel)
  if (!handler) throw new Error(`No handler registered for '${channel}'`)
  return Promise.resolve(handler({ sender: win.webContents, senderFrame: frame }, ...args))
}
