// otpauth:// URIs per Google's Key URI Format:
//   otpauth://TYPE/LABEL?secret=…&issuer=…&algorithm=…&digits=…&period=…&counter=…
//
// Parsing rules (lenient where real-world URIs vary, strict where a wrong guess gives wrong codes):
// - Scheme and type are case-insensitive. Types: totp, hotp, and steam (Aegis writes
//   otpauth://steam/…).
// - LABEL is `account` or `issuer:account`; the colon may be literal or %3A and spaces around
//   either part are dropped. The label splits at its first colon, so an account may contain
//   colons but a label-prefix issuer cannot.
// - The `issuer` parameter wins over the label prefix when both are present and differ (it is the
//   field the spec calls authoritative; the prefix is then dropped, not glued onto the account).
// - Query values decode like HTML forms ('+' is a space). Unknown parameters are ignored; a known
//   parameter given twice is an error.
// - Steam: type steam, or `encoder=steam` (KeePassXC), or issuer "Steam" on a totp URI unless it
//   asks for digits other than 5 (the URIs Steam authenticator tools export carry only
//   issuer=Steam). Steam keys are always SHA1, 5 characters, 30 s.
// - hotp without `counter` starts at 0, as Google Authenticator reads it, with a note saying so.
//   Defaults: SHA1, 6 digits, 30 s. Digits 6 to 10.
// Every problem throws CairnError MALFORMED_URI naming it; messages never contain the secret.
//
// Formatting writes the canonical form our parser reads back to the same key: `issuer:account`
// label plus the issuer parameter, every parameter explicit, Steam as totp with encoder=steam.
// An issuer containing a colon cannot sit in the label, so then only the account goes there and
// the issuer travels in the parameter; an account with a colon and no label issuer gets an empty
// prefix (":acc:ount") so its own colon is not read as a separator.
import { CairnError } from '../errors.ts'
import {
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  MAX_DIGITS,
  MIN_DIGITS,
  STEAM_DIGITS,
  normalizeOtpKey,
  otpSecretBytes,
} from './otp-key.ts'
import type { OtpAlgorithm, OtpEncoder, OtpKey, OtpKind } from './otp-types.ts'

const KNOWN_PARAMETERS = [
  'secret',
  'issuer',
  'algorithm',
  'digits',
  'period',
  'counter',
  'encoder',
] as const
type KnownParameter = (typeof KNOWN_PARAMETERS)[number]

const URI_SHAPE = /^otpauth:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/is

function malformed(message: string): never {
  throw new CairnError('MALFORMED_URI', message)
}

/** A short, printable rendering of a non-secret value for an error message. */
function quote(value: string): string {
  const printable = [...value.replace(/[\p{Cc}\p{Cs}]/gu, '?')]
  return `'${printable.length > 24 ? printable.slice(0, 24).join('') + '…' : printable.join('')}'`
}

function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    malformed(`${what} is not valid percent-encoding`)
  }
}

function parseQuery(query: string): Map<KnownParameter, string> {
  const found = new Map<KnownParameter, string>()
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const rawName = eq === -1 ? pair : pair.slice(0, eq)
    const name = decodeComponent(rawName.replace(/\+/g, ' '), 'a parameter name').toLowerCase()
    if (!(KNOWN_PARAMETERS as readonly string[]).includes(name)) continue
    const known = name as KnownParameter
    if (found.has(known)) malformed(`parameter '${known}' appears more than once`)
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1)
    found.set(known, decodeComponent(rawValue.replace(/\+/g, ' '), `parameter '${known}'`))
  }
  return found
}

function parseType(rawType: string): { kind: OtpKind; steamType: boolean } {
  const type = decodeComponent(rawType, 'the OTP type').toLowerCase()
  if (type === 'totp') return { kind: 'totp', steamType: false }
  if (type === 'hotp') return { kind: 'hotp', steamType: false }
  if (type === 'steam') return { kind: 'totp', steamType: true }
  if (type === '') malformed('missing OTP type (expected otpauth://totp/… or otpauth://hotp/…)')
  return malformed(`unknown OTP type ${quote(type)} (expected totp or hotp)`)
}

function parseLabel(rawLabel: string): { prefix: string; account: string } {
  const label = decodeComponent(rawLabel, 'the label')
  const colon = label.indexOf(':')
  if (colon === -1) return { prefix: '', account: label.trim() }
  return { prefix: label.slice(0, colon).trim(), account: label.slice(colon + 1).trim() }
}

function parseAlgorithm(value: string | undefined): OtpAlgorithm {
  if (value === undefined) return 'SHA1'
  const compact = value.trim().toUpperCase().replace(/[-_]/g, '')
  if (compact === 'SHA1' || compact === 'SHA256' || compact === 'SHA512') return compact
  return malformed(`unknown algorithm ${quote(value)} (expected SHA1, SHA256 or SHA512)`)
}

