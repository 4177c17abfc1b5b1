// What boot-built-main.ts reports, and the credentials it uses, shared with the tests.

export interface BootStep {
  step: string
  ok: boolean
  value?: unknown
  error?: string
}

export const BOOT_PASSWORD = 'correct horse battery'
/** RFC 6238's SHA-1 seed, "12345678901234567890", in base32. */
export const BOOT_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
