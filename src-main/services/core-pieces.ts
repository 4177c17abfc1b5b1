// The real core modules, as the services' ports. Electron's main and the browser harness both
// take them from here, so the two hosts always run the same pieces.
import { generatePassword, passwordEntropyBits } from '../core/generate/password-generator.ts'
import { currentCode, hotpCode } from '../core/otp/otp-codes.ts'
import { normalizeOtpKey } from '../core/otp/otp-key.ts'
import { formatOtpauthUri, parseOtpauthUri } from '../core/otp/otpauth-uri.ts'
import type { AppServicesOptions } from './app-services.ts'
import type { OtpEngine } from './core-ports.ts'
import type { PasswordGeneratorPort } from './secret-generator.ts'

export type CorePieces = Pick<AppServicesOptions, 'vaultBackend' | 'otp' | 'scanner' | 'passwords'>

export const otpEngine: OtpEngine = {
  currentCode,
  hotpCode,
  normalizeOtpKey: (key) => normalizeOtpKey(key),
  parseOtpauthUri,
  formatOtpauthUri,
}

export const passwordGenerator: PasswordGeneratorPort = {
  generatePassword: (options) => ({
    value: generatePassword(options),
    entropyBits: Math.round(passwordEntropyBits(options) * 10) / 10,
  }),
}

export function corePieces(): CorePieces {
  // The vault file and the QR scanner are wired here as their core modules land on main.
  return { otp: otpEngine, passwords: passwordGenerator }
}
