// The one declaration of every call between the renderer and main. Each channel is declared once,
// in API below, with its name, argument tuple and result; `CairnApi` (what the renderer sees as
// `window.cairn`) and main's handler table are both derived from it. Main validates every argument
// (src-main/services/api-handlers.ts). Results travel as ApiResult envelopes because Electron's
// invoke and contextBridge drop everything of an Error except its message.
//
// Secrets: the renderer receives item summaries and live codes; it asks for a secret only to reveal
// or copy it (copying happens in main). Vault keys never leave main. A vault session is named by an
// opaque id that is valid only while the app runs.

import type { GroupNode } from './group-path.ts'
import type { CairnErrorCode } from './error-codes.ts'
import type { HealthReason } from './health-reasons.ts'
import type { SessionId, VaultUuid } from './ids.ts'
import type { OtpAlgorithm, OtpEncoder, OtpKind } from './otp-kinds.ts'

export type { HealthReason, OtpAlgorithm, OtpEncoder, OtpKind, SessionId, VaultUuid }

/** A channel name with the call's types attached (the brand exists only for the type checker). */
export type Channel<Args extends unknown[], Result> = string & {
  readonly __call?: (...args: Args) => Result
}

function ch<Args extends unknown[], Result>(name: string): Channel<Args, Result> {
  return name as Channel<Args, Result>
}

// ---------------------------------------------------------------------------------------------
// Results and errors

/** Stable error codes: the core's CairnErrorCode plus the API layer's own. */
export type ApiErrorCode = CairnErrorCode | 'INTERNAL'

