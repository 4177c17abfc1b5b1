// The picker window in the running app: opened from the menu (as the hotkey does), small,
// always on top, showing the picker page; Esc hides it again.
import { createHmac } from 'node:crypto'
import { expect, test } from '@playwright/test'
import {
  addOtpKey,
  clickMenuItem,
  clipboardText,
  createVault,
  electron,
  launchCairn,
  windowShowing,
  windowState,
  type LaunchedCairn,
} from './support/electron-app.ts'

const SECRET = 'JBSWY3DPEHPK3PXP'

/** RFC 6238 (HMAC-SHA1, 6 digits, 30 s), independent of the app; the picker's next-code rule. */
function expectedCode(ms: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of SECRET) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? [])
  const step0 = Math.floor(ms / 30_000)
  const step = (step0 + 1) * 30_000 - ms < 5_000 ? step0 + 1 : step0
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = (mac[19] as number) & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

test.describe('copy-code picker window', () => {
  test.skip(electron.reason !== null, electron.reason ?? '')
  let cairn: LaunchedCairn

  test.beforeEach(async () => {
    cairn = await launchCairn()
  })
  test.afterEach(async () => {
    await cairn?.app.close()
  })

  test('opens small and always on top, focused on its page, and Esc hides it', async () => {
    await clickMenuItem(cairn.app, 'open-picker')
    const picker = await windowShowing(cairn.app, 'picker.html')
    await expect
      .poll(() => windowState(cairn.app, 'picker.html'))
      .toEqual({ visible: true, alwaysOnTop: true })
    const size = await cairn.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()
        .find((w) => w.webContents.getURL().endsWith('/picker.html'))
        ?.getSize(),
    )
    expect(size?.[0]).toBeLessThan(600)
    // No vault is open in a fresh profile: the picker says what to do.
    await expect(picker.getByText('No vault is open.')).toBeVisible()
    await picker.keyboard.press('Escape')
    await expect
      .poll(async () => (await windowState(cairn.app, 'picker.html'))?.visible)
      .toBe(false)
  })

  test('reuses the hidden window the next time', async () => {
    await clickMenuItem(cairn.app, 'open-picker')
    await windowShowing(cairn.app, 'picker.html')
    await cairn.app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()
        .find((w) => w.webContents.getURL().endsWith('/picker.html'))
        ?.hide()
    })
    await clickMenuItem(cairn.app, 'open-picker')
    await expect.poll(async () => (await windowState(cairn.app, 'picker.html'))?.visible).toBe(true)
    const pickers = await cairn.app.evaluate(
      ({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().filter((w) => w.webContents.getURL().endsWith('/picker.html'))
          .length,
    )
    expect(pickers).toBe(1)
  })

  test('unlocks, filters and copies the code to the system clipboard, then hides', async () => {
    const id = await createVault(cairn, '2FA keys', 'correct horse')
    await addOtpKey(cairn, id, `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`, {
      issuer: 'Example',
      account: 'alice',
    })
    await cairn.main.evaluate(() => window.cairn.vaults.lockAll())
    await clickMenuItem(cairn.app, 'open-picker')
    const picker = await windowShowing(cairn.app, 'picker.html')
    const password = picker.getByLabel('Master password of 2FA keys')
    await password.fill('correct horse')
    await password.press('Enter')
    const filter = picker.getByRole('combobox', { name: 'Filter 2FA keys' })
    await filter.fill('exam')
    const before = Date.now()
    await filter.press('Enter')
    await expect(picker.getByRole('status')).toContainText('Copied')
    const after = Date.now()
    expect([expectedCode(before), expectedCode(after)]).toContain(await clipboardText(cairn))
    await expect
      .poll(async () => (await windowState(cairn.app, 'picker.html'))?.visible)
      .toBe(false)
  })
})
