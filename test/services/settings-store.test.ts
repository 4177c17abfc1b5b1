import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  MAX_RECENT,
  SettingsStore,
} from '../../src-main/services/settings-store.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-settings-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('SettingsStore', () => {
  it('starts with defaults and persists updates and recent files across restarts', () => {
    const file = join(dir, 'settings.json')
    const store = new SettingsStore(file)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.get().clipboardClearSeconds).toBe(30)
    store.update({ clipboardClearSeconds: 5 })
    store.touchRecent('/v/a.cairn', 'Passwords', 100)
    store.touchRecent('/v/b.cairn', '2FA keys', 200)
    store.touchRecent('/v/a.cairn', 'Passwords', 300)

    const again = new SettingsStore(file)
    expect(again.get().clipboardClearSeconds).toBe(5)
    expect(again.recent().map((r) => r.path)).toEqual(['/v/a.cairn', '/v/b.cairn'])
    again.forgetRecent('/v/b.cairn')
    expect(new SettingsStore(file).recent()).toEqual([
      { path: '/v/a.cairn', name: 'Passwords', lastOpenedAt: 300 },
    ])
  })

  it('keeps only the most recent files', () => {
    const store = new SettingsStore(join(dir, 'settings.json'))
    for (let i = 0; i < MAX_RECENT + 5; i++) store.touchRecent(`/v/${i}.cairn`, `V${i}`, i)
    expect(store.recent()).toHaveLength(MAX_RECENT)
    expect(store.recent()[0]?.path).toBe(`/v/${MAX_RECENT + 4}.cairn`)
  })

  it('rejects out-of-range settings and tells listeners about accepted ones', () => {
    const store = new SettingsStore(join(dir, 'settings.json'))
    const seen: number[] = []
    store.onChange((s) => seen.push(s.autoLockMinutes))
    expect(() => store.update({ clipboardClearSeconds: -1 })).toThrow('clipboardClearSeconds')
    expect(() => store.update({ autoLockMinutes: 1.5 })).toThrow('autoLockMinutes')
    store.update({ autoLockMinutes: 3 })
    expect(seen).toEqual([3])
  })

  it('falls back to defaults for a damaged file and replaces it on the next save', () => {
    const file = join(dir, 'settings.json')
    writeFileSync(file, '{"version":1,"settings":{"clipboardClearSeconds":"x"}')
    const store = new SettingsStore(file)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    store.update({ autoLockMinutes: 0 })
    expect(JSON.parse(readFileSync(file, 'utf8')).settings.autoLockMinutes).toBe(0)
  })

  it('keeps a shortcut and lock triggers saved in the older shell-settings.json, once', () => {
    const file = join(dir, 'settings.json')
    const old = join(dir, 'shell-settings.json')
    writeFileSync(
      old,
      JSON.stringify({
        copyCodeHotkey: 'Alt+Shift+K',
        lockOnSuspend: false,
        lockOnScreenLock: true,
      }),
    )
    const store = new SettingsStore(file)
    expect(store.get().copyCodeHotkey).toBe('Alt+Shift+K')
    expect(store.get().lockOnSuspend).toBe(false)
    expect(existsSync(old)).toBe(false)
    expect(new SettingsStore(file).get().copyCodeHotkey).toBe('Alt+Shift+K')
  })

  it('drops an unreadable shell-settings.json and starts from the defaults', () => {
    const file = join(dir, 'settings.json')
    const old = join(dir, 'shell-settings.json')
    writeFileSync(old, JSON.stringify({ copyCodeHotkey: 42 }))
    const store = new SettingsStore(file)
    expect(store.get().copyCodeHotkey).toBe(DEFAULT_SETTINGS.copyCodeHotkey)
    expect(existsSync(old)).toBe(false)
  })
})
