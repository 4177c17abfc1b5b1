// How every password-manager importer turns one source entry into Cairn items, so the rules
// are the same across formats:
// - an entry with a password, URL or custom field is a login; one with only a title and text is
//   a secure note; one with only a TOTP (and perhaps a username) is a 2FA key;
// - a login carrying a TOTP becomes the login plus a 2FA key, paired by `ref` / `otpRef`;
// - a TOTP that cannot be read is not lost: it stays on the login as a hidden field, with a note.
import { isCairnError } from '../../errors.ts'
import type { OtpKey } from '../../otp/otp-types.ts'
import type { CustomField, PasswordHistoryEntry } from '../../vault/item-types.ts'
import type { ImportedEntry, ImportedFile } from '../importer.ts'

export interface SourceEntry {
  where: string
  folder?: string
  title: string
  username?: string
  password?: string
  urls?: string[]
  notes?: string
  tags?: string[]
  fields?: CustomField[]
  passwordHistory?: PasswordHistoryEntry[]
  /** Reads the entry's TOTP: null when it has none; throws CairnError when it is unusable. */
  readOtp?: () => OtpKey | null
  /** What to keep as hidden fields when `readOtp` throws, so the secret is not dropped. */
  otpAsFields?: CustomField[]
}

function cleanUrls(urls: string[] | undefined): string[] {
  const seen = new Set<string>()
  for (const url of urls ?? []) {
    const trimmed = url.trim()
    if (trimmed !== '') seen.add(trimmed)
  }
  return [...seen]
}

function cleanTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))]
}

/** Collects one file's entries, numbering the login/key pairs it creates. */
export class EntryCollector {
  readonly entries: ImportedEntry[] = []
  private pairs = 0

  add(source: SourceEntry): void {
    const title = source.title.trim()
    const username = source.username ?? ''
    const password = source.password ?? ''
    const urls = cleanUrls(source.urls)
    const notes = source.notes ?? ''
    const tags = cleanTags(source.tags)
    const fields = [...(source.fields ?? [])]
    const entryNotes: string[] = []
    const base = {
      where: source.where,
      ...(source.folder ? { folder: source.folder } : {}),
    }

    let key: OtpKey | null = null
    try {
      key = source.readOtp?.() ?? null
    } catch (e) {
      if (!isCairnError(e)) throw e
      fields.push(...(source.otpAsFields ?? []))
      entryNotes.push(`its TOTP could not be read (${e.message}); it is kept as a hidden field`)
    }
    const withNotes = entryNotes.length > 0 ? { notes: entryNotes } : {}

    const isLogin = password !== '' || urls.length > 0 || fields.length > 0
    if (key && !isLogin) {
      this.entries.push({
        ...base,
        ...withNotes,
        data: { type: 'otp', ...key, title, notes, tags },
      })
      return
    }
    if (!key && !isLogin && username === '') {
      this.entries.push({ ...base, ...withNotes, data: { type: 'note', title, body: notes, tags } })
      return
    }
    const login: ImportedEntry = {
      ...base,
      ...withNotes,
      data: {
        type: 'login',
        title,
        username,
        password,
        urls,
        notes,
        tags,
        fields,
        passwordHistory: source.passwordHistory ?? [],
        otpLink: null,
      },
    }
    if (!key) {
      this.entries.push(login)
      return
    }
    const ref = `totp-${++this.pairs}`
    this.entries.push({ ...login, otpRef: ref })
    this.entries.push({
      ...base,
      where: `${source.where} (its TOTP)`,
      ref,
      data: { type: 'otp', ...key, title, notes: '', tags },
    })
  }

  file(format: string, formatName: string, notes: string[] = []): ImportedFile {
    return { format, formatName, entries: this.entries, problems: [], notes }
  }
}

/** A label for a TOTP from its login: the title as issuer, the username as account. */
export function loginLabel(title: string, username: string | undefined) {
  return { issuer: title.trim(), account: (username ?? '').trim() }
}
