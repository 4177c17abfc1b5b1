// The desktop-shell group of the IPC contract: the copy-code picker, screen/clipboard/file QR
// import, the global hotkey and auto-lock. Kept apart from ipc-contract.ts (the vault API) so the
// two groups evolve without stepping on each other; preload exposes this one as `window.cairnShell`.

/** Renderer → main calls (ipcRenderer.invoke / ipcMain.handle). */
export const SHELL_CHANNELS = {
  pickerState: 'shell:picker-state',
  pickerUnlock: 'shell:picker-unlock',
  pickerCopy: 'shell:picker-copy',
  pickerClose: 'shell:picker-close',
  scanScreen: 'shell:scan-screen',
  scanClipboardImage: 'shell:scan-clipboard-image',
  scanImageFile: 'shell:scan-image-file',
  importScanned: 'shell:import-scanned',
  discardScan: 'shell:discard-scan',
  hotkeyStatus: 'shell:hotkey-status',
  setHotkey: 'shell:set-hotkey',
  autoLockSettings: 'shell:auto-lock-settings',
  setAutoLockSettings: 'shell:set-auto-lock-settings',
  lockAll: 'shell:lock-all',
} as const

export type ShellChannel = (typeof SHELL_CHANNELS)[keyof typeof SHELL_CHANNELS]

/** Main → renderer notifications (webContents.send / ipcRenderer.on). */
export const SHELL_EVENTS = {
  /** Every vault was locked: drop every secret, code and item list held in the page. */
  locked: 'shell:event-locked',
  /** An application-menu or tray command for the focused window. */
  command: 'shell:event-command',
  hotkeyStatus: 'shell:event-hotkey-status',
  /** The picker window was shown again: refresh its list and focus the filter. */
  pickerShown: 'shell:event-picker-shown',
} as const

export type ShellEvent = (typeof SHELL_EVENTS)[keyof typeof SHELL_EVENTS]

export type LockReason = 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit'

export interface LockedEvent {
  reason: LockReason
}

/** KeePassXC's shortcuts; the renderer performs them on the focused item. */
export type MenuCommand =
  | 'copy-code'
  | 'copy-password'
  | 'copy-username'
  | 'search'
  | 'scan-screen'
  | 'scan-clipboard-image'
  | 'scan-image-file'

export interface PickerVault {
  vaultId: string
  name: string
  unlocked: boolean
}

/** One 2FA key as the picker lists it: no secret, no code. */
export interface PickerKey {
  vaultId: string
  vaultName: string
  itemId: string
  title: string
  issuer: string
  account: string
  kind: 'totp' | 'hotp'
}

export interface PickerState {
  vaults: PickerVault[]
  /** Keys of every unlocked vault, sorted by issuer then account. */
  keys: PickerKey[]
}

export interface PickerUnlockRequest {
  vaultId: string
  password: string
}

export interface PickerCopyRequest {
  vaultId: string
  itemId: string
}

export interface PickerCopyResult {
  /** 'next' when the current TOTP code had fewer than five seconds left. */
  which: 'current' | 'next' | 'hotp'
  /** Seconds the copied code stays valid (TOTP), null for HOTP. */
  validForSeconds: number | null
  /** Seconds until Cairn clears the clipboard. */
  clearAfterSeconds: number
}

/** A key found by a scan, shown for confirmation. The secret stays in main. */
export interface ScanCandidate {
  index: number
  issuer: string
  account: string
  kind: 'totp' | 'hotp'
  algorithm: string
  digits: number
  period: number
  /** The current code, so the user can compare it with the website before saving. */
  code: string
  /** TOTP: seconds the code stays valid; HOTP: null. */
  secondsRemaining: number | null
}

export type ScanSource = 'screen' | 'clipboard' | 'file'

export interface ScanResult {
  /** Handle for importScanned/discardScan; results expire after a few minutes and on lock. */
  scanId: string
  source: ScanSource
  candidates: ScanCandidate[]
  /** QR codes that were found but are not 2FA keys (or malformed), as short reasons. */
  rejected: string[]
  /** How many images were searched (one per display for a screen scan). */
  imagesScanned: number
  /** Set when capture was refused or incomplete: what the user should do about it. */
  advice: string | null
}

export interface ImportScannedRequest {
  scanId: string
  indexes: number[]
  vaultId: string
}

export interface ImportScannedResult {
  itemIds: string[]
}

export interface HotkeyStatus {
  accelerator: string
  registered: boolean
  /** Why registration failed, in words for the user; null when registered. */
  error: string | null
  /** Extra advice (e.g. Wayland portal); null when none applies. */
  hint: string | null
}

export interface AutoLockSettings {
  /** Lock after this many minutes without keyboard or mouse input anywhere; 0 = never. */
  idleMinutes: number
  lockOnSuspend: boolean
  lockOnScreenLock: boolean
}

/** What the renderer sees as `window.cairnShell`. */
export interface CairnShellApi {
  pickerState(): Promise<PickerState>
  pickerUnlock(request: PickerUnlockRequest): Promise<PickerState>
  pickerCopy(request: PickerCopyRequest): Promise<PickerCopyResult>
  pickerClose(): Promise<void>
  scanScreen(): Promise<ScanResult>
  scanClipboardImage(): Promise<ScanResult>
  /** Opens a file dialog; resolves null when the user cancels it. */
  scanImageFile(): Promise<ScanResult | null>
  importScanned(request: ImportScannedRequest): Promise<ImportScannedResult>
  discardScan(scanId: string): Promise<void>
  hotkeyStatus(): Promise<HotkeyStatus>
  setHotkey(accelerator: string): Promise<HotkeyStatus>
  autoLockSettings(): Promise<AutoLockSettings>
  setAutoLockSettings(settings: AutoLockSettings): Promise<AutoLockSettings>
  lockAll(): Promise<void>
  /** Each returns an unsubscribe function. */
  onLocked(listener: (event: LockedEvent) => void): () => void
  onCommand(listener: (command: MenuCommand) => void): () => void
  onHotkeyStatus(listener: (status: HotkeyStatus) => void): () => void
  onPickerShown(listener: () => void): () => void
}
