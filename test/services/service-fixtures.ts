// App services over real vault files in a fresh temporary folder. Vaults are created with the
// vault core's test-only fast Argon2id parameters; everything else is the production wiring.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createVault, openVault } from '../../src-main/core/vault/vault-file.ts'
import { createApiHandlers, type DesktopPorts } from '../../src-main/services/api-handlers.ts'
import { CairnError } from '../../src-main/core/errors.ts'
import type { ApiResult } from '../../src-shared/ipc-contract.ts'
import {
  createAppServices,
  type AppServices,
  type AppServicesOptions,
} from '../../src-main/services/app-services.ts'
import { MemoryClipboard } from '../../src-main/services/clipboard-port.ts'
import { otpEngine, passwordGenerator } from '../../src-main/services/core-pieces.ts'

export const FAST_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }

export interface Harness {
  dir: string
  services: AppServices
  clipboard: MemoryClipboard
  handlers: ReturnType<typeof createApiHandlers>
  /** A channel's handler called as the window calls it: the result the window would receive. */
  call: <T = unknown>(channel: string, ...args: unknown[]) => Promise<ApiResult<T>>
  /** The value of a call that must succeed; a failure throws, naming the channel and the error. */
  value: <T>(channel: string, ...args: unknown[]) => Promise<T>
  path: (name: string) => string
  cleanup: () => void
}

type HostOptions = Pick<
  AppServicesOptions,
  | 'now'
  | 'timers'
  | 'fileDialogs'
  | 'typedPathsAreFileChoices'
  | 'kdfParams'
  | 'autoBackupDebounceMs'
  | 'syncTiming'
  | 'retuneFastSlots'
>

/** A host without a desktop: no windows, screen or shortcut; lock-all locks the sessions. */
export function headlessDesktop(services: AppServices): DesktopPorts {
  const none = async (): Promise<never> => {
    throw new CairnError('UNSUPPORTED', 'No desktop in this test.')
  }
  return {
    hidePicker: () => {},
    scans: { scanScreen: none, scanClipboardImage: none, scanImageFile: none },
    hotkey: {
      status: { accelerator: '', registered: false, error: 'No desktop in this test.', hint: null },
      change: () => {
        throw new CairnError('UNSUPPORTED', 'No desktop in this test.')
      },
    },
    lockAll: async () => {
      services.sessions.lockAll()
    },
  }
}

export function servicesInTempDir(
  options: HostOptions = {},
  desktop: (services: AppServices) => DesktopPorts = headlessDesktop,
): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-services-'))
  const clipboard = new MemoryClipboard()
  const services = createAppServices({
    appName: 'Cairn',
    appVersion: 'test',
    dataDir: dir,
    defaultVaultDir: dir,
    wordListPath: new URL('../../resources/wordlists/eff-large-wordlist.txt', import.meta.url)
      .pathname,
    clipboard,
    vaultBackend: {
      create: (path, o) => createVault(path, { ...o, unsafeKdfParamsForTests: FAST_KDF }),
      open: (path) => openVault(path),
    },
    otp: otpEngine,
    passwords: passwordGenerator,
    ...options,
  })
  const handlers = createApiHandlers(services, desktop(services))
  const call = async <T>(channel: string, ...args: unknown[]): Promise<ApiResult<T>> => {
    const handler = handlers[channel]
    if (!handler) throw new Error(`no handler for ${channel}`)
    return (await handler(args)) as ApiResult<T>
  }
  const value = async <T>(channel: string, ...args: unknown[]): Promise<T> => {
    const r = await call<T>(channel, ...args)
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value
  }
  return {
    dir,
    services,
    clipboard,
    handlers,
    call,
    value,
    path: (name) => join(dir, name),
    cleanup: () => {
      services.sessions.closeAll()
      services.clipboard.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
