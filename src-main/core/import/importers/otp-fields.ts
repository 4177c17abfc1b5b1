// The ways password managers store a login's TOTP, read into one OtpKey:
// - an otpauth:// URI (KeePassXC's `otp` attribute, Bitwarden, 1Password, Proton Pass);
// - a bare base32 secret (Bitwarden, LastPass, NordPass): TOTP, SHA1, 6 digits, 30 s;
// - `steam://SECRET` (Bitwarden's Steam form);
// - KeeOtp's query form `key=SECRET&step=30&size=6&otpHashMode=Sha256&type=Totp`;
// - KeePassXC's older `TOTP Seed` + `TOTP Settings` ("30;6", "30;S" for Steam), shared with KeeTrayTOTP;
// - KeePass 2.47+'s own `TimeOtp-*` / `HmacOtp-*` fields (secret as UTF-8, hex, base32 or base64).
// Every failure is a CairnError whose message names the problem, never the secret.
import { CairnError } from '../../errors.ts'
import { encodeBase32 } from '../../otp/base32.ts'
import { DEFAULT_DIGITS, DEFAULT_PERIOD, normalizeOtpKey } from '../../otp/otp-key.ts'
import { parseOtpauthUri } from '../../otp/otpauth-uri.ts'
import type { OtpAlgorithm, OtpKey } from '../../otp/otp-types.ts'

/** Who the key is for when the stored form does not say: the login's title and username. */
export interface OtpLabel {
  issuer: string
  account: string
}

function bad(message: string): never {
  throw new CairnError('MALFORMED_BACKUP', message)
}

function keyFrom(
  secret: string,
  label: OtpLabel,
  options: Partial<
    Pick<OtpKey, 'kind' | 'algorithm' | 'digits' | 'period' | 'counter' | 'encoder'>
  > = {},
): OtpKey {
  return normalizeOtpKey(
    {
      kind: options.kind ?? 'totp',
      secret,
      issuer: label.issuer,
      account: label.account,
      algorithm: options.algorithm ?? 'SHA1',
      digits: options.digits ?? DEFAULT_DIGITS,
      period: options.period ?? DEFAULT_PERIOD,
      counter: options.counter ?? 0,
      encoder: options.encoder ?? 'standard',
    },
    'MALFORMED_BACKUP',
  )
}

function wholeNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined
  if (!/^\s*\d{1,9}\s*$/.test(text)) bad(`the TOTP ${name} is not a whole number`)
  return Number(text)
}

function algorithmName(text: string | undefined): OtpAlgorithm | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const compact = text.toUpperCase().replace(/HMAC|[-_ ]/g, '')
  if (compact === 'SHA1' || compact === 'SHA256' || compact === 'SHA512') return compact
  return bad('the TOTP algorithm is not SHA-1, SHA-256 or SHA-512')
}

/** KeeOtp's `key=…&step=…` form, recognised by its `key=` parameter. */
function keeOtpQuery(text: string, label: OtpLabel): OtpKey {
  const params = new URLSearchParams(text)
  const secret = params.get('key') ?? ''
  const type = (params.get('type') ?? 'totp').toLowerCase()
  const kind = type === 'hotp' ? 'hotp' : 'totp'
  return keyFrom(secret, label, {
    kind,
    algorithm: algorithmName(params.get('otpHashMode') ?? undefined),
    digits: wholeNumber(params.get('size') ?? undefined, 'digits'),
    period: wholeNumber(params.get('step') ?? undefined, 'period'),
    counter: wholeNumber(params.get('counter') ?? undefined, 'counter'),
  })
}

/**
 * One text field holding a TOTP in any of the single-field forms. The label fills in an
 * issuer and account the stored form lacks; an otpauth URI's own label wins.
 */