export interface ApiError {
  code: ApiErrorCode
  /** Written for a person; never contains a secret. */
  message: string
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

// ---------------------------------------------------------------------------------------------
// App

export interface AppInfo {
  name: string
  version: string
  /** What this host can do: the browser harness has no native file dialogs. */
  capabilities: { fileDialogs: boolean; qrScanner: boolean }
}

export interface AppSettings {
  /** Seconds until a copied secret is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: number
  /** Minutes of inactivity before every vault locks; 0 = never (the shell's auto-lock reads it). */
  autoLockMinutes: number
  /**
   * Electron accelerator of the global copy-code shortcut; '' = none. A change that cannot be
   * registered is refused and the old shortcut kept.
   */
  copyCodeHotkey: string
  lockOnSuspend: boolean
  lockOnScreenLock: boolean
  /**
   * The `cairn` command line may use the vaults unlocked here instead of asking for the password
   * (it talks to the app as it would to its own agent). Off unless the person turns it on.
   */
  answerCommandLine: boolean
}

/** Whether the app answers the command line now, and why not when it was asked to. */
export interface CommandLineStatus {
  answering: boolean
  /** Why it does not answer although asked to (another agent listens, an unsafe folder). */
  problem: string | null
}

export interface HotkeyStatus {
  accelerator: string
  registered: boolean
  /** Why registration failed, in words for the user; null when registered. */
  error: string | null
  /** Platform advice (the Wayland portal); null when none applies. */
  hint: string | null
}

// ---------------------------------------------------------------------------------------------
// Vault files and sessions

export type VaultState = 'locked' | 'unlocked'

export interface VaultInfo {
  /** Opaque session id for this run of the app. */
  id: SessionId
  /** The vault's own permanent id (cross-vault links point at it). */
  vaultUuid: VaultUuid
  name: string
  path: string
  fileName: string
  state: VaultState
  /** What the person should know about this unlocked session (empty while locked). */
  notices: VaultNotice[]
}

/** A sentence about an unlocked vault, and the step that answers it (in vault settings). */
export interface VaultNotice {
  text: string
  action: 'accept-current' | 'rotate-key' | 'change-password' | null
}

export interface RecentVault {
  path: string
  name: string
  lastOpenedAt: number
  exists: boolean
}

export interface CreateVaultRequest {
  path: string
  name: string
  password: string
}

// ---------------------------------------------------------------------------------------------
// Items

export type ItemKind = 'login' | 'otp' | 'recovery-codes' | 'note'
/** The list's filters: every live item, one kind, or the trash. */
export type ItemFilter = 'all' | 'favourites' | ItemKind | 'trash'

/** Everything about a 2FA key except its secret. */
export interface OtpParams {
  kind: OtpKind
  algorithm: OtpAlgorithm
  digits: number
  period: number
  counter: number
  encoder: OtpEncoder
}

/** A login's pointer to a 2FA key, possibly in another vault (by the vault's uuid). */
export interface OtpLinkRef {
  vaultUuid: VaultUuid
  itemId: string
}

/** What the list shows: no secrets. */
export interface ItemSummary {
  vaultId: SessionId
  id: string
  kind: ItemKind
  revision: number
  /** Display title: the item's title, else issuer and account. */
  title: string
  issuer: string
  account: string
  username: string
  urls: string[]
  tags: string[]
  favourite: boolean
  /** The item's group, names from the top (["Work", "Servers"]); empty at the top level. */
  group: string[]
  createdAt: number
  updatedAt: number
  deletedAt: number | null
  otp: OtpParams | null
  otpLink: OtpLinkRef | null
  hasPassword: boolean
  recoveryCodes: { total: number; used: number } | null
}

export interface FieldSummary {
  name: string
  secret: boolean
  /** null for a secret field: reveal it with SecretRef { kind: 'field' }. */
  value: string | null
}

export interface ItemDetail extends ItemSummary {
  /** The title as stored (may be empty); `title` is what the list shows. */
  storedTitle: string
  /** Notes of logins, 2FA keys and recovery-code lists (a secure note's body is a secret). */
  notes: string
  fields: FieldSummary[]
  passwordHistoryCount: number
  /** Where a login's linked 2FA key lives, when it has one. */
  otpLinkTarget: {
    state: 'unlocked' | 'locked' | 'missing'
    vaultName: string | null
    title: string | null
  } | null
}

export interface ItemList {
  items: ItemSummary[]
  /** Rows that failed to decrypt: reported, never hiding the healthy ones. */
  damaged: { id: string; reason: string }[]
}

export type SecretRef =
  | { kind: 'password' }
  | { kind: 'field'; index: number }
  | { kind: 'history'; index: number }
  | { kind: 'otp-secret' }
  | { kind: 'otp-uri' }
  | { kind: 'note-body' }

export type CopyRef =
  | SecretRef
  | { kind: 'username' }
  | { kind: 'url'; index: number }
  /** A 2FA key's current code, or a login's linked code. */
  | { kind: 'code' }
  | { kind: 'recovery-code'; index: number }

export interface RecoveryCode {
  code: string
  used: boolean
}

export interface PasswordHistoryItem {
  replacedAt: number
}

/** Where a new 2FA key comes from. */
export type OtpKeySource =
  | { from: 'uri'; uri: string }
  | {
      from: 'secret'
      secret: string
      issuer: string
      account: string
      kind: OtpKind
      algorithm: OtpAlgorithm
      digits: number
      period: number
      counter: number
      encoder: OtpEncoder
    }

export interface FieldInput {
  name: string
  secret: boolean
  /** The field's value. Give either this or `keepIndex`, never both. */
  value?: string
  /**
   * On update, instead of `value`: keep the value of the stored field at this position (in the
   * item as loaded, before any edit), so a secret the editor never loaded stays in main. Each
   * stored field can be kept once; the field may be renamed or moved.
   */
  keepIndex?: number
}

/** A login; on update an omitted password keeps the stored one. */
export interface LoginInput {
  kind: 'login'
  /** The item's group (empty: top level); omitted on update, the group stays. */
  group?: string[]
  title: string
  username: string
  password?: string
  urls: string[]
  notes: string
  tags: string[]
  fields: FieldInput[]
  otpLink: OtpLinkRef | null
}

/** A 2FA key; `key` is required to create and optional on update (omitted: keep the secret). */
export interface OtpInput {
  kind: 'otp'
  /** The item's group (empty: top level); omitted on update, the group stays. */
  group?: string[]
  title: string
  /** Final issuer and account (the dialog prefills them from the key source's preview). */
  issuer: string
  account: string
  notes: string
  tags: string[]
  key?: OtpKeySource
}

export interface RecoveryCodesInput {
  kind: 'recovery-codes'
  /** The item's group (empty: top level); omitted on update, the group stays. */
  group?: string[]
  title: string
  issuer: string
  notes: string
  tags: string[]
  /** Omitted on update: keep the stored codes. */
  codes?: RecoveryCode[]
}

export interface NoteInput {
  kind: 'note'
  /** The item's group (empty: top level); omitted on update, the group stays. */
  group?: string[]
  title: string
  tags: string[]
  /** Omitted on update: keep the stored body. */
  body?: string
}

export type ItemInput = LoginInput | OtpInput | RecoveryCodesInput | NoteInput

/** One vault's groups, as its sidebar shows them. */
export interface VaultGroups {
  vaultId: SessionId
  tree: GroupNode[]
}

// ---------------------------------------------------------------------------------------------
// Codes

export type CodeUnavailableReason =
  'vault-locked' | 'linked-vault-locked' | 'linked-missing' | 'not-found' | 'no-otp'

export type CodeInfo =
  | {
      status: 'totp'
      vaultId: SessionId
      itemId: string
      code: string
      nextCode: string
      period: number
      /** Unix ms: the code is valid from validFrom until validUntil (main's clock). */
      validFrom: number
      validUntil: number
      digits: number
    }
  /** HOTP shows no code until asked: each code uses up a counter value. */
  | { status: 'hotp'; vaultId: SessionId; itemId: string; counter: number; digits: number }
  | { status: 'unavailable'; vaultId: SessionId; itemId: string; reason: CodeUnavailableReason }

export interface HotpCode {
  code: string
  /** The counter value this code was computed for (the stored counter is now one higher). */
  counter: number
}

/** A key as it would be saved, shown to the user to compare its code with the website first. */
export interface OtpPreview extends OtpParams {
  issuer: string
  account: string
  code: string
  /** TOTP only: when the shown code expires (Unix ms). */
  validUntil: number | null
  /**
   * Keys of the unlocked vaults that already hold this secret (main compares; only where they
   * are crosses). Absent where the preview was made without the vaults (the scan window).
   */
  alreadyIn?: { vaultId: SessionId; vaultName: string; itemId: string; title: string }[]
}

export interface ScannedKey {
  /** The otpauth:// URI of the key: the renderer saves it with items.create. */
  uri: string
  preview: OtpPreview
}

export interface ScanOutcome {
  keys: ScannedKey[]
  /** QR codes that hold something other than a 2FA key, described for a person. */
  notOtp: string[]
  /** E.g. "parts 2 and 3 of 3 are missing" for a partial Google Authenticator export. */
  missing: string | null
}

export type ScanSource = 'screen' | 'clipboard' | 'file'

/** A scan of the screen, the clipboard's image or an image file (the scan window shows it). */
export interface SourceScanOutcome extends ScanOutcome {
  source: ScanSource
  /** Images searched: one per display for a screen scan. */
  imagesScanned: number
  /** Set when capture was refused or partial: what the user can do about it. */
  advice: string | null
}

// ---------------------------------------------------------------------------------------------
// Vault health: what to fix, item by item, without a single secret

export interface HealthFinding {
  vaultId: SessionId
  vaultName: string
  itemId: string
  kind: ItemKind
  title: string
  reason: HealthReason
  /** Why, in a sentence for a person (never quotes a password or a secret). */
  detail: string
  /** Weak passwords: the strength score, 0 (very weak) to 4; null for every other reason. */
  score: number | null
}

export interface HealthReport {
  /** In HEALTH_REASONS order, then by title. */
  findings: HealthFinding[]
  /** The unlocked vaults checked together, with when each was last backed up (null: never). */
  vaults: { vaultId: SessionId; name: string; lastBackupAt: number | null }[]
  /** Open vaults that are locked: their items are not checked until they are unlocked. */
  lockedVaults: { vaultId: SessionId; name: string }[]
  checked: { items: number; logins: number; keys: number }
}

// ---------------------------------------------------------------------------------------------
// Picker (the global shortcut's copy-code window)

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
  kind: OtpKind
}

