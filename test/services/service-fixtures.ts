// App services over real vault files in a fresh temporary folder. Vaults are created with the
// vault core's test-only fast Argon2id parameters; everything else is the production wiring.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createVault, openVault } from '../../src-main/core/vault/vault-file.ts'
import { createApiHandlers } from '../../src-main/services/api-handlers.ts'
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
>

export function servicesInTempDir(options: HostOptions = {}): Harness {
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
  return {
    dir,
    services,
    clipboard,
    handlers: createApiHandlers(services),
    path: (name) => join(dir, name),
    cleanup: () => {
      services.sessions.closeAll()
      services.clipboard.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