export function otpKeyFromText(value: string, label: OtpLabel): OtpKey {
  const text = value.trim()
  if (text === '') bad('the TOTP field is empty')
  if (/^otpauth:/i.test(text)) {
    let key: OtpKey
    try {
      key = parseOtpauthUri(text)
    } catch (e) {
      bad(`the TOTP URI is not usable: ${(e as Error).message}`)
    }
    if (key.issuer === '' && key.account === '') return { ...key, ...label }
    return key
  }
  const steam = /^steam:\/\/(.*)$/i.exec(text)
  if (steam) return keyFrom(steam[1] ?? '', label, { encoder: 'steam' })
  if (/(^|&)key=/i.test(text)) return keeOtpQuery(text, label)
  return keyFrom(text.replace(/\s+/g, ''), label)
}

/** Decodes KeePass's TimeOtp-Secret* / HmacOtp-Secret* variants to base32. */
function keePassSecret(get: (name: string) => string | undefined, prefix: string): string | null {
  const utf8 = get(`${prefix}-Secret`)
  if (utf8) return encodeBase32(new TextEncoder().encode(utf8))
  const hex = get(`${prefix}-Secret-Hex`)
  if (hex) {
    const compact = hex.replace(/\s+/g, '')
    if (!/^([0-9a-f]{2})+$/i.test(compact)) bad(`${prefix}-Secret-Hex is not hexadecimal`)
    return encodeBase32(Buffer.from(compact, 'hex'))
  }
  const base32 = get(`${prefix}-Secret-Base32`)
  if (base32) return base32
  const base64 = get(`${prefix}-Secret-Base64`)
  if (base64) {
    const compact = base64.replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) bad(`${prefix}-Secret-Base64 is not base64`)
    return encodeBase32(Buffer.from(compact, 'base64'))
  }
  return null
}

/** The attribute names each layout uses, so that callers can leave them out of custom fields. */
export const OTP_ATTRIBUTE_NAMES = [
  'otp',
  'TOTP Seed',
  'TOTP Settings',
  'TimeOtp-Secret',
  'TimeOtp-Secret-Hex',
  'TimeOtp-Secret-Base32',
  'TimeOtp-Secret-Base64',
  'TimeOtp-Length',
  'TimeOtp-Period',
  'TimeOtp-Algorithm',
  'HmacOtp-Secret',
  'HmacOtp-Secret-Hex',
  'HmacOtp-Secret-Base32',
  'HmacOtp-Secret-Base64',
  'HmacOtp-Counter',
] as const

/**
 * A KeePass entry's TOTP from its string fields, in whichever layout it uses; null when the
 * entry has none. `get` returns a field's value or undefined.
 */
export function otpKeyFromAttributes(
  get: (name: string) => string | undefined,
  label: OtpLabel,
): OtpKey | null {
  const otp = get('otp')
  if (otp?.trim()) return otpKeyFromText(otp, label)

  const seed = get('TOTP Seed')
  // Some tools put a whole otpauth URI in the seed field.
  if (seed && /^\s*otpauth:/i.test(seed)) return otpKeyFromText(seed, label)
  if (seed?.trim()) {
    const [periodText, digitsText] = (get('TOTP Settings') ?? '').split(';')
    const period = wholeNumber(periodText, 'period')
    if (digitsText?.trim().toUpperCase() === 'S') {
      return keyFrom(seed.replace(/\s+/g, ''), label, { encoder: 'steam' })
    }
    return keyFrom(seed.replace(/\s+/g, ''), label, {
      period,
      digits: wholeNumber(digitsText, 'digits'),
    })
  }

  const timeSecret = keePassSecret(get, 'TimeOtp')
  if (timeSecret !== null) {
    return keyFrom(timeSecret, label, {
      digits: wholeNumber(get('TimeOtp-Length'), 'digits'),
      period: wholeNumber(get('TimeOtp-Period'), 'period'),
      algorithm: algorithmName(get('TimeOtp-Algorithm')),
    })
  }
  const hmacSecret = keePassSecret(get, 'HmacOtp')
  if (hmacSecret !== null) {
    return keyFrom(hmacSecret, label, {
      kind: 'hotp',
      counter: wholeNumber(get('HmacOtp-Counter'), 'counter') ?? 0,
    })
  }
  return null
}
