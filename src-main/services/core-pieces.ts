// The real core modules, as the services' ports. Electron's main and the browser harness both
// take them from here, so the two hosts always run the same pieces.
import { generatePassword, passwordEntropyBits } from '../core/generate/password-generator.ts'
import type { Argon2Params } from '../core/kdf/argon2-params.ts'
import { QrScanWorker, type ScanWorkerFactory } from '../core/qr/scan-in-worker.ts'
import { currentCode, hotpCode } from '../core/otp/otp-codes.ts'
import { normalizeOtpKey } from '../core/otp/otp-key.ts'
import { formatOtpauthUri, parseOtpauthUri } from '../core/otp/otpauth-uri.ts'
import { createVault, openVault } from '../core/vault/vault-file.ts'
import type { AppServicesOptions } from './app-services.ts'
import type { OtpEngine, VaultBackend } from './core-ports.ts'
import { createImageKeyScanner } from './image-key-scanner.ts'
import type { PasswordGeneratorPort } from './secret-generator.ts'

export type CorePieces = Pick<AppServicesOptions, 'vaultBackend' | 'otp' | 'scanner' | 'passwords'>

export const otpEngine: OtpEngine = {
  currentCode,
  hotpCode,
  normalizeOtpKey: (key) => normalizeOtpKey(key),
  parseOtpauthUri,
  formatOtpauthUri,
}

/** Vault files at the production Argon2id parameters (calibrated to about a second). */
export const vaultBackend: VaultBackend = vaultBackendWith(undefined)

/**
 * Vault files whose password slot uses fixed Argon2id parameters instead of calibrating (never below
 * RFC 9106's floor: the vault core refuses weaker ones).
 */
export function vaultBackendWith(kdfParams: Argon2Params | undefined): VaultBackend {
  return {
    create: (path, options) => createVault(path, kdfParams ? { ...options, kdfParams } : options),
    open: (path) => openVault(path),
  }
}

export const passwordGenerator: PasswordGeneratorPort = {
  generatePassword: (options) => ({
    value: generatePassword(options),
    entropyBits: Math.round(passwordEntropyBits(options) * 10) / 10,
  }),
}

/**
 * The QR scanner on one warm worker thread. Under Node the worker runs the core's .ts entry;
 * Electron's main passes the factory its bundled `?nodeWorker` entry gives (src-main/electron).
 */
export function qrScanner(createWorker?: ScanWorkerFactory): {
  scanner: NonNullable<CorePieces['scanner']>
  close: () => Promise<void>
} {
  const worker = new QrScanWorker(createWorker ? { createWorker } : {})
  return {
    scanner: createImageKeyScanner((image) => worker.scan(image)),
    close: () => worker.close(),
  }
}

export function corePieces(options: { scanner?: CorePieces['scanner'] } = {}): CorePieces {
  return {
    vaultBackend,
    otp: otpEngine,
    passwords: passwordGenerator,
    ...(options.scanner ? { scanner: options.scanner } : {}),
  }
}
