// Boots the built main bundle as Electron would start it, with the recording stand-in in place of
// `electron`, and plays a person's first minutes: the app gets ready, the window loads, a vault
// is created and unlocked, a 2FA key added, the shortcut pressed, the laptop suspended, the app
// quit. It only observes: every step's findings go to a JSON report that built-main.test.ts
// checks, so a crash shows as the step where it happened.
//
//   node --import ./register-electron-stand-in.ts boot-built-main.ts OUT_DIR APP_PATH USER_DATA REPORT [LAST_STEP]
import { createHash } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import QRCode from 'qrcode'
import { API, EVENT_CHANNEL } from '../../../src-shared/ipc-contract.ts'
import {
  electronModule,
  fake,
  FakeBrowserWindow,
  FakeMenu,
  FakeTray,
  invokeFrom,
  powerMonitor,
} from './fake-electron.ts'
import { BOOT_PASSWORD, BOOT_TOTP_SECRET, type BootStep } from './boot-steps.ts'

async function waitFor<T>(what: string, probe: () => T | undefined | null | false): Promise<T> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function main() {
  const [outDir, appPath, userData, reportFile, lastStep] = process.argv.slice(2) as [
    string,
    string,
    string,
    string,
    string | undefined,
  ]
  const steps: BootStep[] = []
  const save = () => writeFileSync(reportFile, JSON.stringify(steps, null, 1))
  const step = async (name: string, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      steps.push({ step: name, ok: true, value: await run() })
      return true
    } catch (error) {
      const e = error as Error
      steps.push({ step: name, ok: false, error: e?.stack ?? String(error) })
      return false
    } finally {
      save()
      if (name === lastStep) process.exit(0)
    }
  }

  process.env['CAIRN_USER_DATA_DIR'] = userData
  // RFC 9106's floor instead of calibrating Argon2id to a second per vault.
  process.env['CAIRN_ARGON2_FLOOR'] = '1'
  Reflect.deleteProperty(process.env, 'ELECTRON_RENDERER_URL')
  fake.appPath = appPath
  fake.app.setPath('documents', join(userData, 'no-documents-folder'))
  // Another Cairn already runs: this one must hand over and quit.
  if (process.env['CAIRN_STAND_IN_LOCK_TAKEN'] === '1') fake.app.gotLock = false

  const mainWindow = () => FakeBrowserWindow.all[0] as FakeBrowserWindow
  const call = async (channel: string, ...args: unknown[]) => {
    const result = (await invokeFrom(mainWindow(), channel, args)) as {
      ok: boolean
      value?: unknown
      error?: unknown
    }
    if (!result.ok) throw new Error(`${channel} answered ${JSON.stringify(result.error)}`)
    return result.value as never
  }
  const lockEvents = (win: FakeBrowserWindow) =>
    win.webContents.sent
      .map(([, payload]) => payload as { type?: string; reason?: string })
      .filter((p) => p?.type === 'locked')
  let vault = { id: '', path: '' }
  let itemId = ''

  const loaded = await step('load', async () => {
    await import(pathToFileURL(join(outDir, 'main/index.js')).href)
    return {
      singleInstanceLockRequests: fake.singleInstanceLockRequests,
      privileged: fake.privileged,
      sandboxed: fake.app.sandboxed,
      readyFired: fake.readyFired,
      quitCalls: fake.app.quitCalls,
    }
  })
  if (!loaded) return

  const ready = await step('ready', async () => {
    fake.app.becomeReady()
    await waitFor('the main window', () => FakeBrowserWindow.all.length > 0)
    return {
      schemes: [...fake.protocolHandlers.keys()],
      permissionHandlers: {
        request: fake.sessionPolicy.request !== null,
        check: fake.sessionPolicy.check !== null,
        device: fake.sessionPolicy.device !== null,
        headers: fake.sessionPolicy.headers !== null,
      },
    }
  })
  if (!ready) return

  await step('protocol', async () => {
    const handler = fake.protocolHandlers.get('cairn-app')
    if (!handler) throw new Error('no cairn-app: protocol handler')
    const get = async (url: string) => {
      const response = await handler(new Request(url))
      const body = Buffer.from(await response.arrayBuffer())
      return {
        url,
        status: response.status,
        csp: response.headers.get('content-security-policy'),
        sha256: createHash('sha256').update(body).digest('hex'),
        text: body.toString('utf8').slice(0, 4000),
      }
    }
    const page = await get('cairn-app://app/index.html')
    const script = /<script[^>]*\ssrc="([^"]+)"/.exec(page.text)?.[1]
    if (!script) throw new Error('index.html names no script')
    const asset = await get(new URL(script, 'cairn-app://app/index.html').href)
    const outside = await Promise.all(
      [
        'cairn-app://app/..%2f..%2fpackage.json',
        'cairn-app://app/%2e%2e/%2e%2e/package.json',
        'cairn-app://app/..%2fmain%2findex.js',
        'cairn-app://app/assets/..%2f..%2fpreload%2findex.cjs',
      ].map(get),
    )
    return {
      page: { ...page, text: undefined },
      asset: { ...asset, text: undefined, path: script },
      outside: outside.map(({ url, status, sha256 }) => ({ url, status, sha256 })),
    }
  })

  await step('main window', async () => {
    const win = mainWindow()
    return {
      url: win.webContents.url,
      visible: win.visible,
      webPreferences: win.options['webPreferences'],
      opensNewWindows: win.webContents.openHandler?.({ url: 'https://example.com/' }),
    }
  })

  await step('handlers', async () => [...fake.ipcHandlers.keys()])

  await step('vault through IPC', async () => {
    const path = (await call(API.vaults.suggestPath, 'Keys')) as string
    const created = (await call(API.vaults.create, {
      path,
      name: 'Keys',
      password: BOOT_PASSWORD,
    })) as { id: string; state: string }
    vault = { id: created.id, path }
    const locked = (await call(API.vaults.lock, created.id)) as { state: string }
    const unlocked = (await call(API.vaults.unlock, created.id, BOOT_PASSWORD)) as {
      state: string
    }
    const item = (await call(API.items.create, created.id, {
      kind: 'otp',
      title: '',
      issuer: 'Example',
      account: 'alice',
      notes: '',
      tags: [],
      key: {
        from: 'uri',
        uri: `otpauth://totp/Example:alice?secret=${BOOT_TOTP_SECRET}&issuer=Example`,
      },
    })) as { id: string }
    itemId = item.id
    const before = Date.now()
    const codes = (await call(API.codes.get, created.id, [item.id])) as unknown[]
    const after = Date.now()
    const report = process.report.getReport() as { sharedObjects?: string[] }
    return {
      path,
      fileExists: existsSync(path),
      states: [created.state, locked.state, unlocked.state],
      codes,
      before,
      after,
      nativeModules: (report.sharedObjects ?? []).filter((p) => p.endsWith('.node')),
    }
  })

  await step('QR image through IPC', async () => {
    // A real PNG of a QR code, scanned by the bundled scanner worker chunk.
    const uri = `otpauth://totp/Scanned:bob?secret=${BOOT_TOTP_SECRET}&issuer=Scanned`
    const png = await QRCode.toBuffer(uri, { type: 'png', scale: 6, margin: 4 })
    const outcome = (await call(API.otp.scanImage, new Uint8Array(png))) as {
      keys: { uri: string }[]
      notOtp: string[]
    }
    return { sent: uri, keys: outcome.keys.map((k) => k.uri), notOtp: outcome.notOtp }
  })

  await step('health through IPC', async () => {
    // Passwords rated by the bundled rating worker chunk, with progress sent to the window.
    for (const [title, password] of [
      ['Weak', 'password1'],
      ['Strong', 'vT8#qL2!mZ9@xR4$wK7^'],
    ]) {
      await call(API.items.create, vault.id, {
        kind: 'login',
        title,
        username: 'alice',
        password,
        urls: [],
        notes: '',
        tags: [],
        fields: [],
        otpLink: null,
      })
    }
    const report = (await call(API.health.report)) as {
      findings: { title: string; reason: string }[]
    }
    const progress = mainWindow()
      .webContents.sent.filter(([channel]) => channel === EVENT_CHANNEL)
      .map(([, event]) => event as { type: string; progress?: { operation: string } })
      .filter((event) => event.type === 'progress' && event.progress?.operation === 'health')
      .map((event) => event.progress)
    const weak = report.findings.filter((f) => f.reason === 'weak-password').map((f) => f.title)
    return { weak, progress }
  })

  await step('global shortcut', async () => {
    const accelerators = [...fake.shortcuts.keys()]
    const press = fake.shortcuts.get(accelerators[0] ?? '')
    if (!press) throw new Error('no global shortcut registered')
    press()
    const picker = await waitFor('the picker window', () =>
      FakeBrowserWindow.all.find((w) => w.webContents.url.endsWith('/picker.html')),
    )
    return {
      accelerators,
      picker: {
        url: picker.webContents.url,
        visible: picker.visible,
        alwaysOnTop: picker.options['alwaysOnTop'],
        preload: (picker.options['webPreferences'] as { preload?: string }).preload,
      },
    }
  })

  await step('tray, menu and a second start', async () => {
    const tray = FakeTray.created[0]
    const ids: string[] = []
    const walk = (items: { id?: string; submenu?: unknown }[]) => {
      for (const item of items) {
        if (item.id) ids.push(item.id)
        if (Array.isArray(item.submenu)) walk(item.submenu)
      }
    }
    walk((FakeMenu.application?.template ?? []) as { id?: string }[])
    // Closing the window keeps Cairn in the tray; starting Cairn again shows it.
    mainWindow().close()
    const hiddenByClose = !mainWindow().visible && !mainWindow().destroyed
    fake.app.emit('second-instance')
    return {
      trays: FakeTray.created.length,
      tooltip: tray?.tooltip,
      trayMenu: tray?.menu !== null,
      menuIds: ids,
      hiddenByClose,
      shownBySecondStart: mainWindow().visible,
    }
  })

  await step('suspend', async () => {
    powerMonitor.emit('suspend')
    await waitFor('the lock after suspend', () => lockEvents(mainWindow()).length > 0)
    const vaults = (await call(API.vaults.list)) as { id: string; state: string }[]
    return { lockEvents: lockEvents(mainWindow()), vaults: vaults.map((v) => v.state) }
  })

  await step('quit', async () => {
    await call(API.vaults.unlock, vault.id, BOOT_PASSWORD)
    await call(API.clipboard.copy, vault.id, itemId, { kind: 'code' })
    const clipboardBefore = electronModule.clipboard.text
    const walBefore = existsSync(`${vault.path}-wal`)
    fake.app.quit()
    await waitFor('the app to exit', () => fake.app.exited)
    return {
      clipboardBefore,
      clipboardAfter: electronModule.clipboard.text,
      walBefore,
      walAfter: existsSync(`${vault.path}-wal`),
      lockEvents: lockEvents(mainWindow()),
      shortcutsLeft: fake.shortcuts.size,
    }
  })
}

await main()
// The app's workers and timers would keep Node alive after quit; the report is complete.
process.exit(0)