function parseWholeNumber(name: string, value: string): number {
  const trimmed = value.trim()
  const number = /^\d{1,16}$/.test(trimmed) ? Number(trimmed) : Number.NaN
  if (!Number.isSafeInteger(number))
    malformed(`${name} must be a whole number (got ${quote(value)})`)
  return number
}

function parseEncoder(value: string | undefined): OtpEncoder | undefined {
  if (value === undefined) return undefined
  const encoder = value.trim().toLowerCase()
  if (encoder === 'steam') return 'steam'
  if (encoder === '' || encoder === 'standard') return 'standard'
  return malformed(`unknown encoder ${quote(value)} (only steam is known)`)
}

/** Parses one otpauth:// URI into a normalized OtpKey; throws CairnError MALFORMED_URI. */
export function parseOtpauthUri(uri: string): OtpKey {
  return readOtpauthUri(uri).key
}

/** The key of an otpauth:// URI and what is worth telling about how it was read. */
export function readOtpauthUri(uri: string): { key: OtpKey; notes: string[] } {
  const notes: string[] = []
  const text = uri.trim()
  const shape = URI_SHAPE.exec(text)
  if (!shape) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]
    if (scheme && scheme.toLowerCase() !== 'otpauth') {
      malformed(`not an otpauth:// URI (the scheme is ${quote(scheme)})`)
    }
    malformed('not an otpauth:// URI (expected otpauth://totp/Issuer:account?secret=…)')
  }
  const [, rawType = '', rawLabel = '', rawQuery = ''] = shape
  const { kind, steamType } = parseType(rawType)
  const { prefix, account } = parseLabel(rawLabel)
  const params = parseQuery(rawQuery)

  const rawSecret = params.get('secret')
  if (rawSecret === undefined || rawSecret.trim() === '') malformed('missing secret parameter')
  otpSecretBytes(rawSecret, 'MALFORMED_URI')

  const issuer = params.get('issuer')?.trim() || prefix
  const algorithm = parseAlgorithm(params.get('algorithm'))
  const digitsParam = params.get('digits')
  const digits =
    digitsParam === undefined ? DEFAULT_DIGITS : parseWholeNumber('digits', digitsParam)
  const periodParam = params.get('period')
  const period =
    kind === 'totp' && periodParam !== undefined
      ? parseWholeNumber('period', periodParam)
      : DEFAULT_PERIOD
  const counterParam = params.get('counter')
  let counter = 0
  if (kind === 'hotp') {
    if (counterParam === undefined) {
      notes.push('the hotp URI has no counter: it starts at 0')
    } else {
      counter = parseWholeNumber('counter', counterParam)
    }
  }

  const declaredEncoder = parseEncoder(params.get('encoder'))
  const steamByIssuer =
    kind === 'totp' &&
    issuer.toLowerCase() === 'steam' &&
    (digitsParam === undefined || digits === STEAM_DIGITS)
  const encoder: OtpEncoder =
    steamType || declaredEncoder === 'steam' || (declaredEncoder === undefined && steamByIssuer)
      ? 'steam'
      : 'standard'
  if (encoder === 'steam' && kind === 'hotp') {
    malformed('encoder steam needs a time-based (totp) URI')
  }

  if (encoder === 'standard' && (digits < MIN_DIGITS || digits > MAX_DIGITS)) {
    malformed(`digits must be from ${MIN_DIGITS} to ${MAX_DIGITS} (got ${digits})`)
  }
  const key = normalizeOtpKey(
    { kind, secret: rawSecret, issuer, account, algorithm, digits, period, counter, encoder },
    'MALFORMED_URI',
  )
  return { key, notes }
}

/** The canonical otpauth:// URI of a key. Contains the secret: handle it like one. */
export function formatOtpauthUri(key: OtpKey): string {
  const valid = normalizeOtpKey(key)
  const account = encodeURIComponent(valid.account)
  let label: string
  if (valid.issuer !== '' && !valid.issuer.includes(':')) {
    label = `${encodeURIComponent(valid.issuer)}:${account}`
  } else if (valid.account.includes(':')) {
    label = `:${account}`
  } else {
    label = account
  }
  const params = [`secret=${valid.secret}`]
  if (valid.issuer !== '') params.push(`issuer=${encodeURIComponent(valid.issuer)}`)
  params.push(`algorithm=${valid.algorithm}`, `digits=${valid.digits}`)
  if (valid.kind === 'totp') params.push(`period=${valid.period}`)
  else params.push(`counter=${valid.counter}`)
  if (valid.encoder === 'steam') params.push('encoder=steam')
  return `otpauth://${valid.kind}/${label}?${params.join('&')}`
}
