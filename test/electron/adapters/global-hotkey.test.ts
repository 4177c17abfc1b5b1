import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  HotkeyRegistration,
  parseAccelerator,
  waylandHint,
  type GlobalShortcutLike,
} from '../../../src-main/electron/adapters/global-hotkey.ts'

/**
 * Stands in for Electron's globalShortcut on a desktop where some combinations already belong to
 * other applications (register() then returns false, as the OS makes it).
 */
class FakeGlobalShortcut implements GlobalShortcutLike {
  readonly registered = new Map<string, () => void>()
  readonly takenByOthers = new Set<string>()
  throwOn = new Set<string>()
  register(accelerator: string, callback: () => void): boolean {
    if (this.throwOn.has(accelerator)) throw new TypeError(`conversion failure from ${accelerator}`)
    if (this.takenByOthers.has(accelerator) || this.registered.has(accelerator)) return false
    this.registered.set(accelerator, callback)
    return true
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator)
  }
  press(accelerator: string): boolean {
    const cb = this.registered.get(accelerator)
    cb?.()
    return cb !== undefined
  }
}

const linuxX11 = { platform: 'linux' as const, sessionType: 'x11', desktopFileId: 'io.cairn.Cairn' }

function setup(env = linuxX11) {
  const shortcuts = new FakeGlobalShortcut()
  let presses = 0
  const hotkey = new HotkeyRegistration(shortcuts, () => presses++, env)
  return { shortcuts, hotkey, presses: () => presses }
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  return null
}

describe('accelerator parsing', () => {
  it.each([
    ['CommandOrControl+Alt+O', 'CommandOrControl+Alt+O'],
    [' Ctrl + Shift + F5 ', 'Ctrl+Shift+F5'],
    ['Super+Space', 'Super+Space'],
    ['Alt+Plus', 'Alt+Plus'],
    ['CmdOrCtrl+num7', 'CmdOrCtrl+num7'],
    ['F13', 'F13'],
    ['Ctrl+/', 'Ctrl+/'],
  ])('accepts %j', (input, tidy) => {
    expect(parseAccelerator(input)).toBe(tidy)
  })

  it.each([
    ['', 'empty'],
    ['O', 'modifier'],
    ['F5', 'modifier'],
    ['Ctrl+', 'Plus'],
    ['Ctrl++', 'Plus'],
    ['Ctrl+Alt', 'not a key'],
    ['Hyper+O', 'not a modifier'],
    ['Ctrl+Ctrl+O', 'twice'],
    ['Ctrl+F25', 'not a key'],
    ['Ctrl+Ö', 'not a key'],
  ])('refuses %j with INVALID_ARGUMENT', (input, why) => {
    const error = errorOf(() => parseAccelerator(input))
    expect(isCairnError(error, 'INVALID_ARGUMENT')).toBe(true)
    expect((error as Error).message).toContain(why)
  })
})

describe('hotkey registration', () => {
  it('registers at startup and calls back when pressed', () => {
    const { shortcuts, hotkey, presses } = setup()
    expect(hotkey.start('CommandOrControl+Alt+O')).toEqual({
      accelerator: 'CommandOrControl+Alt+O',
      registered: true,
      error: null,
      hint: null,
    })
    expect(shortcuts.press('CommandOrControl+Alt+O')).toBe(true)
    expect(presses()).toBe(1)
  })

  it('reports, not swallows, a shortcut another application owns', () => {
    const { shortcuts, hotkey } = setup()
    shortcuts.takenByOthers.add('CommandOrControl+Alt+O')
    const status = hotkey.start('CommandOrControl+Alt+O')
    expect(status.registered).toBe(false)
    expect(status.error).toMatch(/another application or the system already uses it/)
    expect(hotkey.status).toEqual(status)
  })

  it('reports a malformed saved shortcut and one the system throws on', () => {
    const { shortcuts, hotkey } = setup()
    expect(hotkey.start('Hyper+O').error).toMatch(/not a modifier/)
    shortcuts.throwOn.add('Ctrl+Alt+K')
    expect(hotkey.start('Ctrl+Alt+K').error).toMatch(/system refused it/)
  })

  it('no shortcut configured means nothing registered and no error', () => {
    const { shortcuts, hotkey } = setup()
    expect(hotkey.start('')).toMatchObject({ registered: false, error: null })
    expect(shortcuts.registered.size).toBe(0)
  })

  it('changes to a free shortcut and releases the old one', () => {
    const { shortcuts, hotkey } = setup()
    hotkey.start('Ctrl+Alt+O')
    expect(hotkey.change('Ctrl+Shift+Y')).toMatchObject({
      accelerator: 'Ctrl+Shift+Y',
      registered: true,
    })
    expect([...shortcuts.registered.keys()]).toEqual(['Ctrl+Shift+Y'])
  })

  it('refuses a taken shortcut with CONFLICT and keeps the old one working', () => {
    const { shortcuts, hotkey, presses } = setup()
    hotkey.start('Ctrl+Alt+O')
    shortcuts.takenByOthers.add('Ctrl+Shift+Y')
    const error = errorOf(() => hotkey.change('Ctrl+Shift+Y'))
    expect(isCairnError(error, 'CONFLICT')).toBe(true)
    expect(hotkey.status).toMatchObject({ accelerator: 'Ctrl+Alt+O', registered: true })
    expect(shortcuts.press('Ctrl+Alt+O')).toBe(true)
    expect(presses()).toBe(1)
  })

  it('refuses a malformed change without touching the current shortcut', () => {
    const { shortcuts, hotkey } = setup()
    hotkey.start('Ctrl+Alt+O')
    expect(
      isCairnError(
        errorOf(() => hotkey.change('Ctrl+')),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true)
    expect([...shortcuts.registered.keys()]).toEqual(['Ctrl+Alt+O'])
  })

  it('can be cleared and stopped', () => {
    const { shortcuts, hotkey } = setup()
    hotkey.start('Ctrl+Alt+O')
    expect(hotkey.change('')).toMatchObject({ accelerator: '', registered: false })
    expect(shortcuts.registered.size).toBe(0)
    hotkey.start('Ctrl+Alt+O')
    hotkey.stop()
    expect(shortcuts.registered.size).toBe(0)
    expect(hotkey.status.registered).toBe(false)
  })
})

describe('Wayland hint', () => {
  it('explains the portal and names the desktop file on Wayland only', () => {
    const wayland = {
      platform: 'linux' as const,
      sessionType: 'wayland',
      desktopFileId: 'io.cairn.Cairn',
    }
    expect(waylandHint(wayland)).toContain('io.cairn.Cairn.desktop')
    expect(waylandHint(wayland)).toContain('GlobalShortcuts portal')
    expect(waylandHint(linuxX11)).toBeNull()
    expect(waylandHint({ ...wayland, platform: 'darwin' })).toBeNull()
    const { hotkey } = setup(wayland)
    expect(hotkey.start('Ctrl+Alt+O').hint).toContain('portal')
  })
})
