// Launching the real Cairn app in Electron for the _electron specs. They run wherever the Electron
// binary is installed (under Xvfb on Linux: `xvfb-run -a npx playwright test e2e/electron`); where
// it is not, every spec is skipped with the reason printed.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication, type Page } from '@playwright/test'

export const ROOT = join(import.meta.dirname, '../../..')

function electronBinary(): { path: string } | { reason: string } {
  const override = process.env['CAIRN_ELECTRON_BINARY']
  if (override) {
    return existsSync(override)
      ? { path: override }
      : { reason: `CAIRN_ELECTRON_BINARY=${override} does not exist` }
  }
  // Not require('electron'): that tries to download the binary when it is missing.
  const pathFile = join(ROOT, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) {
    return {
      reason:
        'Electron binary not installed: node_modules/electron/path.txt is missing (run `node node_modules/electron/install.js` where the network allows)',
    }
  }
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary)
    ? { path: binary }
    : { reason: `Electron binary not installed: ${binary} is missing` }
}

function availability():
  { executablePath: string; reason: null } | { executablePath: null; reason: string } {
  const binary = electronBinary()
  if ('reason' in binary) return { executablePath: null, reason: binary.reason }
  if (!existsSync(join(ROOT, 'out/main/index.js'))) {
    return {
      executablePath: null,
      reason: 'out/main/index.js is missing: run `npm run build` first',
    }
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return {
      executablePath: null,
      reason: 'no display: run the Electron specs under `xvfb-run -a`',
    }
  }
  return { executablePath: binary.path, reason: null }
}

export const electron = availability()
if (electron.reason !== null) console.log(`[electron specs] skipped: ${electron.reason}`)

export interface LaunchedCairn {
  app: ElectronApplication
  /** The main window's page (cairn-app://app/index.html). */
  main: Page
  userData: string
}

export interface LaunchOptions {
  /** Written as shell-settings.json before start (hotkey, lock triggers). */
  shellSettings?: Record<string, unknown>
  userData?: string
}

export async function launchCairn(options: LaunchOptions = {}): Promise<LaunchedCairn> {
  if (electron.executablePath === null) throw new Error(electron.reason)
  const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'cairn-electron-e2e-'))
  if (options.shellSettings) {
    writeFileSync(join(userData, 'shell-settings.json'), JSON.stringify(options.shellSettings))
  }
  const app = await _electron.launch({
    executablePath: electron.executablePath,
    args: [ROOT],
    cwd: ROOT,
    env: {
      ...(process.env as Record<string, string>),
      CAIRN_USER_DATA_DIR: userData,
      // RFC 9106's floor instead of calibrating Argon2id to a second per vault.
      CAIRN_ARGON2_FLOOR: '1',
    },
  })
  const main = await app.firstWindow()
  await main.waitForURL(/^cairn-app:\/\/app\//)
  await main.waitForLoadState('domcontentloaded')
  return { app, main, userData }
}

/** The page of the first window whose URL ends with `page` (e.g. 'picker.html'). */
export async function windowShowing(app: ElectronApplication, page: string): Promise<Page> {
  const match = (p: Page) => new URL(p.url()).pathname === `/${page}`
  const found = app.windows().find(match)
  if (found) return found
  return app.waitForEvent('window', { predicate: match })
}

/** Whether the BrowserWindow showing `page` is visible, and whether it floats on top. */
export async function windowState(
  app: ElectronApplication,
  page: string,
): Promise<{ visible: boolean; alwaysOnTop: boolean } | null> {
  return app.evaluate(({ BrowserWindow }, path) => {
    const win = BrowserWindow.getAllWindows().find(
      (w) => new URL(w.webContents.getURL() || 'about:blank').pathname === path,
    )
    return win ? { visible: win.isVisible(), alwaysOnTop: win.isAlwaysOnTop() } : null
  }, `/${page}`)
}

/** Clicks an application-menu item by id, as a user would. */
export async function clickMenuItem(app: ElectronApplication, id: string): Promise<void> {
  await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId)
    if (!item) throw new Error(`no menu item ${itemId}`)
    item.click()
  }, id)
}

/** Starts recording shell events in the page (window.__shellEvents). */
export async function recordShellEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __shellEvents: unknown[]
      cairnShell: { events: { subscribe(l: (e: unknown) => void): () => void } }
    }
    w.__shellEvents = []
    w.cairnShell.events.subscribe((e) => w.__shellEvents.push(e))
  })
}

export async function shellEvents(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate(
    () => (window as unknown as { __shellEvents: { type: string }[] }).__shellEvents,
  )
}

/** Creates an unlocked vault where main suggests (the renderer may not pick another path). */
export async function createVault(
  cairn: LaunchedCairn,
  name: string,
  password: string,
): Promise<string> {
  const result = await cairn.main.evaluate(
    async (request) => {
      const path = await window.cairn.vaults.suggestPath(request.name)
      if (!path.ok) return path
      return window.cairn.vaults.create({ ...request, path: path.value })
    },
    { name, password },
  )
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value.id
}

/** Adds a 2FA key from an otpauth URI through the vault API. */
export async function addOtpKey(
  cairn: LaunchedCairn,
  vaultId: string,
  uri: string,
  names: { issuer: string; account: string },
): Promise<void> {
  const result = await cairn.main.evaluate(
    ({ vaultId, uri, names }) =>
      window.cairn.items.create(vaultId, {
        kind: 'otp',
        title: '',
        issuer: names.issuer,
        account: names.account,
        notes: '',
        tags: [],
        key: { from: 'uri', uri },
      }),
    { vaultId, uri, names },
  )
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
}

/** The text on the system clipboard, read in main like any other application would. */
export async function clipboardText(cairn: LaunchedCairn): Promise<string> {
  return cairn.app.evaluate(({ clipboard }) => clipboard.readText())
}

/** Resolves once the main process has written `line` to its stderr (Cairn's log). */
export function mainLogs(app: ElectronApplication, line: string): Promise<void> {
  const stderr = app.process().stderr
  if (!stderr) return Promise.reject(new Error('the main process has no stderr to read'))
  return new Promise((resolve) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8')
      if (!seen.includes(line)) return
      stderr.off('data', onData)
      resolve()
    }
    stderr.on('data', onData)
  })
}
