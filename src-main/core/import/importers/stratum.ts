// Stratum (formerly Authenticator Pro) plain backup, as its BACKUP_FORMAT document describes:
// {Authenticators: [{Type, Issuer, Username, Secret, Algorithm, Digits, Period, Counter}],
// Categories: [{Id, Name}], AuthenticatorCategories: [{CategoryId, AuthenticatorSecret}]}.
// Type: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex. Algorithm: 0 SHA-1, 1 SHA-256, 2 SHA-512.
// Lost: icons, copy counts, ranking. Encrypted backups are recognised and refused with a message.
import { CairnError } from '../../errors.ts'
import type { Importer } from '../importer.ts'
import { headText, int, isObject, malformed, readJson, str } from './file-bytes.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'Stratum / Authenticator Pro'
const TYPES: Record<number, string> = { 1: 'hotp', 2: 'totp', 4: 'steam' }
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' }
const ENCRYPTED_HEADERS = ['AUTHENTICATORPRO', 'AuthenticatorPro']

export const stratumImporter: Importer = {
  id: 'stratum',
  name: 'Stratum / Authenticator Pro (plain backup)',
  help: 'Stratum → Backup → Backup to file, without a password (an encrypted backup is recognised but not read).',
  sniff(bytes) {
    const head = headText(bytes, 2048)
    if (ENCRYPTED_HEADERS.some((h) => head.startsWith(h))) return 3
    return /^\s*\{/.test(head) && /"Authenticators"\s*:/.test(head) ? 3 : 0
  },
  async read(bytes) {
    if (ENCRYPTED_HEADERS.some((h) => headText(bytes, 16) === h)) {
      throw new CairnError(
        'UNSUPPORTED',
        'Encrypted Stratum backups are not read yet: make a backup without a password in Stratum, import it, then delete it',
      )
    }
    const json = readJson(bytes, NAME)
    if (!isObject(json) || !Array.isArray(json.Authenticators)) malformed(NAME, 'no authenticators')
    const categories = new Map<string, string>()
    if (Array.isArray(json.Categories)) {
      for (const c of json.Categories) if (isObject(c)) categories.set(str(c.Id), str(c.Name))
    }
    const folderOf = new Map<string, string>()
    if (Array.isArray(json.AuthenticatorCategories)) {
      for (const link of json.AuthenticatorCategories) {
        if (!isObject(link)) continue
        const name = categories.get(str(link.CategoryId))
        const secret = str(link.AuthenticatorSecret)
        if (name && !folderOf.has(secret)) folderOf.set(secret, name)
      }
    }
    const collected = new EntryCollector()
    json.Authenticators.forEach((raw, i) => {
      const where = `authenticator ${i + 1}`
      if (!isObject(raw)) return collected.problem(where, 'not an authenticator')
      const type = TYPES[int(raw.Type) ?? 2]
      if (!type) return collected.problem(where, 'mOTP and Yandex keys are not supported by Cairn')
      const algorithm = ALGORITHMS[int(raw.Algorithm) ?? 0]
      if (!algorithm) return collected.problem(where, 'unknown algorithm')
      const secret = str(raw.Secret)
      collected.add(
        otpEntry(where, {
          kind: type,
          secret,
          issuer: str(raw.Issuer),
          account: str(raw.Username),
          algorithm,
          digits: int(raw.Digits),
          period: int(raw.Period),
          counter: int(raw.Counter),
          folder: folderOf.get(secret),
        }),
      )
    })
    return { format: this.id, formatName: NAME, ...collected, notes: [] }
  },
}
