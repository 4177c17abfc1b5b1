// The global copy-code shortcut in the running app: registered at start, pressed for real on X11
// (xdotool under Xvfb), refused with a visible status when taken or malformed, changeable.
import { execFileSync, spawnSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { DEFAULT_COPY_CODE_HOTKEY } from '../../src-main/services/settings-store.ts'
import {
  electron,
  launchCairn,
  windowShowing,
  windowState,
  type LaunchedCairn,
} from './support/electron-app.ts'

const xdotool =
  process.platform === 'linux' &&
  process.env['XDG_SESSION_TYPE'] !== 'wayland' &&
  spawnSync('xdotool', ['version']).status === 0
const noXdotool = 'pressing a global shortcut needs X11 and xdotool (apt-get install xdotool)'
if (electron.reason === null && !xdotool)
  console.log(`[hotkey] key-press test skipped: ${noXdotool}`)

type HotkeyStatus = { accelerator: string; registered: boolean; error: string | null }

async function hotkeyStatus(cairn: LaunchedCairn): Promise<HotkeyStatus> {
  const result = await cairn.main.evaluate(() => window.cairn.shell.hotkeyStatus())
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

test.describe('global copy-code shortcut', () => {
  test.skip(electron.reason !== null, electron.reason ?? '')
  let cairn: LaunchedCairn

  test.beforeEach(async () => {
    cairn = await launchCairn()
  })
  test.afterEach(async () => {
    await cairn?.app.close()
  })

  test('is registered at start with the default accelerator', async () => {
    expect(await hotkeyStatus(cairn)).toMatchObject({
      accelerator: DEFAULT_COPY_CODE_HOTKEY,
      registered: true,
      error: null,
    })
    const registered = await cairn.app.evaluate(
      ({ globalShortcut }, acc) => globalShortcut.isRegistered(acc),
      DEFAULT_COPY_CODE_HOTKEY,
    )
    expect(registered).toBe(true)
  })

  test('pressing it opens the always-on-top picker, pressing again hides it', async () => {
    test.skip(!xdotool, noXdotool)
    execFileSync('xdotool', ['key', 'ctrl+alt+o'])
    const picker = await windowShowing(cairn.app, 'picker.html')
    await expect
      .poll(() => windowState(cairn.app, 'picker.html'))
      .toEqual({ visible: true, alwaysOnTop: true })
    await expect(picker.getByRole('main', { name: 'Copy a 2FA code' })).toBeVisible()
    execFileSync('xdotool', ['key', 'ctrl+alt+o'])
    await expect
      .poll(async () => (await windowState(cairn.app, 'picker.html'))?.visible)
      .toBe(false)
  })

  test('can be changed; the old accelerator is released', async () => {
    const result = await cairn.main.evaluate(() =>
      window.cairn.settings.update({ copyCodeHotkey: 'Ctrl+Shift+Y' }),
    )
    expect(result).toMatchObject({ ok: true, value: { copyCodeHotkey: 'Ctrl+Shift+Y' } })
    const registered = await cairn.app.evaluate(
      ({ globalShortcut }, old) => [
        globalShortcut.isRegistered('Ctrl+Shift+Y'),
        globalShortcut.isRegistered(old),
      ],
      DEFAULT_COPY_CODE_HOTKEY,
    )
    expect(registered).toEqual([true, false])
  })

  test('a malformed saved shortcut is reported, not swallowed', async () => {
    await cairn.app.close()
    cairn = await launchCairn({ settings: { copyCodeHotkey: 'Hyper+O' } })
    const status = await hotkeyStatus(cairn)
    expect(status.registered).toBe(false)
    expect(status.error).toContain('not a modifier')
  })

  test('a shortcut another application holds is reported, and refused as a change', async () => {
    test.skip(process.platform !== 'linux', 'X11 key grabs are exclusive; other systems differ')
    // A second Cairn with its own profile holds Ctrl+Shift+K first.
    const other = await launchCairn({ settings: { copyCodeHotkey: 'Ctrl+Shift+K' } })
    try {
      expect(await hotkeyStatus(other)).toMatchObject({ registered: true })
      const change = await cairn.main.evaluate(() =>
        window.cairn.settings.update({ copyCodeHotkey: 'Ctrl+Shift+K' }),
      )
      expect(change).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await hotkeyStatus(cairn)).toMatchObject({
        accelerator: DEFAULT_COPY_CODE_HOTKEY,
        registered: true,
      })
    } finally {
      await other.app.close()
    }
  })
})