export interface PickerState {
  vaults: PickerVault[]
  /** Keys of every unlocked vault, sorted by issuer, account, then vault. */
  keys: PickerKey[]
}

export interface PickerCopyResult {
  which: CodeChoice
  /** Unix ms until which the copied TOTP code is valid (main's clock); null for HOTP. */
  validUntil: number | null
  /** Unix ms when Cairn clears the clipboard if it still holds the code; null = never. */
  clearsAt: number | null
}

// ---------------------------------------------------------------------------------------------
// Generator and strength

export interface PasswordOptions {
  length: number
  lower: boolean
  upper: boolean
  digits: boolean
  symbols: boolean
  /** Leave out characters that are easy to misread: I l 1 O 0 o and | */
  avoidAmbiguous: boolean
}

export interface PassphraseOptions {
  words: number
  separator: string
  capitalize: boolean
  /** Append one random digit to one random word. */
  includeNumber: boolean
}

export interface Strength {
  /** 0 (very weak) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4
  label: string
  /** log10 of the estimated guesses an attacker needs. */
  guessesLog10: number
  /** Time to crack offline against a slow hash, in words ("centuries"). */
  crackTime: string
  warning: string | null
  suggestions: string[]
}

export interface GeneratedSecret {
  value: string
  /** Exact entropy of the generator's choice (not an estimate). */
  entropyBits: number
  strength: Strength
}

// ---------------------------------------------------------------------------------------------
// Clipboard

/**
 * Which 2FA code a copy handed out: the next one when the current one had under five seconds
 * left; 'hotp' used up a counter value.
 */
export type CodeChoice = 'current' | 'next' | 'hotp'

export interface CopyReceipt {
  /** Unix ms when the clipboard will be cleared (if it still holds this value); null = never. */
  clearsAt: number | null
  /** Copies of a 2FA code say which one was copied; null for every other copy. */
  code: CodeChoice | null
  /**
   * Main's sentence about a copied 2FA code, shown to the user as is: how long the code stays
   * valid, that the next code was copied because the current one had too little time left, or
   * that an HOTP counter moved on. Absent for every other copy.
   */
  note?: string
}

// ---------------------------------------------------------------------------------------------
// Vault settings: backups, restore, merge, recovery keys, one-time codes, password and key

export type CredentialKind = 'password' | 'recovery-key' | 'one-time-code'

/** One key slot of a vault: a way to unlock it. */
export interface CredentialSlot {
  id: string
  kind: CredentialKind
  label: string
  createdAt: number
  lastUsedAt: number | null
  /** The slot that opened this session. */
  current: boolean
}

/** What the person typed to unlock a vault, and which kind of credential it is. */
export interface UnlockSecret {
  kind: CredentialKind
  value: string
}

export interface UnlockOutcome {
  vault: VaultInfo
  /** Opened with a recovery key: a new master password is due (vaultSettings.completeRecovery). */
  mustChangePassword: boolean
}

/** Secrets shown exactly once: a recovery key, or a list of one-time codes. */
export interface IssuedSecrets {
  kind: 'recovery-key' | 'one-time-codes'
  label: string
  vaultName: string
  createdAt: number
  /** Grouped as printed (e.g. ABCD-EFGH-…). */
  secrets: string[]
  /** A recovery key's QR code as a data: URL (SVG); null for one-time codes. */
  qrDataUrl: string | null
}

