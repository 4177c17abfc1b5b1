// The Electron security checklist, observed in the running app.
import { expect, test } from '@playwright/test'
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy.ts'
import { electron, launchCairn, mainLogs, type LaunchedCairn } from './support/electron-app.ts'

test.describe('hardening of the running app', () => {
  test.skip(electron.reason !== null, electron.reason ?? '')
  let cairn: LaunchedCairn

  test.beforeAll(async () => {
    cairn = await launchCairn()
  })
  test.afterAll(async () => {
    await cairn?.app.close()
  })

  test('the page runs isolated from the preload and without Node', async () => {
    // Electron exposes no getter for a window's webPreferences; the options themselves are unit
    // tested (test/electron/window-options.test.ts). Here: what the page can observe.
    const seen = await cairn.main.evaluate(() => ({
      // contextBridge hands the page a frozen copy; without isolation it would be the object itself.
      bridgeFrozen: Object.isFrozen(window.cairnShell),
      nodeGlobals: ['require', 'process', 'module', 'Buffer', 'global'].filter((g) => g in window),
    }))
    expect(seen).toEqual({ bridgeFrozen: true, nodeGlobals: [] })
  })

  test('the page comes from cairn-app:// with the CSP header, and has no Node or Electron', async () => {
    const { main } = cairn
    expect(main.url()).toMatch(/^cairn-app:\/\/app\//)
    const globals = await main.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: 'ipcRenderer' in window,
      shell: typeof window.cairnShell?.picker.state,
    }))
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: false,
      shell: 'function',
    })
    const csp = await main.evaluate(async () =>
      (await fetch('/index.html')).headers.get('content-security-policy'),
    )
    expect(csp).toBe(CONTENT_SECURITY_POLICY)
  })

  test('the protocol refuses paths outside the renderer folder', async () => {
    const statuses = await cairn.main.evaluate(async () =>
      Promise.all(
        ['/..%2f..%2fpackage.json', '/..%2fmain%2findex.js', '/%2e%2e/%2e%2e/package.json'].map(
          async (p) => (await fetch(p)).status,
        ),
      ),
    )
    for (const status of statuses) expect([403, 404]).toContain(status)
  })

  test('inline scripts, navigation away and new windows are refused', async () => {
    const { app, main } = cairn
    const injected = await main.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__injected = true'
      document.head.append(s)
      return (window as unknown as { __injected?: boolean }).__injected === true
    })
    expect(injected).toBe(false)
    const windowsBefore = app.windows().length
    const windowRefused = mainLogs(app, 'refused window-open https://example.com/')
    expect(await main.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
    await windowRefused
    const navigationRefused = mainLogs(app, 'refused navigate https://example.com/')
    await main.evaluate(() => {
      location.href = 'https://example.com/'
    })
    // Main has decided (prevented it) once it logs the refusal.
    await navigationRefused
    expect(await main.evaluate(() => location.href)).toMatch(/^cairn-app:\/\/app\//)
    expect(main.url()).toMatch(/^cairn-app:\/\/app\//)
    expect(app.windows().length).toBe(windowsBefore)
  })

  test('permission requests are denied', async () => {
    const answer = await cairn.main.evaluate(() => Notification.requestPermission())
    expect(answer).toBe('denied')
  })

  test('a second instance does not start a second app', async () => {
    const lockHeld = await cairn.app.evaluate(({ app }) => app.hasSingleInstanceLock())
    expect(lockHeld).toBe(true)
  })
})
