// The vault settings screen's services: backups (by hand and automatic), restore, merge, recovery
// keys, one-time codes, changing the master password and rotating the vault key, a plain export,
// and unlocking with a recovery key or a one-time code. Long operations report their progress as
// events. Secrets shown once (a recovery key, one-time codes) are returned to the caller and kept
// nowhere.
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type {
  BackupDone,
  BackupFileInfo,
  AegisExportRequest,
  BackupRequest,
  CredentialSlot,
  IssuedSecrets,
  MergeReport,
  MergeRequest,
  PlainExportRequest,
  ProgressInfo,
  RestoreDone,
  RestoreRequest,
  RotateResult,
  SuggestedPaths,
  UnlockOutcome,
  UnlockSecret,
  VaultSettingsInfo,
} from '../../src-shared/ipc-contract.ts'
import { readBackupInfo } from '../core/backup/backup-reader.ts'
import { writeBackup } from '../core/backup/backup-writer.ts'
import { readMergeSource } from '../core/backup/merge-source.ts'
import { mergeInto } from '../core/backup/merge.ts'
import { exportLoginsCsv, exportOtpauthUris } from '../core/backup/plain-export.ts'
import { exportAegisJson } from '../core/export/aegis-export.ts'
import { restoreBackup } from '../core/backup/restore.ts'
import { wipe } from '../core/crypto/wipe.ts'
import { CairnError, isCairnError } from '../core/errors.ts'
import { writeFileAtomic } from '../core/fs/atomic-file.ts'
import type { Argon2Params } from '../core/kdf/argon2-params.ts'
import { rotateVaultKey } from '../core/recovery/key-rotation.ts'
import { createOneTimeCodes, oneTimeCodeCredential } from '../core/recovery/one-time-codes.ts'
import { qrSvg } from '../core/recovery/printable-page.ts'
import {
  completeRecovery,
  createRecoveryKey,
  needsNewPassword,
  recoveryKeyCredential,
  type IssuedRecoveryKey,
} from '../core/recovery/recovery-keys.ts'
import { openSlot } from '../core/vault/slot-unlock.ts'
import type { Credential, ManagedVault, SlotOptions } from '../core/vault/vault-api.ts'
import { MANIFEST_ROW_ID, shownId } from '../core/vault/manifest.ts'
import { MAX_VERSIONS, autoBackupFor, fileStem, type AutoBackup } from './auto-backup.ts'
import { backupReminder, type BackupLedger } from './backup-reminder.ts'
import type { EventBus } from './event-bus.ts'
import type { VaultPathGrants } from './vault-path-grants.ts'
import { vaultFileName } from './vault-paths.ts'
import type { VaultSessions } from './vault-sessions.ts'
import type { SessionId, VaultUuid } from '../../src-shared/ids.ts'

export interface VaultSettingsOptions {
  sessions: VaultSessions
  events: EventBus
  ledger: BackupLedger
  /** Which paths the renderer may name (chosen in main's dialogs, suggested, or known). */
  paths: VaultPathGrants
  /** Where suggested backups and exports go (the default vault folder). */
  defaultDir: string
  now?: () => number
  /** Argon2id parameters for new password slots and backup passphrases (default: calibrated). */
  kdfParams?: Argon2Params
  /** Quiet time before an automatic backup (default 30 s). */
  autoBackupDebounceMs?: number
}

/** What the person typed, as the core's credential; typos in generated codes are caught here. */
export function toCredential(secret: UnlockSecret): Credential {
  switch (secret.kind) {
    case 'password':
      return { kind: 'password', password: secret.value }
    case 'recovery-key':
      return recoveryKeyCredential(secret.value)
    case 'one-time-code':
      return oneTimeCodeCredential(secret.value)
  }
}

export class VaultSettings {
  #o: VaultSettingsOptions
  #now: () => number
  /** Automatic backups of the unlocked vaults, by session id. */
  #auto = new Map<string, AutoBackup>()
  #autoErrors = new Map<string, string>()
  /** Folders main suggested: created when chosen (a dialog's choice exists already). */
  #suggestedFolders = new Set<string>()

  constructor(options: VaultSettingsOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    options.events.subscribe((event) => {
      if (event.type === 'items-changed') this.#auto.get(event.vaultId)?.notifyChanged()
    })
  }

