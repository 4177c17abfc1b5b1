// The core pieces the services use, as small interfaces: the composition root (Electron's main,
// the browser harness, tests) passes the real modules in. A host-specific piece that a host does
// not have (the harness has no file dialogs) makes its feature answer UNSUPPORTED.
import { CairnError } from '../core/errors.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import type { ManagedLockedVault, ManagedVault } from '../core/vault/vault-api.ts'

export interface VaultBackend {
  /** Creates a new vault file (FILE_EXISTS if the path is taken) and returns it unlocked. */
  create(path: string, options: { name: string; password: string }): Promise<ManagedVault>
  /** Opens a vault file locked; throws FILE_NOT_FOUND, NOT_SQLITE, NOT_CAIRN_VAULT, ... */
  open(path: string): ManagedLockedVault
}

/** What the services need of the OTP engine (src-main/core/otp). */
export interface OtpEngine {
  currentCode(
    key: OtpKey,
    nowMs: number,
  ): { code: string; nextCode: string; periodStart: number | null; counter: number | null }
  hotpCode(key: OtpKey, counter: number): string
  /** Canonical key, or CairnError naming the first problem. */
  normalizeOtpKey(key: OtpKey): OtpKey
  parseOtpauthUri(uri: string): OtpKey
  formatOtpauthUri(key: OtpKey): string
}

export function required<T>(port: T | undefined, what: string): T {
  if (port === undefined) {
    throw new CairnError('UNSUPPORTED', `${what} is not available here.`)
  }
  return port
}
