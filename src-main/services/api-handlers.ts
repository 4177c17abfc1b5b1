// One plain-function table keyed by channel name: validates every argument, calls the services and
// returns an ApiResult envelope. Electron's ipcMain registration and the browser harness both serve
// exactly this table; each host passes what only it has (windows, screen capture, the hotkey) as
// DesktopPorts.
import { existsSync, mkdirSync } from 'node:fs'
import {
  API,
  type ApiArea,
  type ApiError,
  type ApiErrorCode,
  type ApiResult,
  type ApiSpec,
  type ArgsOf,
  type ResultOf,
} from '../../src-shared/ipc-contract.ts'
import { CairnError, type CairnErrorCode } from '../core/errors.ts'
import { copiedCodeNote } from '../core/otp/code-to-copy.ts'
import type { AppServices } from './app-services.ts'
import { argSchemas } from './api-schemas.ts'
import { required } from './core-ports.ts'
import { PickerService } from './picker-service.ts'
import type { ScanService } from './scan-service.ts'
import { pickerPorts } from './shell-ports.ts'
import { suggestVaultPath } from './vault-paths.ts'
import type { CommandLineStatus, HotkeyStatus } from '../../src-shared/ipc-contract.ts'

/** What only the host can do: its windows, screen capture and dialogs, the global shortcut. */
export interface DesktopPorts {
  hidePicker(): void
  scans: Pick<ScanService, 'scanScreen' | 'scanClipboardImage' | 'scanImageFile'>
  hotkey: {
    readonly status: HotkeyStatus
    /** Registers the new shortcut; throws CONFLICT or INVALID_ARGUMENT and keeps the old one. */
    change(accelerator: string): HotkeyStatus
  }
  /** Locks every vault the way the tray and the auto-lock do. */
  lockAll(): Promise<void>
  /** Answering the `cairn` command line (absent where the host cannot). */
  commandLine?: { status(): CommandLineStatus }
}

/** What a handler receives: the argument list exactly as it arrived (unvalidated). */
export type RawHandler = (args: unknown) => Promise<ApiResult<unknown>>

export type ApiHandlerTable = Readonly<Record<string, RawHandler>>

type Implementations = {
  [A in ApiArea]: {
    [M in keyof ApiSpec[A]]: (
      ...args: ArgsOf<ApiSpec[A][M]>
    ) => ResultOf<ApiSpec[A][M]> | Promise<ResultOf<ApiSpec[A][M]>>
  }
}

// Every core error code is an API error code (checked here at compile time).
const _codesFit: CairnErrorCode extends ApiErrorCode ? true : never = true

export function toApiError(error: unknown): ApiError {
  if (error instanceof CairnError) return { code: error.code, message: error.message }
  // Unexpected failures are logged by name only (a message could quote a secret), and reported
  // without detail.
  console.error(
    'Cairn: unexpected error in an API call:',
    error instanceof Error ? error.name : typeof error,
  )
  return { code: 'INTERNAL', message: 'Something went wrong inside Cairn. Nothing was changed.' }
}

