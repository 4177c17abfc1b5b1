// Turns the fields an authenticator export holds for one account into an ImportedEntry (a
// normalized 2FA key) or an ImportProblem naming what is wrong with it. Names are kept as the
// export has them: an account name with a colon stays whole, no issuer is invented from it.
import { isCairnError } from '../../errors.ts'
import { encodeBase32 } from '../../otp/base32.ts'
import { DEFAULT_DIGITS, DEFAULT_PERIOD, normalizeOtpKey } from '../../otp/otp-key.ts'
import type { OtpAlgorithm, OtpEncoder, OtpKind } from '../../otp/otp-types.ts'
import type { ImportProblem, ImportedEntry } from '../importer.ts'

export interface OtpFields {
  kind?: string
  /** Base32 text, or raw bytes for formats that store them. */
  secret: string | Uint8Array
  issuer?: string
  account?: string
  algorithm?: string
  digits?: number
  period?: number
  counter?: number
  steam?: boolean
  title?: string
  notes?: string
  tags?: string[]
  /** Folder or group in the source. */
  folder?: string
}

export type EntryResult = { entry: ImportedEntry } | { problem: ImportProblem }

const KINDS: Record<string, OtpKind> = { totp: 'totp', hotp: 'hotp' }

function algorithmOf(value: string | undefined): OtpAlgorithm | null {
  if (value === undefined || value === '') return 'SHA1'
  const compact = value.toUpperCase().replace(/^HMAC/, '').replace(/[-_]/g, '')
  return compact === 'SHA1' || compact === 'SHA256' || compact === 'SHA512' ? compact : null
}

export function otpEntry(where: string, fields: OtpFields, notes: string[] = []): EntryResult {
  const problem = (reason: string): EntryResult => ({ problem: { where, reason } })
  const rawKind = (fields.kind ?? 'totp').toLowerCase()
  const steam = fields.steam === true || rawKind === 'steam'
  const kind = steam ? 'totp' : KINDS[rawKind]
  if (!kind) return problem(`the code type '${rawKind.slice(0, 16)}' is not one Cairn supports`)
  const algorithm = algorithmOf(fields.algorithm)
  if (!algorithm) {
    return problem(`the algorithm '${(fields.algorithm ?? '').slice(0, 16)}' is not supported`)
  }
  const secret = typeof fields.secret === 'string' ? fields.secret : encodeBase32(fields.secret)
  if (secret.replace(/[\s=-]/g, '') === '') return problem('the secret is empty')
  const encoder: OtpEncoder = steam ? 'steam' : 'standard'
  try {
    const key = normalizeOtpKey({
      kind,
      secret,
      issuer: fields.issuer ?? '',
      account: fields.account ?? '',
      algorithm,
      digits: fields.digits ?? DEFAULT_DIGITS,
      period: fields.period ?? DEFAULT_PERIOD,
      counter: fields.counter ?? 0,
      encoder,
    })
    return {
      entry: {
        where,
        data: {
          ...key,
          type: 'otp',
          title: fields.title ?? '',
          notes: fields.notes ?? '',
          tags: fields.tags ?? [],
        },
        ...(fields.folder ? { folder: fields.folder } : {}),
        ...(notes.length > 0 ? { notes } : {}),
      },
    }
  } catch (e) {
    if (isCairnError(e)) return problem(e.message)
    throw e
  }
}

/** Collects entry results into the two lists an ImportedFile carries. */
export class EntryCollector {
  readonly entries: ImportedEntry[] = []
  readonly problems: ImportProblem[] = []

  add(result: EntryResult): void {
    if ('entry' in result) this.entries.push(result.entry)
    else this.problems.push(result.problem)
  }

  problem(where: string, reason: string): void {
    this.problems.push({ where, reason })
  }
}
