import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../src-main/core/errors.ts'
import {
  DEFAULT_SHELL_SETTINGS,
  ShellSettingsStore,
  validateShellPatch,
} from '../../src-main/electron/shell-settings.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-shell-settings-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('shell settings store', () => {
  it('starts from the defaults and keeps updates across restarts', () => {
    const path = join(dir, 'sub', 'shell-settings.json')
    const store = new ShellSettingsStore(path)
    expect(store.get()).toEqual(DEFAULT_SHELL_SETTINGS)
    store.update({ copyCodeHotkey: 'Ctrl+Shift+Y', lockOnSuspend: false })
    const again = new ShellSettingsStore(path)
    expect(again.get()).toEqual({
      ...DEFAULT_SHELL_SETTINGS,
      copyCodeHotkey: 'Ctrl+Shift+Y',
      lockOnSuspend: false,
    })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(again.get())
  })

  it('falls back to the defaults for a damaged or foreign file', () => {
    for (const content of ['{not json', '[1,2]', '{"lockOnSuspend":"yes"}', '{"x":1}']) {
      const path = join(dir, 'bad.json')
      writeFileSync(path, content)
      expect(new ShellSettingsStore(path).get()).toEqual(DEFAULT_SHELL_SETTINGS)
    }
  })

  it.each([null, [], 'x', { copyCodeHotkey: 5 }, { lockOnScreenLock: 1 }, { extra: true }])(
    'refuses the patch %j',
    (patch) => {
      let error: unknown
      try {
        validateShellPatch(patch)
      } catch (e) {
        error = e
      }
      expect(isCairnError(error, 'INVALID_ARGUMENT')).toBe(true)
    },
  )
})