  // ---- hooks from the vault sessions ----------------------------------------------------------

  /** A vault was unlocked: start its automatic backups, if it has any. */
  onUnlocked(vaultId: SessionId): void {
    this.#startAuto(vaultId)
  }

  /** A vault is about to lock: write what is pending, then stop. */
  beforeLock(vaultId: SessionId): void {
    const auto = this.#auto.get(vaultId)
    this.#auto.delete(vaultId)
    auto?.close({ flush: true })
  }

  #startAuto(vaultId: SessionId): void {
    this.#auto.get(vaultId)?.close({ flush: false })
    this.#auto.delete(vaultId)
    this.#autoErrors.delete(vaultId)
    const vault = this.#vault(vaultId)
    const config = this.#o.ledger.autoBackup(vault.header.vaultUuid)
    if (!config) return
    try {
      const auto = autoBackupFor(vault, {
        folder: config.folder,
        keep: config.keep,
        // The vault id keeps two vaults of the same name apart in one folder (pruning included).
        name: `${fileStem(vault.header.name)}-${vault.header.vaultUuid.slice(0, 8)}`,
        now: this.#now,
        ...(this.#o.autoBackupDebounceMs !== undefined
          ? { debounceMs: this.#o.autoBackupDebounceMs }
          : {}),
        onWritten: (v) => this.#o.ledger.record(vault.header.vaultUuid, v.createdAt),
      })
      this.#auto.set(vaultId, auto)
    } catch (e) {
      // The folder is gone (an unplugged drive): say so in the settings, keep the vault usable.
      this.#autoErrors.set(vaultId, e instanceof Error ? e.message : String(e))
    }
  }

  // ---- unlocking ------------------------------------------------------------------------------

