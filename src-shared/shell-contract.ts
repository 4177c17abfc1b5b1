// The desktop-shell groups of the API contract: the copy-code picker, QR import from the screen,
// the clipboard and image files, the global hotkey and the lock triggers. Declared in the same
// shape as the vault API (src-shared/ipc-contract.ts: channel name with its argument and result
// types, ApiResult envelopes) so the groups can join that API as they are.
//
// Until they do, preload exposes these groups as `window.cairnShell` (buildShellApi below).

import type { SessionId } from './ids.ts'

/** A channel name with the call's types attached (the brand exists only for the type checker). */
export type ShellChannel<Args extends unknown[], Result> = string & {
  readonly __call?: (...args: Args) => Result
}

function ch<Args extends unknown[], Result>(name: string): ShellChannel<Args, Result> {
  return name as ShellChannel<Args, Result>
}

export interface ShellApiError {
  code: string
  /** Written for a person; never contains a secret. */
  message: string
}

export type ShellResult<T> = { ok: true; value: T } | { ok: false; error: ShellApiError }

// ---------------------------------------------------------------------------------------------
// Picker

export interface PickerVault {
  vaultId: SessionId
  name: string
  unlocked: boolean
}

/** One 2FA key as the picker lists it: no secret, no code. */
export interface PickerKey {
  vaultId: SessionId
  vaultName: string
  itemId: string
  title: string
  issuer: string
  account: string
  kind: 'totp' | 'hotp'
}

export interface PickerState {
  vaults: PickerVault[]
  /** Keys of every unlocked vault, sorted by issuer, account, then vault. */
  keys: PickerKey[]
}

export interface PickerCopyResult {
  /** 'next' when the current TOTP code had fewer than five seconds left; 'hotp' for counters. */
  which: 'current' | 'next' | 'hotp'
  /** Unix ms until which the copied TOTP code is valid (main's clock); null for HOTP. */
  validUntil: number | null
  /** Unix ms when Cairn clears the clipboard if it still holds the code; null = never. */
  clearsAt: number | null
}

// ---------------------------------------------------------------------------------------------
// Scanning (same result shape as the vault API's otp.scanImage, plus what a capture adds)

export interface ShellOtpPreview {
  kind: 'totp' | 'hotp'
  algorithm: 'SHA1' | 'SHA256' | 'SHA512'
  digits: number
  period: number
  counter: number
  encoder: 'standard' | 'steam'
  issuer: string
  account: string
  /** The current code, to compare with the website before saving. */
  code: string
  /** TOTP only: when the shown code expires (Unix ms). */
  validUntil: number | null
}

export interface ShellScannedKey {
  /** The otpauth:// URI: the add-key confirmation saves it with items.create. */
  uri: string
  preview: ShellOtpPreview
}

export type ScanSource = 'screen' | 'clipboard' | 'file'

export interface ShellScanOutcome {
  source: ScanSource
  keys: ShellScannedKey[]
  /** QR codes that hold something other than a 2FA key, described for a person. */
  notOtp: string[]
  /** E.g. "parts 2 and 3 of 3 are missing" for a partial export. */
  missing: string | null
  /** Images searched: one per display for a screen scan. */
  imagesScanned: number
  /** Set when capture was refused or partial: what the user can do about it. */
  advice: string | null
}

// ---------------------------------------------------------------------------------------------
// Hotkey and lock settings

export interface HotkeyStatus {
  accelerator: string
  registered: boolean
  /** Why registration failed, in words for the user; null when registered. */
  error: string | null
  /** Platform advice (the Wayland portal); null when none applies. */
  hint: string | null
}

export interface ShellSettings {
  /** Electron accelerator of the global copy-code shortcut; '' = none. */
  copyCodeHotkey: string
  lockOnSuspend: boolean
  lockOnScreenLock: boolean
}

// ---------------------------------------------------------------------------------------------
// Events (main → renderer)

export type LockReason = 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit'

/**
 * KeePassXC's shortcuts, sent by the application menu to the focused window (on macOS the menu
 * takes these keys before the page sees them; elsewhere the page's own key handling acts).
 */
export type MenuCommand = 'copy-code' | 'copy-password' | 'copy-username' | 'search'

export type ShellEvent =
  /** Every vault was locked: drop every secret, code and item list the page holds. */
  | { type: 'locked'; reason: LockReason }
  | { type: 'menu-command'; command: MenuCommand }
  | { type: 'hotkey-status'; status: HotkeyStatus }
  /** The picker window was shown again: refresh and focus the filter. */
  | { type: 'picker-shown' }

export const SHELL_EVENT_CHANNEL = 'cairn:shell-event'

// ---------------------------------------------------------------------------------------------
// Calls

export const SHELL_API = {
  picker: {
    state: ch<[], PickerState>('cairn:picker:state'),
    unlock: ch<[vaultId: SessionId, password: string], PickerState>('cairn:picker:unlock'),
    copy: ch<[vaultId: SessionId, itemId: string], PickerCopyResult>('cairn:picker:copy'),
    close: ch<[], void>('cairn:picker:close'),
  },
  shell: {
    scanScreen: ch<[], ShellScanOutcome>('cairn:shell:scan-screen'),
    scanClipboardImage: ch<[], ShellScanOutcome>('cairn:shell:scan-clipboard-image'),
    /** Opens a file dialog; null when the user cancels it. */
    scanImageFile: ch<[], ShellScanOutcome | null>('cairn:shell:scan-image-file'),
    hotkeyStatus: ch<[], HotkeyStatus>('cairn:shell:hotkey-status'),
    settings: ch<[], ShellSettings>('cairn:shell:settings'),
    /** Applies and saves; a hotkey that cannot be registered is refused and the old one kept. */
    updateSettings: ch<[patch: Partial<ShellSettings>], ShellSettings>(
      'cairn:shell:update-settings',
    ),
    lockAll: ch<[], void>('cairn:shell:lock-all'),
  },
} as const

export type ShellApiSpec = typeof SHELL_API
type ArgsOf<C> = C extends ShellChannel<infer A, unknown> ? A : never
type ResultOf<C> = C extends ShellChannel<never, infer R> ? R : never

export type ShellCalls = {
  [Area in keyof ShellApiSpec]: {
    [Method in keyof ShellApiSpec[Area]]: (
      ...args: ArgsOf<ShellApiSpec[Area][Method]>
    ) => Promise<ShellResult<ResultOf<ShellApiSpec[Area][Method]>>>
  }
}

/** What the renderer sees as `window.cairnShell`. */
export type CairnShellApi = ShellCalls & {
  events: { subscribe(listener: (event: ShellEvent) => void): () => void }
}

export function shellChannels(): { area: string; method: string; channel: string }[] {
  const out: { area: string; method: string; channel: string }[] = []
  for (const [area, methods] of Object.entries(SHELL_API)) {
    for (const [method, channel] of Object.entries(methods as Record<string, string>)) {
      out.push({ area, method, channel })
    }
  }
  return out
}

export function buildShellApi(
  invoke: (channel: string, args: unknown[]) => Promise<unknown>,
  subscribe: (listener: (event: ShellEvent) => void) => () => void,
): CairnShellApi {
  const calls: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const { area, method, channel } of shellChannels()) {
    const group = (calls[area] ??= {})
    group[method] = (...args: unknown[]) => invoke(channel, args)
  }
  // Main's shell handler table answers exactly these channels with ShellResult envelopes.
  return { ...(calls as unknown as ShellCalls), events: { subscribe } }
}
