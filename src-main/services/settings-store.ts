// App settings and the recent-files list, in one small JSON file next to (never inside) the
// vaults. It holds no secrets: paths, vault names and preferences only.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { AppSettings } from '../../src-shared/ipc-contract.ts'
import { DEFAULT_CLIPBOARD_CLEAR_SECONDS } from './clipboard-guard.ts'
import * as v from './validate.ts'

export interface RecentEntry {
  path: string
  name: string
  lastOpenedAt: number
}

/** Ctrl+Alt+O (Cmd+Alt+O on macOS) opens the copy-code picker. */
export const DEFAULT_COPY_CODE_HOTKEY = 'CommandOrControl+Alt+O'

export const DEFAULT_SETTINGS: AppSettings = {
  clipboardClearSeconds: DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  autoLockMinutes: 10,
  copyCodeHotkey: DEFAULT_COPY_CODE_HOTKEY,
  lockOnSuspend: true,
  lockOnScreenLock: true,
  answerCommandLine: false,
}

export const MAX_RECENT = 10

/** Where earlier builds kept the shell's preferences, beside the settings file. */
const SHELL_SETTINGS_FILE = 'shell-settings.json'
const SHELL_SETTING_KEYS = ['copyCodeHotkey', 'lockOnSuspend', 'lockOnScreenLock'] as const

/** The one check of a settings change, from the renderer or from the settings file. */
export const settingsPatch = v.object({
  clipboardClearSeconds: v.optional(v.integer({ min: 0, max: 3600 })),
  autoLockMinutes: v.optional(v.integer({ min: 0, max: 24 * 60 })),
  copyCodeHotkey: v.optional(v.string({ max: 100 })),
  lockOnSuspend: v.optional(v.boolean),
  lockOnScreenLock: v.optional(v.boolean),
  answerCommandLine: v.optional(v.boolean),
})

const settingsFile = v.object({
  version: v.oneOf(1),
  settings: settingsPatch,
  recent: v.array(
    v.object({
      path: v.string({ min: 1, max: 4096 }),
      name: v.string({ max: 1000 }),
      lastOpenedAt: v.integer({ min: 0 }),
    }),
    { max: 100 },
  ),
})

export class SettingsStore {
  #path: string
  #settings: AppSettings
  #recent: RecentEntry[]
  #listeners = new Set<(settings: AppSettings) => void>()

  /** Reads `path` if it exists; a damaged file falls back to defaults (and is replaced on save). */
  constructor(path: string) {
    this.#path = path
    this.#settings = { ...DEFAULT_SETTINGS }
    this.#recent = []
    this.#read()
    this.#adoptShellSettings()
  }

  #read(): void {
    const path = this.#path
    if (!existsSync(path)) return
    try {
      const parsed = settingsFile(JSON.parse(readFileSync(path, 'utf8')), 'settings file')
      this.#settings = { ...DEFAULT_SETTINGS, ...parsed.settings }
      this.#recent = parsed.recent.slice(0, MAX_RECENT)
    } catch (error) {
      console.error(
        `Cairn: ignoring unreadable settings file ${path}:`,
        error instanceof Error ? error.message : error,
      )
    }
  }

  /**
   * The hotkey and lock triggers used to live in shell-settings.json beside this file: a person's
   * chosen shortcut must survive the move, so the old file is folded in once and then removed.
   */
  #adoptShellSettings(): void {
    const old = join(dirname(this.#path), SHELL_SETTINGS_FILE)
    if (!existsSync(old)) return
    try {
      const saved = JSON.parse(readFileSync(old, 'utf8')) as Record<string, unknown>
      const picked = Object.fromEntries(
        SHELL_SETTING_KEYS.filter((k) => k in saved).map((k) => [k, saved[k]]),
      )
      this.#settings = { ...this.#settings, ...settingsPatch(picked, 'shell settings file') }
      this.#save()
    } catch (error) {
      console.error(
        `Cairn: ignoring unreadable shell settings file ${old}:`,
        error instanceof Error ? error.name : error,
      )
    }
    rmSync(old, { force: true })
  }

  get path(): string {
    return this.#path
  }

  get(): AppSettings {
    return { ...this.#settings }
  }

  update(patch: Partial<AppSettings>): AppSettings {
    const checked = settingsPatch(patch, 'settings')
    this.#settings = { ...this.#settings, ...checked }
    this.#save()
    for (const listener of this.#listeners) listener(this.get())
    return this.get()
  }

  /** For services that follow a setting (the shell's auto-lock). Returns an unsubscribe. */
  onChange(listener: (settings: AppSettings) => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  recent(): RecentEntry[] {
    return this.#recent.map((entry) => ({ ...entry }))
  }

  touchRecent(path: string, name: string, now: number): void {
    this.#recent = [
      { path, name, lastOpenedAt: now },
      ...this.#recent.filter((e) => e.path !== path),
    ].slice(0, MAX_RECENT)
    this.#save()
  }

  forgetRecent(path: string): void {
    this.#recent = this.#recent.filter((e) => e.path !== path)
    this.#save()
  }

  #save(): void {
    mkdirSync(dirname(this.#path), { recursive: true })
    const tmp = `${this.#path}.tmp`
    const body = { version: 1, settings: this.#settings, recent: this.#recent }
    // Write-then-rename: a crash leaves either the old or the new file, never half of one.
    writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 })
    renameSync(tmp, this.#path)
  }
}
