// The shell groups' handler table: same shape as the vault API's (channel → function of the raw
// argument list → ApiResult envelope), so one registration serves both. Arguments are checked
// here because they come from a renderer; error messages never quote them.
import type { SessionId } from '../../src-shared/ids.ts'
import { CairnError } from '../core/errors.ts'
import {
  SHELL_API,
  type HotkeyStatus,
  type ShellApiError,
  type ShellResult,
  type ShellScanOutcome,
  type ShellSettings,
} from '../../src-shared/shell-contract.ts'
import type { RawHandler } from './security/ipc-registration.ts'
import type { PickerService } from '../services/picker-service.ts'
import { validateShellPatch } from './shell-settings.ts'

export interface ShellHandlerDeps {
  picker: PickerService
  hidePicker(): void
  scanScreen(): Promise<ShellScanOutcome>
  scanClipboardImage(): Promise<ShellScanOutcome>
  scanImageFile(): Promise<ShellScanOutcome | null>
  hotkey: { readonly status: HotkeyStatus; change(accelerator: string): HotkeyStatus }
  settings: { get(): ShellSettings; update(patch: Partial<ShellSettings>): ShellSettings }
  lockAll(): Promise<void>
  /** Unexpected failures, logged by name only. */
  log?(line: string): void
}

function id(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new CairnError('INVALID_ARGUMENT', `${path}: expected an id`)
  }
  return value
}

function password(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) {
    throw new CairnError('INVALID_ARGUMENT', `${path}: expected a password`)
  }
  return value
}

function noArgs(args: unknown[], path: string): void {
  if (args.length !== 0) throw new CairnError('INVALID_ARGUMENT', `${path}: expected no arguments`)
}

function toShellError(error: unknown, log: (line: string) => void): ShellApiError {
  if (error instanceof CairnError) return { code: error.code, message: error.message }
  log(`shell: unexpected ${error instanceof Error ? error.name : typeof error}`)
  return { code: 'INTERNAL', message: 'Something went wrong inside Cairn. Nothing was changed.' }
}

export function createShellHandlers(deps: ShellHandlerDeps): Record<string, RawHandler> {
  const log = deps.log ?? ((line: string) => console.error(line))
  const table: Record<string, RawHandler> = {}
  const add = (channel: string, fn: (args: unknown[]) => unknown) => {
    table[channel] = async (raw): Promise<ShellResult<unknown>> => {
      try {
        if (!Array.isArray(raw))
          throw new CairnError('INVALID_ARGUMENT', 'arguments: expected a list')
        return { ok: true, value: await fn(raw) }
      } catch (error) {
        return { ok: false, error: toShellError(error, log) }
      }
    }
  }
  const { picker, shell } = SHELL_API

  add(picker.state, (a) => (noArgs(a, 'picker.state'), deps.picker.state()))
  add(picker.unlock, (a) => {
    if (a.length !== 2)
      throw new CairnError('INVALID_ARGUMENT', 'picker.unlock: expected 2 arguments')
    return deps.picker.unlock(id(a[0], 'vaultId') as SessionId, password(a[1], 'password'))
  })
  add(picker.copy, (a) => {
    if (a.length !== 2)
      throw new CairnError('INVALID_ARGUMENT', 'picker.copy: expected 2 arguments')
    return deps.picker.copy(id(a[0], 'vaultId') as SessionId, id(a[1], 'itemId'))
  })
  add(picker.close, (a) => {
    noArgs(a, 'picker.close')
    deps.hidePicker()
  })
  add(shell.scanScreen, (a) => (noArgs(a, 'shell.scanScreen'), deps.scanScreen()))
  add(
    shell.scanClipboardImage,
    (a) => (noArgs(a, 'shell.scanClipboardImage'), deps.scanClipboardImage()),
  )
  add(shell.scanImageFile, (a) => (noArgs(a, 'shell.scanImageFile'), deps.scanImageFile()))
  add(shell.hotkeyStatus, (a) => (noArgs(a, 'shell.hotkeyStatus'), deps.hotkey.status))
  add(shell.settings, (a) => (noArgs(a, 'shell.settings'), deps.settings.get()))
  add(shell.updateSettings, (a) => {
    if (a.length !== 1)
      throw new CairnError('INVALID_ARGUMENT', 'shell.updateSettings: expected 1 argument')
    const patch = validateShellPatch(a[0])
    if (patch.copyCodeHotkey !== undefined) {
      // Refused (CONFLICT / INVALID_ARGUMENT) before anything is saved; the old shortcut stays.
      patch.copyCodeHotkey = deps.hotkey.change(patch.copyCodeHotkey).accelerator
    }
    return deps.settings.update(patch)
  })
  add(shell.lockAll, (a) => (noArgs(a, 'shell.lockAll'), deps.lockAll()))
  return table
}
