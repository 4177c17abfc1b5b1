// The desktop app as built (out/main/index.js), started in Node with a recording stand-in in
// place of Electron (resolved by a loader hook; the bundle is not touched). What a person's first
// minutes need, in the order they happen. docs/desktop-shell.md says what still needs Electron.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BOOT_TOTP_SECRET, type BootStep } from './support/boot-steps.ts'
import { bootBuiltMain, OUT, requireBuild, stepValue } from './support/built-app.ts'
import { contractChannels } from './support/contract-channels.ts'
import { base32Decode, totpRef } from '../support/reference-otp.ts'

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** CSP directives as a map, to check the rules rather than one spelling of them. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) out.set(name, values)
  }
  return out
}

let steps: BootStep[]
let stderr = ''
beforeAll(() => {
  requireBuild()
  const run = bootBuiltMain()
  steps = run.steps
  stderr = run.stderr
})

describe('the built main bundle under a stand-in Electron', () => {
  it('loads, takes the single-instance lock and registers its scheme before ready', () => {
    const loaded = stepValue<{
      singleInstanceLockRequests: number
      privileged: { scheme: string; privileges: Record<string, boolean> }[]
      sandboxed: boolean
      readyFired: boolean
      quitCalls: number
    }>(steps, 'load')
    expect(loaded.singleInstanceLockRequests).toBe(1)
    expect(loaded.privileged.map((p) => p.scheme)).toEqual(['cairn-app'])
    expect(loaded.privileged[0]?.privileges).toMatchObject({ standard: true, secure: true })
    expect(loaded.sandboxed).toBe(true)
    expect(loaded.readyFired).toBe(false)
    expect(loaded.quitCalls).toBe(0)
  })

  it('reaches ready: protocol and session handlers are in place', () => {
    const ready = stepValue<{ schemes: string[]; permissionHandlers: Record<string, boolean> }>(
      steps,
      'ready',
    )
    expect(ready.schemes).toEqual(['cairn-app'])
    expect(ready.permissionHandlers).toEqual({
      request: true,
      check: true,
      device: true,
      headers: true,
    })
  })

  it('serves the built index.html and a built asset with the CSP header, and refuses ..', () => {
    type Served = { url: string; status: number; csp: string | null; sha256: string }
    const served = stepValue<{ page: Served; asset: Served & { path: string }; outside: Served[] }>(
      steps,
      'protocol',
    )
    expect(served.page.status).toBe(200)
    expect(served.page.sha256).toBe(sha256(join(OUT, 'renderer/index.html')))
    expect(served.asset.status).toBe(200)
    expect(served.asset.sha256).toBe(sha256(join(OUT, 'renderer', served.asset.path)))
    for (const response of [served.page, served.asset]) {
      const csp = directives(response.csp)
      expect(csp.get('default-src')).toEqual(["'none'"])
      expect(csp.get('script-src')).toEqual(["'self'"])
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    }
    const packageJson = sha256(join(OUT, '../package.json'))
    const mainBundle = sha256(join(OUT, 'main/index.js'))
    const preload = sha256(join(OUT, 'preload/index.cjs'))
    for (const response of served.outside) {
      expect([403, 404], response.url).toContain(response.status)
      expect([packageJson, mainBundle, preload], response.url).not.toContain(response.sha256)
    }
  })

  it('opens the main window on cairn-app: with the built preload and hardened webPreferences', () => {
    const win = stepValue<{
      url: string
      visible: boolean
      webPreferences: Record<string, unknown>
      opensNewWindows: unknown
    }>(steps, 'main window')
    expect(win.url).toBe('cairn-app://app/index.html')
    expect(win.visible).toBe(true)
    const preload = win.webPreferences['preload'] as string
    expect(preload).toBe(join(OUT, 'preload/index.cjs'))
    expect(existsSync(preload), `${preload} exists`).toBe(true)
    expect(win.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(win.opensNewWindows).toEqual({ action: 'deny' })
  })

  it('has a handler for every channel of the contract, and none besides', async () => {
    const handled = stepValue<string[]>(steps, 'handlers')
    expect([...handled].sort()).toEqual(await contractChannels())
  })

  it('creates, locks and unlocks a vault and gives a 2FA code through IPC, with the native Argon2 and SQLite the bundle resolves', () => {
    const vault = stepValue<{
      fileExists: boolean
      states: string[]
      codes: { code: string }[]
      before: number
      after: number
      nativeModules: string[]
    }>(steps, 'vault through IPC')
    expect(vault.fileExists).toBe(true)
    expect(vault.states).toEqual(['unlocked', 'locked', 'unlocked'])
    const secret = base32Decode(BOOT_TOTP_SECRET)
    const expected = [vault.before, vault.after].map((ms) => totpRef(secret, ms / 1000))
    expect(expected).toContain(vault.codes[0]?.code)
    // The native modules came from where the bundle resolves its dependencies.
    const fromBundle = createRequire(join(OUT, 'main/index.js'))
    const sqliteDir = realpathSync(dirname(fromBundle.resolve('better-sqlite3/package.json')))
    const argon2Dir = realpathSync(dirname(fromBundle.resolve('@node-rs/argon2/package.json')))
    expect(vault.nativeModules.some((p) => p.startsWith(`${sqliteDir}/`))).toBe(true)
    expect(vault.nativeModules.some((p) => p.startsWith(`${dirname(argon2Dir)}/argon2-`))).toBe(
      true,
    )
  })

  it('scans a QR image in the bundled scanner worker', () => {
    const scanned = stepValue<{ sent: string; keys: string[]; notOtp: string[] }>(
      steps,
      'QR image through IPC',
    )
    expect(scanned.keys).toHaveLength(1)
    const found = new URL(scanned.keys[0] ?? '')
    expect(found.searchParams.get('secret')).toBe(BOOT_TOTP_SECRET)
    expect(found.searchParams.get('issuer')).toBe('Scanned')
    expect(scanned.notOtp).toEqual([])
  })

  it('rates passwords for vault health in the bundled rating worker, with progress', () => {
    const health = stepValue<{ weak: string[]; progress: unknown[] }>(steps, 'health through IPC')
    expect(health.weak).toEqual(['Weak'])
    expect(health.progress[0]).toEqual({ operation: 'health', phase: 'rating', done: 0, total: 2 })
    expect(health.progress.at(-1)).toEqual({
      operation: 'health',
      phase: 'rating',
      done: 2,
      total: 2,
    })
  })

  it('registers the global shortcut, whose press opens the picker window', () => {
    const shortcut = stepValue<{
      accelerators: string[]
      picker: { url: string; visible: boolean; alwaysOnTop: boolean; preload: string }
    }>(steps, 'global shortcut')
    expect(shortcut.accelerators).toHaveLength(1)
    expect(shortcut.picker).toEqual({
      url: 'cairn-app://app/picker.html',
      visible: true,
      alwaysOnTop: true,
      preload: join(OUT, 'preload/index.cjs'),
    })
  })

  it('has a tray icon with its menu, an application menu, and a second start shows the window', () => {
    const shell = stepValue<{
      trays: number
      tooltip: string
      trayMenu: boolean
      menuIds: string[]
      hiddenByClose: boolean
      shownBySecondStart: boolean
    }>(steps, 'tray, menu and a second start')
    expect(shell).toMatchObject({ trays: 1, tooltip: 'Cairn', trayMenu: true })
    expect(shell.menuIds).toEqual(expect.arrayContaining(['lock-all', 'open-picker']))
    expect(shell.hiddenByClose).toBe(true)
    expect(shell.shownBySecondStart).toBe(true)
  })

  it('locks every vault when the system suspends, and tells the window', () => {
    const suspend = stepValue<{ lockEvents: unknown[]; vaults: string[] }>(steps, 'suspend')
    expect(suspend.lockEvents).toEqual([{ type: 'locked', reason: 'suspend' }])
    expect(suspend.vaults).toEqual(['locked'])
  })

  it('quits by clearing the code it copied, closing the vaults and releasing the shortcut', () => {
    const quit = stepValue<{
      clipboardBefore: string
      clipboardAfter: string
      walBefore: boolean
      walAfter: boolean
      lockEvents: unknown[]
      shortcutsLeft: number
    }>(steps, 'quit')
    expect(quit.clipboardBefore).toMatch(/^\d{6}$/)
    expect(quit.clipboardAfter).toBe('')
    // An open SQLite file in WAL mode has its -wal file; closing the last connection removes it.
    expect(quit.walBefore).toBe(true)
    expect(quit.walAfter).toBe(false)
    expect(quit.lockEvents).toContainEqual({ type: 'locked', reason: 'quit' })
    expect(quit.shortcutsLeft).toBe(0)
  })

  it('logs nothing but its own refusals', () => {
    const lines = stderr.split('\n').filter((l) => l.trim() !== '')
    expect(lines.filter((l) => !l.startsWith('Cairn: refused '))).toEqual([])
  })
})

describe('the built main bundle when Cairn already runs', () => {
  it('quits at once, before registering anything', () => {
    const { steps: second } = bootBuiltMain(OUT, 'load', { CAIRN_STAND_IN_LOCK_TAKEN: '1' })
    const loaded = stepValue<{
      singleInstanceLockRequests: number
      quitCalls: number
      privileged: unknown[]
    }>(second, 'load')
    expect(loaded.singleInstanceLockRequests).toBe(1)
    expect(loaded.quitCalls).toBe(1)
    expect(loaded.privileged).toEqual([])
  })
})