function implementations(s: AppServices, desktop: DesktopPorts): Implementations {
  const o = s.options
  const picker = new PickerService(pickerPorts(s))
  return {
    app: {
      info: () => ({
        name: o.appName,
        version: o.appVersion,
        capabilities: {
          fileDialogs: o.fileDialogs !== undefined,
          qrScanner: o.scanner !== undefined,
        },
      }),
    },
    settings: {
      get: () => s.settings.get(),
      update: (patch) => {
        // A shortcut that cannot be registered is refused before anything is saved.
        if (patch.copyCodeHotkey !== undefined) {
          const accelerator = desktop.hotkey.change(patch.copyCodeHotkey).accelerator
          return s.settings.update({ ...patch, copyCodeHotkey: accelerator })
        }
        return s.settings.update(patch)
      },
      commandLine: () =>
        desktop.commandLine?.status() ?? {
          answering: false,
          problem: 'This build of Cairn cannot answer the command line',
        },
    },
    vaults: {
      list: () => s.sessions.list(),
      recent: () => recentVaults(s),
      forgetRecent: (path) => {
        s.settings.forgetRecent(path)
        return recentVaults(s)
      },
      suggestPath: (name) => {
        mkdirSync(o.defaultVaultDir, { recursive: true })
        return s.vaultPaths.chosenToCreate(suggestVaultPath(o.defaultVaultDir, name))
      },
      // The renderer may only name files main handed out or already knows (VaultPathGrants).
      create: ({ path, name, password }) =>
        s.sessions.create(s.vaultPaths.toCreate(path), name.trim(), password),
      open: (path) => s.sessions.open(s.vaultPaths.toOpen(path)),
      unlock: (vaultId, password) => s.sessions.unlock(vaultId, password),
      unlockWith: (vaultId, secret) => s.vaultSettings.unlockWith(vaultId, secret),
      lock: (vaultId) => s.sessions.lock(vaultId),
      lockAll: () => s.sessions.lockAll(),
      close: (vaultId) => s.sessions.close(vaultId),
    },
    dialogs: {
      chooseVaultToOpen: async () => {
        const chosen = await required(o.fileDialogs, 'A file dialog').chooseVaultToOpen()
        return chosen === null ? null : s.vaultPaths.chosenToOpen(chosen)
      },
      chooseNewVaultPath: async (suggested) => {
        const chosen = await required(o.fileDialogs, 'A file dialog').chooseNewVaultPath(suggested)
        return chosen === null ? null : s.vaultPaths.chosenToCreate(chosen)
      },
      chooseFileToRead: async () => {
        const dialogs = required(o.fileDialogs?.chooseFileToRead && o.fileDialogs, 'A file dialog')
        const chosen = await dialogs.chooseFileToRead!()
        return chosen === null ? null : s.vaultPaths.chosenToRead(chosen)
      },
      chooseSavePath: async (purpose, suggested) => {
        const dialogs = required(o.fileDialogs?.chooseSavePath && o.fileDialogs, 'A file dialog')
        const chosen = await dialogs.chooseSavePath!(purpose, suggested)
        return chosen === null ? null : s.vaultPaths.chosenToWrite(chosen, { inDialog: true })
      },
      chooseFolder: async (suggested) => {
        const dialogs = required(o.fileDialogs?.chooseFolder && o.fileDialogs, 'A folder dialog')
        const chosen = await dialogs.chooseFolder!(suggested)
        return chosen === null ? null : s.vaultPaths.chosenFolder(chosen)
      },
    },
    items: {
      list: (vaultId) => s.items.list(vaultId),
      search: (query, filter) => s.items.search(query, filter),
      detail: (vaultId, itemId) => s.items.detail(vaultId, itemId),
      reveal: (vaultId, itemId, ref) => s.items.reveal(vaultId, itemId, ref),
      recoveryCodes: (vaultId, itemId) => s.items.recoveryCodes(vaultId, itemId),
      passwordHistory: (vaultId, itemId) => s.items.passwordHistory(vaultId, itemId),
      create: (vaultId, input) => s.items.create(vaultId, input),
      update: (vaultId, itemId, revision, input) =>
        s.items.update(vaultId, itemId, revision, input),
      trash: (vaultId, itemId) => s.items.trash(vaultId, itemId),
      restore: (vaultId, itemId) => s.items.restore(vaultId, itemId),
      setFavourite: (vaultId, itemId, favourite) =>
        s.items.setFavourite(vaultId, itemId, favourite),
      purge: (vaultId, itemId) => s.items.purge(vaultId, itemId),
      move: (vaultId, itemIds, group) => s.groups.move(vaultId, itemIds, group),
    },
    groups: {
      tree: (vaultId) => s.groups.tree(vaultId),
      create: (vaultId, path) => s.groups.create(vaultId, path),
      rename: (vaultId, from, to) => s.groups.rename(vaultId, from, to),
      remove: (vaultId, path) => s.groups.remove(vaultId, path),
    },
    health: {
      report: () => s.health.report(),
    },
    codes: {
      get: (vaultId, itemIds) => s.codes.get(vaultId, itemIds),
      hotpNext: (vaultId, itemId) => s.codes.hotpNext(vaultId, itemId),
    },
    otp: {
      preview: (source) => s.codes.preview(source),
      scanImage: async (image) => {
        const found = await required(o.scanner, 'The QR scanner').scanForKeys(image)
        return {
          keys: found.keys.map((key) => ({
            uri: o.otp.formatOtpauthUri(key),
            preview: s.codes.previewKey(key),
          })),
          notOtp: found.notOtp,
          missing: found.missing,
        }
      },
    },
    generator: {
      password: (options) => s.generator.password(options),
      passphrase: (options) => s.generator.passphrase(options),
      strength: (password) => s.generator.strength(password),
    },
    vaultSettings: {
      info: (vaultId) => s.vaultSettings.info(vaultId),
      suggestPaths: (vaultId) => s.vaultSettings.suggestPaths(vaultId),
      backup: (vaultId, request) => s.vaultSettings.backup(vaultId, request),
      inspectBackup: (path) => s.vaultSettings.inspectBackup(path),
      restore: (request) => s.vaultSettings.restore(request),
      merge: (vaultId, request) => s.vaultSettings.merge(vaultId, request),
      setAutoBackup: (vaultId, config) => s.vaultSettings.setAutoBackup(vaultId, config),
      backupNow: (vaultId) => s.vaultSettings.backupNow(vaultId),
      createRecoveryKey: (vaultId, label, current) =>
        s.vaultSettings.createRecoveryKey(vaultId, label, current),
      createOneTimeCodes: (vaultId, count, current) =>
        s.vaultSettings.createOneTimeCodes(vaultId, count, current),
      revokeCredential: (vaultId, slotId) => s.vaultSettings.revokeCredential(vaultId, slotId),
      changePassword: (vaultId, current, next) =>
        s.vaultSettings.changePassword(vaultId, current, next),
      rotateKey: (vaultId, current, next) => s.vaultSettings.rotateKey(vaultId, current, next),
      acceptCurrent: (vaultId, current) => s.vaultSettings.acceptCurrent(vaultId, current),
      completeRecovery: (vaultId, newPassword) =>
        s.vaultSettings.completeRecovery(vaultId, newPassword),
      exportPlain: (vaultId, request) => s.vaultSettings.exportPlain(vaultId, request),
      exportAegis: (vaultId, request) => s.vaultSettings.exportAegis(vaultId, request),
    },
    sync: {
      status: (vaultId) => s.sync.status(vaultId),
      link: (vaultId, folder) => s.sync.link(vaultId, folder),
      now: (vaultId) => s.sync.now(vaultId),
      forget: (vaultId, deviceId) => s.sync.forget(vaultId, deviceId),
      unlink: (vaultId) => s.sync.unlink(vaultId),
      join: (request) => s.sync.join(request),
      adoptNewPassword: (vaultId, password) => s.sync.adoptNewPassword(vaultId, password),
    },
    imports: {
      preview: (vaultId, request) => s.imports.preview(vaultId, request),
      apply: (vaultId, previewId) => s.imports.apply(vaultId, previewId),
      deleteFile: (vaultId) => s.imports.deleteFile(vaultId),
    },
    clipboard: {
      copy: async (vaultId, itemId, ref) => {
        if (ref.kind !== 'code') {
          const { clearsAt } = await s.clipboard.copy(s.items.textToCopy(vaultId, itemId, ref))
          return { clearsAt, code: null }
        }
        const chosen = s.codes.codeToCopy(vaultId, itemId)
        const { clearsAt } = await s.clipboard.copy(chosen.code)
        const note = copiedCodeNote(chosen, (o.now ?? Date.now)())
        return { clearsAt, code: chosen.which, note }
      },
      copyText: async (text) => ({ ...(await s.clipboard.copy(text)), code: null }),
      clear: () => s.clipboard.clearIfOurs(),
    },
    picker: {
      state: () => picker.state(),
      unlock: (vaultId, password) => picker.unlock(vaultId, password),
      copy: (vaultId, itemId) => picker.copy(vaultId, itemId),
      close: () => desktop.hidePicker(),
    },
    shell: {
      scanScreen: () => desktop.scans.scanScreen(),
      scanClipboardImage: () => desktop.scans.scanClipboardImage(),
      scanImageFile: () => desktop.scans.scanImageFile(),
      hotkeyStatus: () => desktop.hotkey.status,
      lockAll: () => desktop.lockAll(),
    },
  }
}

function recentVaults(s: AppServices) {
  return s.settings.recent().map((r) => ({ ...r, exists: existsSync(r.path) }))
}

export function createApiHandlers(services: AppServices, desktop: DesktopPorts): ApiHandlerTable {
  const impl = implementations(services, desktop) as unknown as Record<
    string,
    Record<string, (...args: unknown[]) => unknown>
  >
  const schemas = argSchemas as unknown as Record<
    string,
    Record<string, (a: unknown, p: string) => unknown[]>
  >
  const table: Record<string, RawHandler> = {}
  for (const [area, methods] of Object.entries(API)) {
    for (const [method, channel] of Object.entries(methods as Record<string, string>)) {
      const validate = schemas[area]?.[method]
      const run = impl[area]?.[method]
      if (!validate || !run) throw new Error(`Cairn: no handler for ${channel}`)
      table[channel] = async (rawArgs) => {
        try {
          const value = await run(...validate(rawArgs, channel))
          return { ok: true, value }
        } catch (error) {
          return { ok: false, error: toApiError(error) }
        }
      }
    }
  }
  return Object.freeze(table)
}