  async unlockWith(vaultId: SessionId, secret: UnlockSecret): Promise<UnlockOutcome> {
    const vault = await this.#o.sessions.unlockWith(vaultId, toCredential(secret))
    return { vault, mustChangePassword: needsNewPassword(this.#vault(vaultId)) }
  }

  async completeRecovery(vaultId: SessionId, newPassword: string): Promise<IssuedSecrets> {
    const vault = this.#vault(vaultId)
    const progress = this.#progress(vaultId, 'recovery')
    progress('deriving-key')
    const issued = await completeRecovery(vault, newPassword, {
      passwordOptions: this.#slotOptions(),
    })
    progress('done')
    return this.#issuedKey(vault, issued)
  }

  // ---- overview -------------------------------------------------------------------------------

  info(vaultId: SessionId): VaultSettingsInfo {
    const vault = this.#vault(vaultId)
    const current = vault.unlockedWith.id
    const credentials: CredentialSlot[] = vault.slots().map((s) => ({
      id: s.id,
      kind: s.kind,
      label: s.label,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      current: s.id === current,
    }))
    const integrity = [
      ...vault
        .list({ includeTrash: true })
        .damaged.map((d) => `${d.id === MANIFEST_ROW_ID ? d.id : shownId(d.id)}: ${d.reason}`),
      ...this.#o.sessions
        .info(vaultId)
        .notices.filter((n) => n.action === 'accept-current')
        .map((n) => n.text),
    ]
    const config = this.#o.ledger.autoBackup(vault.header.vaultUuid)
    const status = this.#auto.get(vaultId)?.status()
    const autoBackup = config
      ? {
          folder: config.folder,
          keep: config.keep,
          lastBackupAt: status?.lastBackupAt ?? null,
          lastError: status?.lastError ?? this.#autoErrors.get(vaultId) ?? null,
          pending: status?.pending ?? false,
        }
      : null
    const reminder = backupReminder({
      lastBackupAt: this.lastBackupAt(vaultId),
      vaultCreatedAt: vault.header.createdAt,
      now: this.#now(),
    })
    return { credentials, integrity, autoBackup, reminder }
  }

  /** When the vault was last backed up, by hand or automatically; null when never. */
  lastBackupAt(vaultId: SessionId): number | null {
    const vault = this.#vault(vaultId)
    // Versions already in the automatic folder count too (made in an earlier run, say).
    const times = [
      this.#o.ledger.lastBackupAt(vault.header.vaultUuid),
      this.#auto.get(vaultId)?.status().lastBackupAt,
    ]
    const known = times.filter((t): t is number => typeof t === 'number')
    return known.length ? Math.max(...known) : null
  }

  /** Free names in the default folder for this vault's backup and exports, allowed for writing. */
  suggestPaths(vaultId: SessionId): SuggestedPaths {
    const vault = this.#vault(vaultId)
    const stem = vaultFileName(vault.header.name).replace(/\.cairn$/, '')
    const day = new Date(this.#now()).toISOString().slice(0, 10)
    const free = (base: string, ext: string) => {
      let candidate = join(this.#o.defaultDir, `${base}${ext}`)
      for (let n = 2; existsSync(candidate); n++) {
        candidate = join(this.#o.defaultDir, `${base} ${n}${ext}`)
      }
      return candidate
    }
    const { paths } = this.#o
    const folder = join(this.#o.defaultDir, 'Backups')
    this.#suggestedFolders.add(folder)
    return {
      backup: paths.chosenToWrite(free(`${stem} backup ${day}`, '.cairnbackup')),
      otpauthExport: paths.chosenToWrite(free(`${stem} 2FA keys UNENCRYPTED`, '.txt')),
      csvExport: paths.chosenToWrite(free(`${stem} logins UNENCRYPTED`, '.csv')),
      aegisExport: paths.chosenToWrite(free(`${stem} (Aegis export)`, '.json')),
      autoBackupFolder: paths.chosenFolder(folder),
    }
  }

  // ---- backups --------------------------------------------------------------------------------

  async backup(vaultId: SessionId, request: BackupRequest): Promise<BackupDone> {
    const vault = this.#vault(vaultId)
    // A backup passphrase opens this copy of every secret: minting one needs the master password.
    if (request.passphrase !== null) await this.#checkPassword(vault, request.currentPassword ?? '')
    const report = this.#progress(vaultId, 'backup')
    const protection =
      request.passphrase === null
        ? { kind: 'vault-slots' as const }
        : {
            kind: 'passphrase' as const,
            passphrase: request.passphrase,
            ...(this.#o.kdfParams ? { kdfParams: this.#o.kdfParams } : {}),
          }
    const summary = await writeBackup(vault, this.#o.paths.toWrite(request.path), {
      protection,
      onProgress: (p) => report(p.phase, p.done, p.total),
    })
    this.#o.ledger.record(vault.header.vaultUuid, this.#now())
    return {
      path: summary.path,
      items: summary.items,
      tombstones: summary.tombstones,
      skippedDamaged: summary.skippedDamaged.length,
      createdAt: summary.createdAt,
    }
  }

  inspectBackup(path: string): BackupFileInfo {
    const info = readBackupInfo(this.#o.paths.toRead(path))
    return {
      protection: info.protection,
      vaultUuid: info.vaultUuid as VaultUuid,
      createdAt: info.createdAt,
    }
  }

  async restore(request: RestoreRequest): Promise<RestoreDone> {
    const backupPath = this.#o.paths.toRead(request.backupPath)
    const vaultPath = this.#o.paths.toCreate(request.vaultPath)
    const info = readBackupInfo(backupPath)
    const report = this.#progress(null, 'restore')
    let credential: Parameters<typeof restoreBackup>[2]
    if (info.protection === 'passphrase') {
      if (request.passphrase === null) {
        throw new CairnError('WRONG_CREDENTIAL', 'This backup needs its backup passphrase')
      }
      credential = { kind: 'backup-passphrase', passphrase: request.passphrase }
    } else {
      if (request.secret === null) {
        throw new CairnError(
          'WRONG_CREDENTIAL',
          "This backup opens with its vault's master password or a recovery key",
        )
      }
      credential = toCredential(request.secret)
    }
    await restoreBackup(backupPath, vaultPath, credential, {
      newPassword: request.newPassword ?? undefined,
      ...(this.#o.kdfParams ? { kdfParams: this.#o.kdfParams } : {}),
      onProgress: (p) => report(p.phase, p.done, p.total),
    })
    report('done')
    try {
      return { path: vaultPath, vault: this.#o.sessions.open(vaultPath) }
    } catch (e) {
      // Written and complete, but another copy of this vault is open (one at a time).
      if (isCairnError(e, 'CONFLICT')) return { path: vaultPath, vault: null }
      throw e
    }
  }

  async merge(vaultId: SessionId, request: MergeRequest): Promise<MergeReport> {
    const vault = this.#vault(vaultId)
    const report = this.#progress(vaultId, 'merge')
    report('reading')
    const other = await readMergeSource(
      this.#o.paths.toRead(request.otherPath),
      {
        ...(request.secret ? { credential: toCredential(request.secret) } : {}),
        ...(request.passphrase !== null ? { passphrase: request.passphrase } : {}),
      },
      vault,
    )
    report('merging')
    const s = mergeInto(vault, other.side)
    this.#o.events.emit({ type: 'items-changed', vaultId })
    report('done')
    return {
      added: s.added,
      updated: s.updated,
      deleted: s.deleted,
      revived: s.revived,
      unchanged: s.unchanged,
      conflicts: s.conflicts.map((c) => ({ title: c.title })),
    }
  }

  setAutoBackup(
    vaultId: SessionId,
    config: { folder: string; keep: number } | null,
  ): VaultSettingsInfo {
    const vault = this.#vault(vaultId)
    if (config) {
      const current = this.#o.ledger.autoBackup(vault.header.vaultUuid)?.folder ?? null
      const folder = this.#o.paths.toFolder(config.folder, current)
      if (!existsSync(folder) && this.#suggestedFolders.has(folder)) {
        mkdirSync(folder, { recursive: true, mode: 0o700 })
      }
      if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new CairnError('FILE_NOT_FOUND', `The folder ${folder} does not exist`)
      }
      config = { folder, keep: config.keep }
      if (!Number.isInteger(config.keep) || config.keep < 1 || config.keep > MAX_VERSIONS) {
        throw new CairnError('INVALID_ARGUMENT', `Keep 1 to ${MAX_VERSIONS} backup versions`)
      }
    }
    this.#o.ledger.setAutoBackup(vault.header.vaultUuid, config)
    this.#startAuto(vaultId)
    // A new folder gets a first version at once: from now on it holds a complete backup.
    this.#auto.get(vaultId)?.backupNow()
    return this.info(vaultId)
  }

  backupNow(vaultId: SessionId): VaultSettingsInfo {
    this.#vault(vaultId)
    const auto = this.#auto.get(vaultId)
    if (!auto) {
      throw new CairnError(
        'CONFLICT',
        this.#autoErrors.get(vaultId) ?? 'Automatic backups are off for this vault',
      )
    }
    auto.backupNow()
    return this.info(vaultId)
  }

  async exportPlain(vaultId: SessionId, request: PlainExportRequest): Promise<{ path: string }> {
    const vault = this.#vault(vaultId)
    const path = this.#o.paths.toWriteUnencrypted(request.path)
    await this.#checkPassword(vault, request.currentPassword)
    const ack = { acknowledgeUnencrypted: request.acknowledgeUnencrypted === true }
    const items = vault.list().items
    const text =
      request.format === 'otpauth' ? exportOtpauthUris(items, ack) : exportLoginsCsv(items, ack)
    writeFileAtomic(path, [Buffer.from(text, 'utf8')])
    return { path }
  }

  /** The 2FA keys as an encrypted Aegis vault file, in a new file. */
  async exportAegis(
    vaultId: SessionId,
    request: AegisExportRequest,
  ): Promise<{ path: string; keys: number }> {
    const vault = this.#vault(vaultId)
    const path = this.#o.paths.toWrite(request.path)
    await this.#checkPassword(vault, request.currentPassword)
    const items = vault.list().items
    const keys = items.filter((i) => i.data.type === 'otp').length
    if (keys === 0)
      throw new CairnError('INVALID_ARGUMENT', 'This vault holds no 2FA keys to export')
    writeFileAtomic(path, [exportAegisJson(items, { password: request.exportPassword })])
    return { path, keys }
  }

  // ---- credentials ----------------------------------------------------------------------------

  async createRecoveryKey(
    vaultId: SessionId,
    label: string,
    current: string,
  ): Promise<IssuedSecrets> {
    const vault = this.#vault(vaultId)
    await this.#checkPassword(vault, current)
    return this.#issuedKey(vault, await createRecoveryKey(vault, { label }))
  }

  async createOneTimeCodes(
    vaultId: SessionId,
    count: number,
    current: string,
  ): Promise<IssuedSecrets> {
    const vault = this.#vault(vaultId)
    await this.#checkPassword(vault, current)
    const codes = await createOneTimeCodes(vault, count, { slotOptions: this.#slotOptions() })
    return {
      kind: 'one-time-codes',
      label: codes[0]?.slot.label.replace(/ #1$/, '') ?? 'One-time codes',
      vaultName: vault.header.name,
      createdAt: codes[0]?.slot.createdAt ?? this.#now(),
      secrets: codes.map((c) => c.code),
      qrDataUrl: null,
    }
  }

  revokeCredential(vaultId: SessionId, slotId: string): VaultSettingsInfo {
    const vault = this.#vault(vaultId)
    const slot = vault.slots().find((s) => s.id === slotId)
    if (!slot) throw new CairnError('NOT_FOUND', 'That key slot no longer exists')
    if (slot.kind === 'password') {
      throw new CairnError('CONFLICT', 'The master password cannot be revoked: change it instead')
    }
    vault.removeSlot(slotId)
    return this.info(vaultId)
  }

  async changePassword(vaultId: SessionId, current: string, next: string): Promise<void> {
    const vault = this.#vault(vaultId)
    const report = this.#progress(vaultId, 'change-password')
    report('checking')
    await this.#checkPassword(vault, current)
    report('deriving-key')
    await vault.changePassword(next, this.#slotOptions())
    this.#o.sessions.settleNotices(vaultId, 'change-password')
    report('done')
  }

  async rotateKey(vaultId: SessionId, current: string, next: string): Promise<RotateResult> {
    const vault = this.#vault(vaultId)
    const report = this.#progress(vaultId, 'rotate-key')
    report('checking')
    await this.#checkPassword(vault, current)
    report('re-encrypting')
    const result = await rotateVaultKey(vault, next, { passwordOptions: this.#slotOptions() })
    this.#o.sessions.settleNotices(vaultId, 'rotate-key')
    this.#o.sessions.settleNotices(vaultId, 'change-password')
    this.#o.events.emit({ type: 'items-changed', vaultId })
    report('done')
    return {
      revokedSlots: result.revokedSlots.length,
      recoveryKey: result.recoveryKey ? await this.#issuedKey(vault, result.recoveryKey) : null,
    }
  }

  /** Accepts the vault's current contents (see ManagedVault.acceptCurrent). */
  async acceptCurrent(vaultId: SessionId, current: string): Promise<VaultSettingsInfo> {
    const vault = this.#vault(vaultId)
    await this.#checkPassword(vault, current)
    vault.acceptCurrent()
    this.#o.sessions.settleNotices(vaultId, 'accept-current')
    this.#o.events.emit({ type: 'items-changed', vaultId })
    return this.info(vaultId)
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The open vault of a session (LOCKED when it is not unlocked). */
  #vault(vaultId: SessionId): ManagedVault {
    return this.#o.sessions.unlocked(vaultId)
  }

  /** WRONG_PASSWORD unless `password` opens one of the vault's password slots. */
  async #checkPassword(vault: ManagedVault, password: string): Promise<void> {
    const { key } = await openSlot(vault.header.vaultUuid, vault.slotRows(['password']), {
      kind: 'password',
      password,
    })
    wipe(key)
  }

  #slotOptions(): SlotOptions {
    return this.#o.kdfParams ? { kdfParams: this.#o.kdfParams } : {}
  }

  async #issuedKey(vault: ManagedVault, issued: IssuedRecoveryKey): Promise<IssuedSecrets> {
    const svg = await qrSvg(issued.key)
    return {
      kind: 'recovery-key',
      label: issued.slot.label,
      vaultName: vault.header.name,
      createdAt: issued.slot.createdAt,
      secrets: [issued.key],
      qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
    }
  }

  #progress(
    vaultId: SessionId | null,
    operation: ProgressInfo['operation'],
  ): (phase: string, done?: number, total?: number) => void {
    return (phase, done = 0, total = 0) =>
      this.#o.events.emit({
        type: 'progress',
        vaultId,
        progress: { operation, phase, done, total },
      })
  }
}
