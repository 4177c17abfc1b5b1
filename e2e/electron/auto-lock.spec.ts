// Auto-lock in the running app: Electron's real powerMonitor emits suspend / lock-screen (the
// events the OS would deliver), main locks and every window hears 'locked'.
import { expect, test } from '@playwright/test'
import {
  clipboardText,
  createVault,
  electron,
  launchCairn,
  recordShellEvents,
  shellEvents,
  type LaunchedCairn,
} from './support/electron-app.ts'

test.describe('auto-lock', () => {
  test.skip(electron.reason !== null, electron.reason ?? '')
  let cairn: LaunchedCairn

  test.afterEach(async () => {
    await cairn?.app.close()
  })

  test('locks on suspend and on screen lock, and tells the windows', async () => {
    cairn = await launchCairn()
    await createVault(cairn, 'Keys', 'correct horse')
    // A secret Cairn copied: the lock must take it off the clipboard.
    const copied = await cairn.main.evaluate(() => window.cairn.clipboard.copyText('hunter2'))
    expect(copied.ok).toBe(true)
    expect(await clipboardText(cairn)).toBe('hunter2')
    await recordShellEvents(cairn.main)
    await cairn.app.evaluate(({ powerMonitor }) => {
      powerMonitor.emit('suspend')
    })
    await expect
      .poll(() => shellEvents(cairn.main))
      .toEqual([{ type: 'locked', reason: 'suspend' }])
    await cairn.app.evaluate(({ powerMonitor }) => {
      powerMonitor.emit('lock-screen')
    })
    await expect
      .poll(() => shellEvents(cairn.main))
      .toEqual([
        { type: 'locked', reason: 'suspend' },
        { type: 'locked', reason: 'screen-lock' },
      ])
  })

  test('honours the settings that turn those triggers off', async () => {
    cairn = await launchCairn({ shellSettings: { lockOnSuspend: false, lockOnScreenLock: false } })
    await recordShellEvents(cairn.main)
    await cairn.app.evaluate(({ powerMonitor }) => {
      powerMonitor.emit('suspend')
      powerMonitor.emit('lock-screen')
    })
    // Events reach the window in order: once the lock command's event has arrived, a lock from
    // either trigger would have arrived before it.
    const result = await cairn.main.evaluate(() => window.cairnShell!.shell.lockAll())
    expect(result).toEqual({ ok: true })
    await expect.poll(() => shellEvents(cairn.main)).toEqual([{ type: 'locked', reason: 'user' }])
  })

  test('the lock command locks and tells the windows', async () => {
    cairn = await launchCairn()
    await recordShellEvents(cairn.main)
    const result = await cairn.main.evaluate(() => window.cairnShell!.shell.lockAll())
    expect(result).toEqual({ ok: true })
    await expect.poll(() => shellEvents(cairn.main)).toEqual([{ type: 'locked', reason: 'user' }])
  })

  test('locks after the configured idle time without input', async () => {
    test.slow()
    // One minute is the shortest setting; Xvfb sees no input at all, so idle time only grows.
    cairn = await launchCairn()
    const set = await cairn.main.evaluate(() =>
      window.cairn.settings.update({ autoLockMinutes: 1 }),
    )
    expect(set.ok).toBe(true)
    await recordShellEvents(cairn.main)
    const idle = await cairn.app.evaluate(({ powerMonitor }) => powerMonitor.getSystemIdleTime())
    test.skip(idle < 0, 'the system reports no idle time')
    await expect
      .poll(() => shellEvents(cairn.main), { timeout: 90_000, intervals: [5_000] })
      .toContainEqual({ type: 'locked', reason: 'idle' })
  })
})
