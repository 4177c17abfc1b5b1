// The desktop calls of the one API (picker, scanning, hotkey, lock-all), through the same handler
// table, argument schemas and settings store as every other call, with a stand-in for Electron's
// globalShortcut and a capture the system refused.
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { HotkeyRegistration } from '../../src-main/electron/adapters/global-hotkey.ts'
import { ScanService } from '../../src-main/services/scan-service.ts'
import { SettingsStore } from '../../src-main/services/settings-store.ts'
import { API } from '../../src-shared/ipc-contract.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

/** Stands in for Electron's globalShortcut; Ctrl+Alt+X belongs to another application. */
const globalShortcut = {
  taken: new Set(['Ctrl+Alt+X']),
  registered: new Set<string>(),
  register(a: string) {
    if (this.taken.has(a)) return false
    this.registered.add(a)
    return true
  },
  unregister(a: string) {
    this.registered.delete(a)
  },
}

let h: Harness | undefined
afterEach(() => {
  h?.cleanup()
  globalShortcut.registered.clear()
})

function setup() {
  let hidden = 0
  let locked = 0
  const hotkey = new HotkeyRegistration(globalShortcut, () => {}, {
    platform: 'linux',
    desktopFileId: 'io.cairn.Cairn',
  })
  const scans = new ScanService({
    scanner: {
      scanForKeys: async () => {
        throw new Error('no image expected')
      },
    },
    // A capture the system refused: nothing reaches the scanner.
    captureScreens: async () => ({ images: [], advice: 'refused' }),
    readClipboardImage: async () => null,
    chooseImageFile: async () => null,
  })
  h = servicesInTempDir({}, (services) => {
    hotkey.start(services.settings.get().copyCodeHotkey)
    return {
      hidePicker: () => void hidden++,
      scans,
      hotkey,
      lockAll: async () => {
        locked++
      },
    }
  })
  const harness = h
  const call = (channel: string, ...args: unknown[]) => {
    const handler = harness.handlers[channel]
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler(args)
  }
  return { h: harness, call, hotkey, hidden: () => hidden, locked: () => locked }
}

describe('desktop calls', () => {
  it('wraps results and CairnErrors in envelopes', async () => {
    const { h, call } = setup()
    const vault = await h.services.sessions.create(h.path('Keys.cairn'), 'Keys', 'right')
    h.services.sessions.lock(vault.id)
    expect(await call(API.picker.state)).toEqual({
      ok: true,
      value: { vaults: [{ vaultId: vault.id, name: 'Keys', unlocked: false }], keys: [] },
    })
    expect(await call(API.picker.unlock, vault.id, 'wrong')).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    })
  })

  it.each([
    [API.picker.unlock, ['v1']],
    [API.picker.unlock, ['v1', '']],
    [API.picker.unlock, [{ toString: () => 'v1' }, 'right']],
    [API.picker.copy, ['v1', 42]],
    [API.picker.state, ['extra']],
    [API.settings.update, [{ lockOnSuspend: 'no' }]],
    [API.settings.update, [{ copyCodeHotkey: 5 }]],
    [API.settings.update, []],
  ])('refuses malformed arguments to %s before calling anything', async (channel, args) => {
    const { h, call } = setup()
    const file = h.services.settings.path
    const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : null)
    const before = read()
    const result = await call(channel, ...args)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(JSON.stringify(result)).not.toContain('right')
    expect(read()).toBe(before)
  })

  it('refuses an argument list that is not a list', async () => {
    const { h } = setup()
    expect(await h.handlers[API.picker.state]?.('x')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })

  it('changes the hotkey and saves it; a taken one is refused and nothing is saved', async () => {
    const { h, call, hotkey } = setup()
    const settings = h.services.settings
    expect(await call(API.settings.update, { copyCodeHotkey: ' Ctrl + Shift + Y ' })).toMatchObject(
      {
        ok: true,
        value: { copyCodeHotkey: 'Ctrl+Shift+Y' },
      },
    )
    expect(globalShortcut.registered).toEqual(new Set(['Ctrl+Shift+Y']))
    const refused = await call(API.settings.update, {
      copyCodeHotkey: 'Ctrl+Alt+X',
      lockOnSuspend: false,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(settings.get()).toMatchObject({ copyCodeHotkey: 'Ctrl+Shift+Y', lockOnSuspend: true })
    expect(hotkey.status).toMatchObject({ accelerator: 'Ctrl+Shift+Y', registered: true })
    expect(await call(API.shell.hotkeyStatus)).toMatchObject({
      ok: true,
      value: { accelerator: 'Ctrl+Shift+Y', registered: true },
    })
    // Stored with the other settings, and read back at the next start.
    expect(new SettingsStore(settings.path).get()).toMatchObject({
      copyCodeHotkey: 'Ctrl+Shift+Y',
      lockOnSuspend: true,
    })
  })

  it('passes a refused capture on with its advice, and a cancelled file dialog as null', async () => {
    const { call } = setup()
    expect(await call(API.shell.scanScreen)).toEqual({
      ok: true,
      value: {
        source: 'screen',
        keys: [],
        notOtp: [],
        missing: null,
        imagesScanned: 0,
        advice: 'refused',
      },
    })
    expect(await call(API.shell.scanImageFile)).toEqual({ ok: true, value: null })
    expect(await call(API.shell.scanClipboardImage)).toMatchObject({
      ok: true,
      value: { source: 'clipboard', imagesScanned: 0 },
    })
  })

  it('closes the picker and locks everything on request', async () => {
    const { call, hidden, locked } = setup()
    expect(await call(API.picker.close)).toEqual({ ok: true, value: undefined })
    expect(await call(API.shell.lockAll)).toEqual({ ok: true, value: undefined })
    expect([hidden(), locked()]).toEqual([1, 1])
  })
})