export interface AutoBackupInfo {
  folder: string
  /** Versions kept in the folder. */
  keep: number
  lastBackupAt: number | null
  lastError: string | null
  /** Changes not yet in a backup. */
  pending: boolean
}

export interface BackupReminderInfo {
  /** No backup for 30 days (counted from the vault's creation when there was none). */
  due: boolean
  days: number
  lastBackupAt: number | null
}

export interface VaultSettingsInfo {
  credentials: CredentialSlot[]
  /**
   * What the vault's authenticated state reports about its rows (rolled back, missing, added
   * outside Cairn, an unverifiable manifest) or slot rows it ignores: what accepting the
   * current contents would settle. Empty when all is as last written by Cairn.
   */
  integrity: string[]
  autoBackup: AutoBackupInfo | null
  reminder: BackupReminderInfo
}

export interface BackupRequest {
  /** A new file (never overwritten). */
  path: string
  /** null: protected by the vault's own master password and recovery keys. */
  passphrase: string | null
  /** With a passphrase: the master password, since a passphrase is a new way into the data. */
  currentPassword: string | null
}

export interface BackupDone {
  path: string
  items: number
  tombstones: number
  /** Damaged rows that could not be read, hence are not in the backup. */
  skippedDamaged: number
  createdAt: number
}

export interface BackupFileInfo {
  protection: 'vault-slots' | 'passphrase'
  vaultUuid: VaultUuid
  createdAt: number
}

export interface RestoreRequest {
  backupPath: string
  /** The new vault file (never overwritten); it opens locked in the sidebar. */
  vaultPath: string
  /** vault-slots backups: the master password or a recovery key of the backup's time. */
  secret: UnlockSecret | null
  /** Passphrase backups: the backup passphrase and the new vault's master password. */
  passphrase: string | null
  newPassword: string | null
}

export interface RestoreDone {
  path: string
  /**
   * The restored vault, opened locked in the sidebar; null when another copy of the same vault
   * is open (one copy at a time): close that one to open this, or merge the two.
   */
  vault: VaultInfo | null
}

export interface MergeRequest {
  /** Another copy of the vault file, or a backup. Only read. */
  otherPath: string
  /** Its credential; null: the one that opened this vault is not kept, so one is needed. */
  secret: UnlockSecret | null
  /** For a backup protected by its own passphrase. */
  passphrase: string | null
}

export interface MergeReport {
  added: number
  updated: number
  deleted: number
  revived: number
  unchanged: number
  /** Items changed on both sides: both versions kept, the other as "… (conflict copy)". */
  conflicts: { title: string }[]
}

export interface RotateResult {
  /** Every slot that existed (password, recovery keys, one-time codes) was destroyed. */
  revokedSlots: number
  /** A fresh recovery key when the vault had any (the old ones no longer work). */
  recoveryKey: IssuedSecrets | null
}

export interface PlainExportRequest {
  format: 'otpauth' | 'csv'
  /** A new file (never overwritten), readable only by its owner. */
  path: string
  /** Must be true: the person was told the file is not encrypted. */
  acknowledgeUnencrypted: true
  /** The master password: an unencrypted copy is a way into every secret it holds. */
  currentPassword: string
}

/** The vault's 2FA keys as an encrypted Aegis vault file, which phone authenticators import. */
export interface AegisExportRequest {
  /** A new file (never overwritten). */
  path: string
  /** The export's own password: Aegis opens the file with it. */
  exportPassword: string
  /** The master password: an export is another way into every key, as the CLI asks too. */
  currentPassword: string
}

/** A file another app exported, dropped or chosen in the import dialog. */
export interface ImportRequest {
  /** For detection by name and for messages. */
  fileName: string
  bytes: Uint8Array
  /** The export's own password, once the preview said it is needed. */
  password: string | null
  /** A KeePass key file's bytes, for a database locked with one (alone or with a password). */
  keyFile: Uint8Array | null
  /** An importer id naming the format instead of detecting it. */
  format: string | null
  /**
   * An unlocked vault for the export's 2FA keys (logins' TOTPs included), each login linked to
   * its key; null: the keys go into the same vault as the logins, still linked.
   */
  keysVaultId: SessionId | null
  /**
   * Where the file is on disk, when the window knows it (Electron tells a dropped or chosen
   * file's path): main can then delete it after the import, and only while it still holds
   * exactly the bytes imported.
   */
  path: string | null
}

/** The 2FA key a previewed login will show the code of. */
export interface ImportLinkPreview {
  /** "2FA key GitHub (octo)". */
  label: string
  inKeysVault: boolean
  /** The key is already in the vault; the login is linked to that one. */
  existing: boolean
}

export type ImportPreview =
  | {
      status: 'needs-password'
      formatName: string
      /** The format can also be locked with a key file (KeePass): the dialog offers to choose one. */
      takesKeyFile: boolean
    }
  | {
      status: 'ready'
      /** Hands the planned items to `imports.apply` (kept in main, never the secrets here). */
      previewId: string
      formatName: string
      encrypted: boolean
      /** What will be added: kind and name only, where it goes, and the key a login shows. */
      add: {
        kind: ItemKind
        label: string
        from: string
        inKeysVault: boolean
        /** The group it goes into, names from the top; null at the top level. */
        group: string[] | null
        link: ImportLinkPreview | null
      }[]
      skipped: { label: string; reason: string }[]
      /** Any problem means nothing can be imported. */
      problems: string[]
      notes: string[]
      /** The vault the 2FA keys go to, when it is not the import's own vault. */
      keysVaultName: string | null
      /** Logins' 2FA keys that go beside their logins because no 2FA vault was chosen. */
      keysBesideLogins: number
    }

