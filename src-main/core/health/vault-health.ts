// The vault health check: which logins have weak, reused or old passwords, which logins lack the
// link to a 2FA key Cairn holds for their site, which 2FA keys have no recovery codes saved, and
// which items no backup holds yet. It looks at every vault it is given together (a password
// reused across two vaults is still reused; a key in the separate 2FA vault still counts). A
// finding names the item and says why in words; it never carries a password or a secret.
import { HEALTH_REASONS, type HealthReason } from '../../../src-shared/health-reasons.ts'
import type { Strength } from '../../../src-shared/ipc-contract.ts'
import { CairnError } from '../errors.ts'
import { estimateStrengthInBatch } from '../generate/password-strength.ts'
import type { RatingRequest } from './rating-protocol.ts'
import { displayTitle } from '../vault/item-title.ts'
import type { ItemData, ItemRecord, ItemType, LoginData, OtpData } from '../vault/item-types.ts'
import { keyNames, loginNames, recoveryCodeNames, sharesName } from './site-names.ts'

export interface HealthVault {
  vaultUuid: string
  name: string
  /** The vault's items; those in the trash are left out of the check. */
  items: readonly ItemRecord[]
  /** When the vault was last backed up; null: never; undefined: not known (that check is skipped). */
  lastBackupAt?: number | null
}

export interface HealthFinding {
  reason: HealthReason
  vaultUuid: string
  itemId: string
  title: string
  kind: ItemType
  /** Why, in a sentence for a person. */
  detail: string
  /** Weak passwords: the strength score, 0 (very weak) to 4; null for every other reason. */
  score: number | null
}

export interface HealthReport {
  /** In HEALTH_REASONS order, then by title. */
  findings: HealthFinding[]
  checked: { items: number; logins: number; keys: number }
}

/** What the check needs of a strength estimate. */
export type PasswordRating = Pick<Strength, 'score' | 'label' | 'crackTime'>

export interface HealthOptions {
  /** Unix ms: ages are counted up to it. */
  now: number
  /** A password unchanged for this many days is old (default 365). */
  oldAfterDays?: number
  /** Rates a password given the login's own words (default: zxcvbn, as the strength meter). */
  rate?: (password: string, hints: string[]) => PasswordRating
  /**
   * Rates every login's password at once, in the order given (a pool of worker threads, with a
   * cache); used instead of `rate`. Must reject, never return part of the ratings, when it fails.
   */
  rateAll?: (
    requests: RatingRequest[],
    onProgress: (done: number, total: number) => void,
  ) => Promise<PasswordRating[]>
  /**
   * Called between ratings made on this thread, about every PAUSE_EVERY_MS of work: estimating
   * strength takes milliseconds a password, and the app's main process must keep answering.
   */
  pause?: () => Promise<void>
  /** How many of the passwords are rated so far (first 0 of all, last all of all). */
  onProgress?: (done: number, total: number) => void
}

const PAUSE_EVERY_MS = 20

/** Scores below this (very weak, weak, fair) are reported: fair falls to an offline attack. */
export const WEAK_SCORE_BELOW = 3
export const OLD_PASSWORD_DAYS = 365
const DAY_MS = 24 * 60 * 60 * 1000

interface Entry {
  vault: HealthVault
  record: ItemRecord
  data: ItemData
  title: string
}

type Login = Entry & { data: LoginData }
type Key = Entry & { data: OtpData }

export async function checkVaultHealth(
  vaults: readonly HealthVault[],
  options: HealthOptions,
): Promise<HealthReport> {
  const entries: Entry[] = vaults.flatMap((vault) =>
    vault.items
      .filter((record) => record.deletedAt === null)
      .map((record) => ({ vault, record, data: record.data, title: displayTitle(record.data) })),
  )
  const logins = entries.filter((e): e is Login => e.data.type === 'login')
  const keys = entries.filter((e): e is Key => e.data.type === 'otp')

  const findings: HealthFinding[] = [
    ...(await weakPasswords(logins, options)),
    ...reusedPasswords(logins),
    ...oldPasswords(logins, options),
    ...unlinkedLogins(logins, keys, vaults),
    ...keysWithoutRecoveryCodes(keys, entries),
    ...notBackedUp(entries),
  ]
  const rank = (r: HealthReason) => HEALTH_REASONS.indexOf(r)
  findings.sort(
    (a, b) =>
      rank(a.reason) - rank(b.reason) ||
      a.title.localeCompare(b.title) ||
      a.itemId.localeCompare(b.itemId),
  )
  return {
    findings,
    checked: { items: entries.length, logins: logins.length, keys: keys.length },
  }
}

function finding(
  e: Entry,
  reason: HealthReason,
  detail: string,
  score: number | null = null,
): HealthFinding {
  return {
    reason,
    vaultUuid: e.vault.vaultUuid,
    itemId: e.record.id,
    title: e.title,
    kind: e.record.data.type,
    detail,
    score,
  }
}

async function weakPasswords(logins: Login[], options: HealthOptions): Promise<HealthFinding[]> {
  const rated = logins.filter((e) => e.data.password)
  // The login's own words (its user name, title, site) make a password easier to guess.
  const requests = rated.map((e) => ({
    password: e.data.password,
    hints: [e.data.username, e.data.title, ...loginNames(e.data)].filter(Boolean),
  }))
  const progress = options.onProgress ?? (() => undefined)
  progress(0, requests.length)
  const ratings = options.rateAll
    ? await options.rateAll(requests, progress)
    : await rateHere(requests, options, progress)
  progress(requests.length, requests.length)
  if (ratings.length !== requests.length) {
    throw new CairnError(
      'IO_ERROR',
      'Rating passwords failed: a rating is missing. Run the check again.',
    )
  }
  const out: HealthFinding[] = []
  rated.forEach((e, k) => {
    const strength = ratings[k]!
    if (strength.score >= WEAK_SCORE_BELOW) return
    out.push(
      finding(
        e,
        'weak-password',
        `Rated ${strength.label.toLowerCase()}: it could be guessed in ${strength.crackTime}.`,
        strength.score,
      ),
    )
  })
  return out
}

