// Screen-capture import in the running app: a QR code is put on the (Xvfb) screen by another
// program (Chromium), Cairn hides its own windows, captures every display, scans, and offers the
// key with its current code; its windows come back afterwards. The clipboard path too.
import { existsSync } from 'node:fs'
import { chromium, expect, test, type Browser } from '@playwright/test'
import QRCode from 'qrcode'
import {
  clickMenuItem,
  createVault,
  electron,
  launchCairn,
  windowShowing,
  windowState,
  type LaunchedCairn,
} from './support/electron-app.ts'

const CHROMIUM = process.env['CAIRN_CHROMIUM'] ?? '/usr/bin/chromium'
const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'

test.describe('QR import from the screen and the clipboard', () => {
  test.skip(electron.reason !== null, electron.reason ?? '')
  let cairn: LaunchedCairn

  test.beforeEach(async () => {
    cairn = await launchCairn()
  })
  test.afterEach(async () => {
    await cairn?.app.close()
  })

  test('scans every display with Cairn hidden, finds the key, and shows Cairn again', async () => {
    test.skip(!existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`)
    const png = await QRCode.toDataURL(URI, { scale: 8, margin: 4 })
    let browser: Browser | null = null
    try {
      // Another application on the same display shows the QR code.
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: false,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--start-maximized'],
      })
      const page = await browser.newPage({ viewport: null })
      await page.setContent(`<body style="margin:0;background:#fff"><img src="${png}"></body>`)
      await cairn.main.bringToFront()

      const result = await cairn.main.evaluate(() => window.cairn.shell.scanScreen())
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.value.imagesScanned).toBeGreaterThanOrEqual(1)
      expect(result.value.advice).toBeNull()
      expect(result.value.keys.map((k) => k.preview.issuer)).toEqual(['Example'])
      expect(result.value.keys[0]?.preview.code).toMatch(/^\d{6}$/)
      expect(await windowState(cairn.app, 'index.html')).toMatchObject({ visible: true })
    } finally {
      await browser?.close()
    }
  })

  test('scans a QR code image on the clipboard', async () => {
    const png = await QRCode.toBuffer(URI, { scale: 6, margin: 4 })
    await cairn.app.evaluate(
      async ({ clipboard, ClipboardItem }, bytes) => {
        await clipboard.write([
          new ClipboardItem({ 'image/png': new Blob([new Uint8Array(bytes)]) }),
        ])
      },
      [...png],
    )
    const result = await cairn.main.evaluate(() => window.cairn.shell.scanClipboardImage())
    expect(result).toMatchObject({ ok: true, value: { source: 'clipboard', imagesScanned: 1 } })
    if (result.ok) expect(result.value.keys.map((k) => k.uri)).toHaveLength(1)
  })

  test('says what to do when the clipboard holds no image', async () => {
    await cairn.app.evaluate(async ({ clipboard }) => clipboard.writeText('just text'))
    const result = await cairn.main.evaluate(() => window.cairn.shell.scanClipboardImage())
    expect(result).toMatchObject({ ok: true, value: { imagesScanned: 0, keys: [] } })
    if (result.ok) expect(result.value.advice).toContain('no image')
  })

  test('File ▸ Scan Screen opens the confirmation window, which adds the key to a vault', async () => {
    test.skip(!existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`)
    const vaultId = await createVault(cairn, '2FA keys', 'correct horse')
    const png = await QRCode.toDataURL(URI, { scale: 8, margin: 4 })
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--start-maximized'],
    })
    try {
      const page = await browser.newPage({ viewport: null })
      await page.setContent(`<body style="margin:0;background:#fff"><img src="${png}"></body>`)
      await clickMenuItem(cairn.app, 'scan-screen')
      const scan = await windowShowing(cairn.app, 'scan.html')
      const found = scan.getByRole('list', { name: 'Keys found' }).getByRole('listitem')
      await expect(found).toHaveCount(1, { timeout: 30_000 })
      await scan.getByRole('button', { name: 'Add 1 key' }).click()
      await expect(scan.getByRole('status')).toContainText('Added 1 key to 2FA keys.')
      const list = await cairn.main.evaluate((id) => window.cairn.items.list(id), vaultId)
      expect(list.ok && list.value.items.map((i) => i.issuer)).toEqual(['Example'])
    } finally {
      await browser.close()
    }
  })
})