export interface ImportDone {
  added: number
  /** Of `added`, the 2FA keys written to the 2FA vault. */
  addedToKeysVault: number
  skipped: number
  /** The file held its secrets in the clear: worth deleting securely. */
  plainFile: boolean
  /** Main knows where the plain file is and can overwrite and delete it (`imports.deleteFile`). */
  canDeleteFile: boolean
}

/** Places main suggests (and so allows) for a vault's backups and exports. */
export interface SuggestedPaths {
  backup: string
  otpauthExport: string
  csvExport: string
  aegisExport: string
  autoBackupFolder: string
}

/** A long operation's progress (key derivation, encryption, writing). */
export interface ProgressInfo {
  operation:
    | 'backup'
    | 'restore'
    | 'merge'
    | 'change-password'
    | 'rotate-key'
    | 'recovery'
    | 'import'
    /** Vault health rating passwords (phase "rating"): done of total logins with a password. */
    | 'health'
  phase: string
  /** Steps done and in all; 0/0 while the step cannot be counted (key derivation). */
  done: number
  total: number
}

// ---------------------------------------------------------------------------------------------
// Sync: one vault on several computers through a folder a sync tool shares (docs/sync.md)

/** One device's file in the sync folder. */
export interface SyncDevice {
  deviceId: string
  thisDevice: boolean
  /** Forgotten: its files are ignored and removed. */
  forgotten: boolean
  /** A copy the sync tool made on its own (merged, then removed). */
  syncToolCopy: boolean
  /** When that device last wrote its file (its own clock); null while the file is unreadable. */
  lastChangeAt: number | null
  /** Why the last sync pass ignored the file (cut short, damaged, another key); null if merged. */
  note: string | null
}

/** An item a merge kept as the other side of a conflict: titled "… (conflict copy)". */
export interface SyncConflict {
  itemId: string
  title: string
}

export interface SyncStatus {
  /** null: the vault is not linked to a sync folder. */
  link: {
    folder: string
    deviceId: string
    lastSyncedAt: number | null
    /** The folder is not there (an unplugged drive, a sync tool not running). */
    folderMissing: boolean
  } | null
  devices: SyncDevice[]
  /** Conflict copies still in the vault (the person keeps one version and deletes the other). */
  conflicts: SyncConflict[]
  /** Why the last sync pass failed, for the person; null when it ran. */
  error: string | null
  /** Another device changed the vault key: this one needs the new master password. */
  needsNewPassword: boolean
}

export interface SyncJoinRequest {
  /** The folder the other computers sync into. */
  folder: string
  /** The new vault file on this computer (never overwritten). */
  vaultPath: string
  /** The vault's master password (the same on every computer). */
  password: string
}

// ---------------------------------------------------------------------------------------------
// Events (main → renderer)

export type LockReason = 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit'

/**
 * KeePassXC's shortcuts, sent by the application menu to the focused window (on macOS the menu
 * takes these keys before the page sees them; elsewhere the page's own key handling acts).
 */
export type MenuCommand =
  'copy-code' | 'copy-password' | 'copy-username' | 'search' | 'move-to-group'

export type CairnEvent =
  /** A vault was opened, closed, locked (also by auto-lock) or unlocked. */
  | { type: 'vaults-changed' }
  | { type: 'items-changed'; vaultId: SessionId }
  | { type: 'clipboard-cleared' }
  | { type: 'settings-changed' }
  /** A long vault-settings operation moved on (vaultId null: not tied to an open vault). */
  | { type: 'progress'; vaultId: SessionId | null; progress: ProgressInfo }
  /** Every vault was locked: drop every secret, code and item list the page holds. */
  | { type: 'locked'; reason: LockReason }
  | { type: 'menu-command'; command: MenuCommand }
  | { type: 'hotkey-status'; status: HotkeyStatus }
  /** The picker window was shown again: refresh and focus the filter. */
  | { type: 'picker-shown' }
  /** A sync pass ran (or failed) for this vault: its sync status changed. */
  | { type: 'sync-changed'; vaultId: SessionId }

export const EVENT_CHANNEL = 'cairn:event'

// ---------------------------------------------------------------------------------------------
// Every call, grouped by area.

