// The composition root of the main-process services. Electron's main (shell glue), the browser
// harness and the tests build one of these and hand it to createApiHandlers.
import { join } from 'node:path'
import type { RatingWorkerFactory } from '../core/health/rating-pool.ts'
import type { Argon2Params } from '../core/kdf/argon2-params.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import type { ClipboardPort } from './clipboard-port.ts'
import { ClipboardGuard, type Timers } from './clipboard-guard.ts'
import type { OtpEngine, VaultBackend } from './core-ports.ts'
import { EventBus } from './event-bus.ts'
import { BackupLedger } from './backup-reminder.ts'
import { LiveCodes } from './live-codes.ts'
import { SecretGenerator, type PasswordGeneratorPort } from './secret-generator.ts'
import { SettingsStore } from './settings-store.ts'
import { VaultHealth } from './vault-health.ts'
import { VaultImports } from './vault-imports.ts'
import { VaultGroupsService } from './vault-groups.ts'
import { VaultItems } from './vault-items.ts'
import { VaultSettings } from './vault-settings.ts'
import { VaultPathGrants } from './vault-path-grants.ts'
import type { FileDialogPort } from './vault-paths.ts'
import { VaultSessions } from './vault-sessions.ts'
import { VaultSync, type SyncTiming } from './vault-sync.ts'

/** The QR scanner (src-main/core/qr) as the add-key dialog uses it. */
export interface QrScannerPort {
  scanForKeys(
    image: Uint8Array,
  ): Promise<{ keys: OtpKey[]; notOtp: string[]; missing: string | null }>
}

export interface AppServicesOptions {
  appName: string
  appVersion: string
  /** Holds settings.json (recent files, preferences). */
  dataDir: string
  /** Where "new vault" suggests putting files. */
  defaultVaultDir: string
  /** resources/wordlists/eff-large-wordlist.txt, wherever the host ships it. */
  wordListPath: string
  clipboard: ClipboardPort
  vaultBackend: VaultBackend
  otp: OtpEngine
  scanner?: QrScannerPort
  /** The password-rating worker's entry for vault health (default: the core's .ts file). */
  createRatingWorker?: RatingWorkerFactory
  passwords: PasswordGeneratorPort
  fileDialogs?: FileDialogPort
  /**
   * Browser harness only (it has no native file dialogs): a path typed into the app's open or
   * new-vault dialog counts as the user's file-dialog choice. Electron's main never sets this:
   * there the renderer may only use vault paths main handed out (see VaultPathGrants).
   */
  typedPathsAreFileChoices?: boolean
  now?: () => number
  timers?: Timers
  /**
   * Argon2id parameters for passwords and passphrases set in the vault settings (new master
   * password, rotation, restore, backup passphrase). Default: calibrated to about a second.
   */
  kdfParams?: Argon2Params
  /**
   * Re-tune a master-password slot that unlocks far under the calibration target (see
   * VaultSessionsOptions.retuneFastSlots). Only where Argon2id parameters are calibrated.
   */
  retuneFastSlots?: boolean
  /** Quiet time before an automatic backup is written (default 30 s). */
  autoBackupDebounceMs?: number
  /** How often and how soon sync passes run (defaults in core/sync/sync-watcher.ts). */
  syncTiming?: SyncTiming
}

export interface AppServices {
  options: AppServicesOptions
  events: EventBus
  settings: SettingsStore
  clipboard: ClipboardGuard
  sessions: VaultSessions
  codes: LiveCodes
  items: VaultItems
  groups: VaultGroupsService
  generator: SecretGenerator
  vaultSettings: VaultSettings
  imports: VaultImports
  health: VaultHealth
  sync: VaultSync
  /** The vault paths the renderer may open or create. */
  vaultPaths: VaultPathGrants
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const events = new EventBus()
  const settings = new SettingsStore(join(options.dataDir, 'settings.json'))
  settings.onChange(() => events.emit({ type: 'settings-changed' }))
  const clipboard = new ClipboardGuard({
    port: options.clipboard,
    clearAfterSeconds: () => settings.get().clipboardClearSeconds,
    onCleared: () => events.emit({ type: 'clipboard-cleared' }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  })
  // Created after the sessions it follows; the hooks only run once a vault is unlocked.
  let vaultSettings: VaultSettings | null = null
  let imports: VaultImports | null = null
  let sync: VaultSync | null = null
  const sessions = new VaultSessions({
    backend: options.vaultBackend,
    settings,
    events,
    // Locking ends the session: a secret copied from it must not outlive it on the clipboard.
    onLocked: () => void clipboard.clearIfOurs(),
    // Automatic backups start with an unlock and write what is pending just before a lock.
    // Sync starts watching the folder of a linked vault and stops (after a last write) on lock.
    onUnlocked: (id) => {
      vaultSettings?.onUnlocked(id)
      sync?.onUnlocked(id)
    },
    // A previewed import holds the export's secrets: they go with the vault's key.
    beforeLock: (id) => {
      imports?.discard(id)
      vaultSettings?.beforeLock(id)
      sync?.beforeLock(id)
    },
    ...(options.now ? { now: options.now } : {}),
    retuneFastSlots: options.retuneFastSlots === true && options.kdfParams === undefined,
  })
  const clock = options.now ? { now: options.now } : {}
  const codes = new LiveCodes({ sessions, events, otp: options.otp, ...clock })
  const items = new VaultItems({ sessions, codes, events, otp: options.otp, ...clock })
  const groups = new VaultGroupsService({ sessions, events })
  const generator = new SecretGenerator({
    wordListPath: options.wordListPath,
    passwords: options.passwords,
  })
  const vaultPaths = new VaultPathGrants({
    knownPaths: () => [
      ...settings.recent().map((r) => r.path),
      ...sessions.list().map((v) => v.path),
    ],
    typedPathsAreChoices: options.typedPathsAreFileChoices === true,
  })
  vaultSettings = new VaultSettings({
    sessions,
    events,
    paths: vaultPaths,
    defaultDir: options.defaultVaultDir,
    ledger: new BackupLedger(join(options.dataDir, 'backups.json')),
    ...clock,
    ...(options.kdfParams ? { kdfParams: options.kdfParams } : {}),
    ...(options.autoBackupDebounceMs !== undefined
      ? { autoBackupDebounceMs: options.autoBackupDebounceMs }
      : {}),
  })
  imports = new VaultImports({ sessions, events })
  const settingsOfVaults = vaultSettings
  const health = new VaultHealth({
    sessions,
    events,
    lastBackupAt: (id) => settingsOfVaults.lastBackupAt(id),
    ...clock,
    ...(options.createRatingWorker ? { createRatingWorker: options.createRatingWorker } : {}),
  })
  sync = new VaultSync({
    sessions,
    events,
    paths: vaultPaths,
    ...clock,
    ...(options.syncTiming ? { timing: options.syncTiming } : {}),
  })
  return {
    health,
    sync,
    options,
    imports,
    events,
    settings,
    clipboard,
    sessions,
    codes,
    items,
    groups,
    generator,
    vaultPaths,
    vaultSettings,
  }
}
