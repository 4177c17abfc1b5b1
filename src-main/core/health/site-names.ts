// Which items belong to the same account or service, by name: a login for github.com, a 2FA key
// issued by "GitHub" and recovery codes saved for "GitHub" all go by "github". Names are compared
// folded (lower case, accents and punctuation dropped), so "Proton Mail" meets "ProtonMail".
import type { LoginData, OtpData, RecoveryCodesData } from '../vault/item-types.ts'
import { hostOf } from '../vault/item-title.ts'

/** Second-level labels under a two-letter country domain: "example.co.uk" goes by "example". */
const SHARED_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or'])

/** "Proton Mail" → "protonmail", "Société Générale" → "societegenerale". */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/** The name a host goes by: "accounts.google.com" → "google", "bbc.co.uk" → "bbc"; null for an IP. */
export function siteOfHost(host: string): string | null {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean)
  if (labels.length === 0 || labels.every((l) => /^\d+$/.test(l)) || host.includes(':')) {
    return null
  }
  if (labels.length === 1) return foldName(labels[0]!) || null
  const last = labels[labels.length - 1]!
  const second = labels[labels.length - 2]!
  const name =
    labels.length >= 3 && last.length === 2 && SHARED_SECOND_LEVEL.has(second)
      ? labels[labels.length - 3]!
      : second
  return foldName(name) || null
}

/** A name typed as a host ("github.com") counts as that site; anything else is folded whole. */
function namesOf(text: string): string[] {
  const trimmed = text.trim()
  if (!trimmed) return []
  const folded = foldName(trimmed)
  const site = /^[\w-]+(\.[\w-]+)+$/.test(trimmed) ? siteOfHost(trimmed) : null
  return [folded, site].filter((n): n is string => Boolean(n))
}

/** The names a login's site goes by: each URL's site, and its title. */
export function loginNames(login: LoginData): Set<string> {
  const names = new Set<string>(namesOf(login.title))
  for (const url of login.urls) {
    const site = siteOfHost(hostOf(url))
    if (site) names.add(site)
  }
  return names
}

/** The names a 2FA key goes by: its issuer and its title. */
export function keyNames(key: OtpData): Set<string> {
  return new Set([...namesOf(key.issuer), ...namesOf(key.title)])
}

const RECOVERY_WORDS = /\b(recovery|backup|2fa|two[- ]factor)\s+codes?\b/giu

/** The names recovery codes go by: their issuer, and their title without "recovery codes". */
export function recoveryCodeNames(codes: RecoveryCodesData): Set<string> {
  return new Set([...namesOf(codes.issuer), ...namesOf(codes.title.replace(RECOVERY_WORDS, ''))])
}

export function sharesName(a: Set<string>, b: Set<string>): boolean {
  for (const name of a) if (b.has(name)) return true
  return false
}
