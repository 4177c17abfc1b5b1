// The real core modules, as the services' ports. Electron's main and the browser harness both
// take them from here, so the two hosts always run the same pieces.
import { generatePassword, passwordEntropyBits } from '../core/generate/password-generator.ts'
import type { Argon2Params } from '../core/kdf/argon2-params.ts'
import { currentCode, hotpCode } from '../core/otp/otp-codes.ts'
import { normalizeOtpKey } from '../core/otp/otp-key.ts'
import { formatOtpauthUri, parseOtpauthUri } from '../core/otp/otpauth-uri.ts'
import { createVault, openVault } from '../core/vault/vault-file.ts'
import type { AppServicesOptions } from './app-services.ts'
import type { OtpEngine, VaultBackend } from './core-ports.ts'
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

export function corePieces(): CorePieces {
  // The QR scanner is wired here when its core module lands on main.
  return { vaultBackend, otp: otpEngine, passwords: passwordGenerator }
}
