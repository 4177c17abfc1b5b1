// What the vault health check reports, in the order the app and `cairn health` list it: what puts
// an account at risk first, then what makes losing access likely, then what no backup holds yet.
export const HEALTH_REASONS = [
  'weak-password',
  'reused-password',
  'old-password',
  'unlinked-2fa',
  'no-recovery-codes',
  'not-backed-up',
] as const

export type HealthReason = (typeof HEALTH_REASONS)[number]

/** Headings for a person: the app's health view and the CLI's report use the same ones. */
export const HEALTH_REASON_LABELS: Record<HealthReason, string> = {
  'weak-password': 'Weak passwords',
  'reused-password': 'Reused passwords',
  'old-password': 'Old passwords',
  'unlinked-2fa': 'Logins not linked to their 2FA key',
  'no-recovery-codes': '2FA keys without recovery codes',
  'not-backed-up': 'Not in any backup yet',
}
