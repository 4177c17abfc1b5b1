import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CairnError } from '../../src-main/core/errors.ts'
import { HotkeyRegistration } from '../../src-main/electron/adapters/global-hotkey.ts'
import { PickerService, type PickerPorts } from '../../src-main/services/picker-service.ts'
import { ScanService } from '../../src-main/services/scan-service.ts'
import { createShellHandlers } from '../../src-main/electron/shell-handlers.ts'
import { ShellSettingsStore } from '../../src-main/electron/shell-settings.ts'
import { SHELL_API, shellChannels } from '../../src-shared/shell-contract.ts'
import type { SessionId } from '../../src-shared/ids.ts'

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

let dir: string
let calls: string[]

/** Picker ports that only record what reaches them (the picker logic is tested on its own). */
const ports: PickerPorts = {
  listVaults: () => [{ id: 'v1' as SessionId, name: 'Keys', state: 'locked' }],
  listOtpItems: () => [],
  unlock: async (vaultId, password) => {
    calls.push(`unlock ${vaultId}`)
    if (password !== 'right') throw new CairnError('WRONG_PASSWORD', 'Wrong master password.')
  },
  codeToCopy: () => ({ which: 'hotp', code: '', counter: 0 }),
  copy: async () => ({ clearsAt: null }),
}

function setup() {
  const settings = new ShellSettingsStore(join(dir, 'shell-settings.json'))
  const hotkey = new HotkeyRegistration(globalShortcut, () => {}, {
    platform: 'linux',
    desktopFileId: 'io.cairn.Cairn',
  })
  hotkey.start(settings.get().copyCodeHotkey)
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
  let hidden = 0
  let locked = 0
  const log: string[] = []
  const table = createShellHandlers({
    picker: new PickerService(ports),
    hidePicker: () => void hidden++,
    scanScreen: () => scans.scanScreen(),
    scanClipboardImage: () => scans.scanClipboardImage(),
    scanImageFile: () => scans.scanImageFile(),
    hotkey,
    settings,
    lockAll: async () => {
      locked++
    },
    log: (l) => log.push(l),
  })
  const call = (channel: string, ...args: unknown[]) => {
    const handler = table[channel]
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler(args)
  }
  return { table, call, settings, hotkey, log, hidden: () => hidden, locked: () => locked }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-shell-handlers-'))
  calls = []
  globalShortcut.registered.clear()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('shell handler table', () => {
  it('answers every channel of the shell contract and nothing else', () => {
    const { table } = setup()
    expect(Object.keys(table).sort()).toEqual(
      shellChannels()
        .map((c) => c.channel)
        .sort(),
    )
  })

  it('wraps results and CairnErrors in envelopes', async () => {
    const { call } = setup()
    expect(await call(SHELL_API.picker.state)).toEqual({
      ok: true,
      value: { vaults: [{ vaultId: 'v1', name: 'Keys', unlocked: false }], keys: [] },
    })
    expect(await call(SHELL_API.picker.unlock, 'v1', 'wrong')).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'Wrong master password.' },
    })
  })

  it.each([
    [SHELL_API.picker.unlock, ['v1']],
    [SHELL_API.picker.unlock, ['v1', '']],
    [SHELL_API.picker.unlock, [{ toString: () => 'v1' }, 'right']],
    [SHELL_API.picker.copy, ['v1', 42]],
    [SHELL_API.picker.state, ['extra']],
    [SHELL_API.shell.updateSettings, [{ lockOnSuspend: 'no' }]],
    [SHELL_API.shell.updateSettings, []],
  ])('refuses malformed arguments to %s before calling anything', async (channel, args) => {
    const { call } = setup()
    const result = await call(channel, ...args)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(JSON.stringify(result)).not.toContain('right')
    expect(calls).toEqual([])
  })

  it('refuses an argument list that is not a list', async () => {
    const { table } = setup()
    expect(await table[SHELL_API.picker.state]?.('x')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })

  it('changes the hotkey and saves it; a taken one is refused and nothing is saved', async () => {
    const { call, settings, hotkey } = setup()
    expect(
      await call(SHELL_API.shell.updateSettings, { copyCodeHotkey: ' Ctrl + Shift + Y ' }),
    ).toMatchObject({
      ok: true,
      value: { copyCodeHotkey: 'Ctrl+Shift+Y' },
    })
    expect(globalShortcut.registered).toEqual(new Set(['Ctrl+Shift+Y']))
    const refused = await call(SHELL_API.shell.updateSettings, {
      copyCodeHotkey: 'Ctrl+Alt+X',
      lockOnSuspend: false,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(settings.get()).toMatchObject({ copyCodeHotkey: 'Ctrl+Shift+Y', lockOnSuspend: true })
    expect(hotkey.status).toMatchObject({ accelerator: 'Ctrl+Shift+Y', registered: true })
    expect(await call(SHELL_API.shell.hotkeyStatus)).toMatchObject({
      ok: true,
      value: { accelerator: 'Ctrl+Shift+Y', registered: true },
    })
  })

  it('passes a refused capture on with its advice, and a cancelled file dialog as null', async () => {
    const { call } = setup()
    expect(await call(SHELL_API.shell.scanScreen)).toEqual({
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
    expect(await call(SHELL_API.shell.scanImageFile)).toEqual({ ok: true, value: null })
    expect(await call(SHELL_API.shell.scanClipboardImage)).toMatchObject({
      ok: true,
      value: { source: 'clipboard', imagesScanned: 0 },
    })
  })

  it('closes the picker and locks everything on request', async () => {
    const { call, hidden, locked } = setup()
    expect(await call(SHELL_API.picker.close)).toEqual({ ok: true, value: undefined })
    expect(await call(SHELL_API.shell.lockAll)).toEqual({ ok: true, value: undefined })
    expect([hidden(), locked()]).toEqual([1, 1])
  })
})