/** Ratings on this thread, pausing now and then. */
async function rateHere(
  requests: RatingRequest[],
  options: HealthOptions,
  progress: (done: number, total: number) => void,
): Promise<PasswordRating[]> {
  const rate = options.rate ?? estimateStrengthInBatch
  const out: PasswordRating[] = []
  let since = performance.now()
  for (const { password, hints } of requests) {
    if (options.pause && performance.now() - since > PAUSE_EVERY_MS) {
      progress(out.length, requests.length)
      await options.pause()
      since = performance.now()
    }
    const { score, label, crackTime } = rate(password, hints)
    out.push({ score, label, crackTime })
  }
  return out
}

function reusedPasswords(logins: Login[]): HealthFinding[] {
  const byPassword = new Map<string, Login[]>()
  for (const e of logins) {
    if (!e.data.password) continue
    const group = byPassword.get(e.data.password)
    if (group) group.push(e)
    else byPassword.set(e.data.password, [e])
  }
  const out: HealthFinding[] = []
  for (const group of byPassword.values()) {
    if (group.length < 2) continue
    for (const e of group) {
      const others = group.filter((o) => o !== e).map((o) => quoted(o, e.vault))
      out.push(finding(e, 'reused-password', `The same password is used by ${listed(others)}.`))
    }
  }
  return out
}

function oldPasswords(logins: Login[], options: HealthOptions): HealthFinding[] {
  const limit = (options.oldAfterDays ?? OLD_PASSWORD_DAYS) * DAY_MS
  const out: HealthFinding[] = []
  for (const e of logins) {
    if (!e.data.password) continue
    // The password was last set when the newest one in its history was replaced, or when the
    // login was created; other edits do not renew it.
    const replaced = e.data.passwordHistory.map((h) => h.replacedAt)
    const setAt = Math.max(e.record.createdAt, ...replaced)
    const age = options.now - setAt
    if (age < limit) continue
    out.push(finding(e, 'old-password', `The password has not changed for ${ageInWords(age)}.`))
  }
  return out
}

function unlinkedLogins(
  logins: Login[],
  keys: Key[],
  vaults: readonly HealthVault[],
): HealthFinding[] {
  const live = new Set(keys.map((k) => `${k.vault.vaultUuid}/${k.record.id}`))
  const checkedVaults = new Set(vaults.map((v) => v.vaultUuid))
  const keyNamesOf = new Map(keys.map((k) => [k, keyNames(k.data)]))
  const out: HealthFinding[] = []
  for (const e of logins) {
    const link = e.data.otpLink
    // A link into a vault that is not being checked is taken on trust.
    const dangling =
      link !== null &&
      checkedVaults.has(link.vaultId) &&
      !live.has(`${link.vaultId}/${link.itemId}`)
    if (link !== null && !dangling) continue
    const names = loginNames(e.data)
    const key = keys.find((k) => sharesName(names, keyNamesOf.get(k)!))
    if (!key) continue
    const where = quoted(key, e.vault)
    out.push(
      finding(
        e,
        'unlinked-2fa',
        dangling
          ? `Its linked 2FA key is gone; ${where} looks like its key: link it to see the code here.`
          : `Cairn holds a 2FA key for this site, ${where}, but this login is not linked to it.`,
      ),
    )
  }
  return out
}

function keysWithoutRecoveryCodes(keys: Key[], entries: Entry[]): HealthFinding[] {
  const lists = entries.flatMap(({ data }) =>
    data.type === 'recovery-codes'
      ? [{ names: recoveryCodeNames(data), unused: data.codes.filter((c) => !c.used).length }]
      : [],
  )
  const out: HealthFinding[] = []
  for (const k of keys) {
    const names = keyNames(k.data)
    const saved = lists.filter((l) => sharesName(names, l.names))
    if (saved.some((l) => l.unused > 0)) continue
    out.push(
      finding(
        k,
        'no-recovery-codes',
        saved.length === 0
          ? 'No recovery codes are saved for it: without them, losing this key can lock you out.'
          : 'Every recovery code saved for it is used: get new ones from the site.',
      ),
    )
  }
  return out
}

function notBackedUp(entries: Entry[]): HealthFinding[] {
  const out: HealthFinding[] = []
  for (const e of entries) {
    const last = e.vault.lastBackupAt
    if (last === undefined) continue
    if (last === null) {
      out.push(finding(e, 'not-backed-up', `“${e.vault.name}” has never been backed up.`))
    } else if (e.record.createdAt > last) {
      out.push(finding(e, 'not-backed-up', 'Added after the last backup.'))
    } else if (e.record.updatedAt > last) {
      out.push(finding(e, 'not-backed-up', 'Changed after the last backup.'))
    }
  }
  return out
}

/** “GitHub”, or “GitHub” in “2FA keys” when the item lives in another vault than `from`. */
function quoted(e: Entry, from: HealthVault): string {
  return e.vault === from ? `“${e.title}”` : `“${e.title}” in “${e.vault.name}”`
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
function listed(names: string[]): string {
  const shown = names.slice(0, 3)
  const more = names.length - shown.length
  if (more > 0) return `${shown.join(', ')} and ${more} more`
  if (shown.length === 1) return shown[0]!
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

function ageInWords(ms: number): string {
  const days = Math.floor(ms / DAY_MS)
  if (days >= 730) return `${Math.floor(days / 365)} years`
  return `${Math.floor(days / 30)} months`
}
