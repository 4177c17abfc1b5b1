// The shell's own preferences (hotkey, lock triggers) in shell-settings.json next to the app's
// settings. Nothing secret lives here. A damaged or foreign file falls back to the defaults
// instead of stopping the app; writes go through a temporary file and a rename.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CairnError } from '../core/errors.ts'
import type { ShellSettings } from '../../src-shared/shell-contract.ts'
import { DEFAULT_COPY_CODE_HOTKEY } from './adapters/global-hotkey.ts'

export const DEFAULT_SHELL_SETTINGS: ShellSettings = {
  copyCodeHotkey: DEFAULT_COPY_CODE_HOTKEY,
  lockOnSuspend: true,
  lockOnScreenLock: true,
}

/** Validates a partial update from the renderer; unknown keys are refused, not ignored. */
export function validateShellPatch(input: unknown): Partial<ShellSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new CairnError('INVALID_ARGUMENT', 'patch: expected an object')
  }
  const out: Partial<ShellSettings> = {}
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'copyCodeHotkey':
        if (typeof value !== 'string' || value.length > 100) {
          throw new CairnError('INVALID_ARGUMENT', 'patch.copyCodeHotkey: expected a shortcut')
        }
        out.copyCodeHotkey = value
        break
      case 'lockOnSuspend':
      case 'lockOnScreenLock':
        if (typeof value !== 'boolean') {
          throw new CairnError('INVALID_ARGUMENT', `patch.${key}: expected true or false`)
        }
        out[key] = value
        break
      default:
        throw new CairnError('INVALID_ARGUMENT', `patch.${key}: not a shell setting`)
    }
  }
  return out
}

export class ShellSettingsStore {
  readonly #path: string
  #settings: ShellSettings

  constructor(path: string) {
    this.#path = path
    this.#settings = this.#load()
  }

  get(): ShellSettings {
    return { ...this.#settings }
  }

  update(patch: Partial<ShellSettings>): ShellSettings {
    this.#settings = { ...this.#settings, ...patch }
    mkdirSync(dirname(this.#path), { recursive: true })
    const tmp = `${this.#path}.tmp`
    writeFileSync(tmp, JSON.stringify(this.#settings, null, 2) + '\n', { mode: 0o600 })
    renameSync(tmp, this.#path)
    return this.get()
  }

  #load(): ShellSettings {
    let raw: string
    try {
      raw = readFileSync(this.#path, 'utf8')
    } catch {
      return { ...DEFAULT_SHELL_SETTINGS }
    }
    try {
      const saved = validateShellPatch(JSON.parse(raw))
      return { ...DEFAULT_SHELL_SETTINGS, ...saved }
    } catch {
      return { ...DEFAULT_SHELL_SETTINGS }
    }
  }
}