export const API = {
  app: {
    info: ch<[], AppInfo>('cairn:app:info'),
  },
  settings: {
    get: ch<[], AppSettings>('cairn:settings:get'),
    update: ch<[patch: Partial<AppSettings>], AppSettings>('cairn:settings:update'),
    commandLine: ch<[], CommandLineStatus>('cairn:settings:command-line'),
  },
  vaults: {
    list: ch<[], VaultInfo[]>('cairn:vaults:list'),
    recent: ch<[], RecentVault[]>('cairn:vaults:recent'),
    forgetRecent: ch<[path: string], RecentVault[]>('cairn:vaults:forget-recent'),
    /** A free file path for a new vault named `name` in the default vault folder. */
    suggestPath: ch<[name: string], string>('cairn:vaults:suggest-path'),
    create: ch<[request: CreateVaultRequest], VaultInfo>('cairn:vaults:create'),
    open: ch<[path: string], VaultInfo>('cairn:vaults:open'),
    unlock: ch<[vaultId: SessionId, password: string], VaultInfo>('cairn:vaults:unlock'),
    /** Unlocks with a password, a recovery key or a one-time code (the code is used up). */
    unlockWith: ch<[vaultId: SessionId, secret: UnlockSecret], UnlockOutcome>(
      'cairn:vaults:unlock-with',
    ),
    lock: ch<[vaultId: SessionId], VaultInfo>('cairn:vaults:lock'),
    lockAll: ch<[], VaultInfo[]>('cairn:vaults:lock-all'),
    close: ch<[vaultId: SessionId], VaultInfo[]>('cairn:vaults:close'),
  },
  dialogs: {
    /** Native file dialogs (null when cancelled); UNSUPPORTED where the host has none. */
    chooseVaultToOpen: ch<[], string | null>('cairn:dialogs:choose-vault-to-open'),
    chooseNewVaultPath: ch<[suggestedPath: string], string | null>(
      'cairn:dialogs:choose-new-vault-path',
    ),
    /** A backup or another copy of a vault to restore or merge. */
    chooseFileToRead: ch<[], string | null>('cairn:dialogs:choose-file-to-read'),
    /** Where to write a backup or an unencrypted export. */
    chooseSavePath: ch<[purpose: 'backup' | 'export', suggestedPath: string], string | null>(
      'cairn:dialogs:choose-save-path',
    ),
    /** A folder for automatic backups. */
    chooseFolder: ch<[suggestedPath: string], string | null>('cairn:dialogs:choose-folder'),
  },
  items: {
    list: ch<[vaultId: SessionId], ItemList>('cairn:items:list'),
    /** Every unlocked vault's items matching the query (same matching as the list's search). */
    search: ch<[query: string, filter: ItemFilter], ItemSummary[]>('cairn:items:search'),
    detail: ch<[vaultId: SessionId, itemId: string], ItemDetail>('cairn:items:detail'),
    reveal: ch<[vaultId: SessionId, itemId: string, ref: SecretRef], string>('cairn:items:reveal'),
    recoveryCodes: ch<[vaultId: SessionId, itemId: string], RecoveryCode[]>(
      'cairn:items:recovery-codes',
    ),
    passwordHistory: ch<[vaultId: SessionId, itemId: string], PasswordHistoryItem[]>(
      'cairn:items:password-history',
    ),
    create: ch<[vaultId: SessionId, input: ItemInput], ItemSummary>('cairn:items:create'),
    update: ch<
      [vaultId: SessionId, itemId: string, expectedRevision: number, input: ItemInput],
      ItemSummary
    >('cairn:items:update'),
    trash: ch<[vaultId: SessionId, itemId: string], ItemSummary>('cairn:items:trash'),
    restore: ch<[vaultId: SessionId, itemId: string], ItemSummary>('cairn:items:restore'),
    purge: ch<[vaultId: SessionId, itemId: string], void>('cairn:items:purge'),
    /** Stars or unstars an item; it does not count as an edit of its fields. */
    setFavourite: ch<[vaultId: SessionId, itemId: string, favourite: boolean], ItemSummary>(
      'cairn:items:set-favourite',
    ),
    /** Puts items into a group (an empty path: the top level); returns how many moved. */
    move: ch<[vaultId: SessionId, itemIds: string[], group: string[]], number>('cairn:items:move'),
  },
  groups: {
    /** The vault's group tree with item counts (trash left out). */
    tree: ch<[vaultId: SessionId], VaultGroups>('cairn:groups:tree'),
    /** A new, empty group, kept until deleted. */
    create: ch<[vaultId: SessionId, path: string[]], VaultGroups>('cairn:groups:create'),
    /** Renames a group, or moves it under another: everything inside it goes along. */
    rename: ch<[vaultId: SessionId, from: string[], to: string[]], VaultGroups>(
      'cairn:groups:rename',
    ),
    /** Deletes a group; its items and groups move up into its parent. */
    remove: ch<[vaultId: SessionId, path: string[]], VaultGroups>('cairn:groups:remove'),
  },
  health: {
    /** Checks every unlocked vault together (reuse and 2FA links are found across vaults). */
    report: ch<[], HealthReport>('cairn:health:report'),
  },
  codes: {
    /** Live codes for 2FA keys and for logins linked to one. */
    get: ch<[vaultId: SessionId, itemIds: string[]], CodeInfo[]>('cairn:codes:get'),
    /** HOTP: compute the code at the stored counter and advance the counter durably. */
    hotpNext: ch<[vaultId: SessionId, itemId: string], HotpCode>('cairn:codes:hotp-next'),
  },
  otp: {
    preview: ch<[source: OtpKeySource], OtpPreview>('cairn:otp:preview'),
    scanImage: ch<[image: Uint8Array], ScanOutcome>('cairn:otp:scan-image'),
  },
  generator: {
    password: ch<[options: PasswordOptions], GeneratedSecret>('cairn:generator:password'),
    passphrase: ch<[options: PassphraseOptions], GeneratedSecret>('cairn:generator:passphrase'),
    strength: ch<[password: string], Strength>('cairn:generator:strength'),
  },
  vaultSettings: {
    info: ch<[vaultId: SessionId], VaultSettingsInfo>('cairn:vault-settings:info'),
    /** Free file names (and a folder) for this vault's backups and exports, allowed for writing. */
    suggestPaths: ch<[vaultId: SessionId], SuggestedPaths>('cairn:vault-settings:suggest-paths'),
    backup: ch<[vaultId: SessionId, request: BackupRequest], BackupDone>(
      'cairn:vault-settings:backup',
    ),
    inspectBackup: ch<[path: string], BackupFileInfo>('cairn:vault-settings:inspect-backup'),
    restore: ch<[request: RestoreRequest], RestoreDone>('cairn:vault-settings:restore'),
    merge: ch<[vaultId: SessionId, request: MergeRequest], MergeReport>(
      'cairn:vault-settings:merge',
    ),
    /** Turns automatic backups on (a folder and how many versions to keep) or off (null). */
    setAutoBackup: ch<
      [vaultId: SessionId, config: { folder: string; keep: number } | null],
      VaultSettingsInfo
    >('cairn:vault-settings:set-auto-backup'),
    backupNow: ch<[vaultId: SessionId], VaultSettingsInfo>('cairn:vault-settings:backup-now'),
    /** Needs the master password: a recovery key opens the vault for good. */
    createRecoveryKey: ch<[vaultId: SessionId, label: string, current: string], IssuedSecrets>(
      'cairn:vault-settings:create-recovery-key',
    ),
    createOneTimeCodes: ch<[vaultId: SessionId, count: number, current: string], IssuedSecrets>(
      'cairn:vault-settings:create-one-time-codes',
    ),
    /** Revokes a recovery key or a one-time code (the master password cannot be revoked). */
    revokeCredential: ch<[vaultId: SessionId, slotId: string], VaultSettingsInfo>(
      'cairn:vault-settings:revoke-credential',
    ),
    changePassword: ch<[vaultId: SessionId, current: string, next: string], void>(
      'cairn:vault-settings:change-password',
    ),
    rotateKey: ch<[vaultId: SessionId, current: string, next: string], RotateResult>(
      'cairn:vault-settings:rotate-key',
    ),
    /**
     * Accepts the vault's current contents after a rollback, missing-row or unverifiable-manifest
     * report: the manifest is resealed and unverified key-slot rows are dropped.
     */
    /** Needs the master password: accepting makes rolled-back rows permanent. */
    acceptCurrent: ch<[vaultId: SessionId, current: string], VaultSettingsInfo>(
      'cairn:vault-settings:accept-current',
    ),
    /** After a recovery-key unlock: new master password, used key destroyed, fresh key issued. */
    completeRecovery: ch<[vaultId: SessionId, newPassword: string], IssuedSecrets>(
      'cairn:vault-settings:complete-recovery',
    ),
    exportAegis: ch<
      [vaultId: SessionId, request: AegisExportRequest],
      { path: string; keys: number }
    >('cairn:vault-settings:export-aegis'),
    exportPlain: ch<[vaultId: SessionId, request: PlainExportRequest], { path: string }>(
      'cairn:vault-settings:export-plain',
    ),
  },
  sync: {
    /** The unlocked vault's link, devices, conflict copies and last error. */
    status: ch<[vaultId: SessionId], SyncStatus>('cairn:sync:status'),
    /** Links the vault to a folder (chosen in main's dialog) and syncs at once. */
    link: ch<[vaultId: SessionId, folder: string], SyncStatus>('cairn:sync:link'),
    now: ch<[vaultId: SessionId], SyncStatus>('cairn:sync:now'),
    /** Ignores that device's files from now on and removes them from the folder. */
    forget: ch<[vaultId: SessionId, deviceId: string], SyncStatus>('cairn:sync:forget'),
    /** Stops syncing this vault; its last file stays for the other devices. */
    unlink: ch<[vaultId: SessionId], SyncStatus>('cairn:sync:unlink'),
    /** Makes a new vault file from the folder's newest device file, linked, opened and unlocked. */
    join: ch<[request: SyncJoinRequest], VaultInfo>('cairn:sync:join'),
    /** After a key change on another device: takes over the new key with its master password. */
    adoptNewPassword: ch<[vaultId: SessionId, password: string], SyncStatus>(
      'cairn:sync:adopt-new-password',
    ),
  },
  imports: {
    /** Reads another app's export and plans it against the vault; writes nothing. */
    preview: ch<[vaultId: SessionId, request: ImportRequest], ImportPreview>(
      'cairn:imports:preview',
    ),
    /** Writes a previewed import, all or nothing. */
    apply: ch<[vaultId: SessionId, previewId: string], ImportDone>('cairn:imports:apply'),
    /**
     * Overwrites the last imported plain file with random bytes and deletes it, if it still holds
     * exactly what was imported (not a guarantee of erasure on SSDs and copy-on-write filesystems).
     */
    deleteFile: ch<[vaultId: SessionId], { deleted: true }>('cairn:imports:delete-file'),
  },
  clipboard: {
    /** Main reads the secret and writes the clipboard; the renderer never sees it. */
    copy: ch<[vaultId: SessionId, itemId: string, ref: CopyRef], CopyReceipt>(
      'cairn:clipboard:copy',
    ),
    /** Text the renderer already shows (a generated password, an HOTP code). */
    copyText: ch<[text: string], CopyReceipt>('cairn:clipboard:copy-text'),
    /** Clears the clipboard now if it still holds what Cairn wrote. */
    clear: ch<[], boolean>('cairn:clipboard:clear'),
  },
  picker: {
    state: ch<[], PickerState>('cairn:picker:state'),
    unlock: ch<[vaultId: SessionId, password: string], PickerState>('cairn:picker:unlock'),
    /** Copies the code core/otp/code-to-copy.ts chooses; the code never reaches the page. */
    copy: ch<[vaultId: SessionId, itemId: string], PickerCopyResult>('cairn:picker:copy'),
    close: ch<[], void>('cairn:picker:close'),
  },
  shell: {
    scanScreen: ch<[], SourceScanOutcome>('cairn:shell:scan-screen'),
    scanClipboardImage: ch<[], SourceScanOutcome>('cairn:shell:scan-clipboard-image'),
    /** Opens a file dialog; null when the user cancels it. */
    scanImageFile: ch<[], SourceScanOutcome | null>('cairn:shell:scan-image-file'),
    hotkeyStatus: ch<[], HotkeyStatus>('cairn:shell:hotkey-status'),
    lockAll: ch<[], void>('cairn:shell:lock-all'),
  },
} as const

