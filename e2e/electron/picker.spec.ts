// The picker window in the running app: opened from the menu (as the hotkey does), small,
// always on top, showing the picker page; Esc hides it again.
import { expect, test } from '@playwright/test'
import {
  clickMenuItem,
  electron,
  launchCairn,
  windowShowing,
  windowState,
  type LaunchedCairn,
} from './support/electron-app.ts'

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
})