// ---------------------------------------------------------------------------------------------
// Derived types

export type ApiSpec = typeof API
export type ApiArea = keyof ApiSpec

export type ArgsOf<C> = C extends Channel<infer A, unknown> ? A : never
export type ResultOf<C> = C extends Channel<never, infer R> ? R : never

type Call<C> = (...args: ArgsOf<C>) => Promise<ApiResult<ResultOf<C>>>

export type CairnCalls = {
  [Area in ApiArea]: { [Method in keyof ApiSpec[Area]]: Call<ApiSpec[Area][Method]> }
}

export interface CairnEvents {
  /** Returns a function that unsubscribes. */
  subscribe(listener: (event: CairnEvent) => void): () => void
}

/** What the renderer sees as `window.cairn`. */
export type CairnApi = CairnCalls & { events: CairnEvents }

/** Every channel name, for registering handlers and for the preload's bridge. */
export function apiChannels(): { area: string; method: string; channel: string }[] {
  const out: { area: string; method: string; channel: string }[] = []
  for (const [area, methods] of Object.entries(API)) {
    for (const [method, channel] of Object.entries(methods as Record<string, string>)) {
      out.push({ area, method, channel })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Windows: each gets only the calls it uses (main refuses the others; preload exposes only these)

export type WindowRole = 'main' | 'picker' | 'scan'

/** Areas ("vaults") or single calls ("items.create") each window may use. */
export const WINDOW_CALLS: Record<WindowRole, readonly string[]> = {
  main: [
    'app',
    'settings',
    'vaults',
    'dialogs',
    'items',
    'groups',
    'health',
    'codes',
    'otp',
    'generator',
    'vaultSettings',
    'sync',
    'imports',
    'clipboard',
    'shell',
  ],
  picker: ['picker'],
  // The scan window runs its scan, lists the unlocked vaults and saves the keys the user picks.
  scan: [
    'shell.scanScreen',
    'shell.scanClipboardImage',
    'shell.scanImageFile',
    'vaults.list',
    'items.create',
  ],
}

/** The page each window shows. */
export const WINDOW_PAGES: Record<WindowRole, string> = {
  main: 'index.html',
  picker: 'picker.html',
  scan: 'scan.html',
}

/** The window a page belongs to, from its URL path ('/' is the main window's page). */
export function windowRoleOfPath(pathname: string): WindowRole | null {
  const page = pathname.split('/').pop() || 'index.html'
  for (const [role, file] of Object.entries(WINDOW_PAGES)) {
    if (file === page) return role as WindowRole
  }
  return null
}

export function channelsOf(role: WindowRole): Set<string> {
  const allowed = WINDOW_CALLS[role]
  return new Set(
    apiChannels()
      .filter(({ area, method }) => allowed.includes(area) || allowed.includes(`${area}.${method}`))
      .map(({ channel }) => channel),
  )
}

/**
 * Builds the typed API from one `invoke(channel, args)` function: the preload passes
 * ipcRenderer.invoke, the browser harness an HTTP call. Nothing else crosses.
 */
export function buildCairnApi(
  invoke: (channel: string, args: unknown[]) => Promise<unknown>,
  subscribe: (listener: (event: CairnEvent) => void) => () => void,
  role: WindowRole = 'main',
): CairnApi {
  const allowed = channelsOf(role)
  const calls: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const { area, method, channel } of apiChannels()) {
    if (!allowed.has(channel)) continue
    const group = (calls[area] ??= {})
    group[method] = (...args: unknown[]) => invoke(channel, args)
  }
  // The invoker returns ApiResult envelopes built by main's handler table for exactly these
  // channels. A window's API lacks the groups it may not use: the type still lists them all, and
  // main refuses a call from a window it does not belong to.
  return { ...(calls as unknown as CairnCalls), events: { subscribe } }
}
