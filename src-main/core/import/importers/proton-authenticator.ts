// Proton Authenticator's JSON export: {version, entries: [{id, content: {uri, entry_type, name},
// note}]}. Each uri is an otpauth:// URI (entry_type Totp) or, for Steam, a steam:// URI holding
// the base32 secret. Kept: the key, name, note. Lost: nothing else is in the file.
import { isCairnError } from '../../errors.ts'
import { readOtpauthUri } from '../../otp/otpauth-uri.ts'
import type { Importer } from '../importer.ts'
import { headText, isObject, malformed, readJson, str } from './file-bytes.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'Proton Authenticator'

export const protonAuthenticatorImporter: Importer = {
  id: 'proton-authenticator',
  name: 'Proton Authenticator (JSON export)',
  help: 'Proton Authenticator → Settings → Export.',
  sniff(bytes) {
    const head = headText(bytes, 2048)
    return /^\s*\{/.test(head) && /"entries"\s*:/.test(head) && /"entry_type"\s*:/.test(head)
      ? 3
      : 0
  },
  async read(bytes) {
    const json = readJson(bytes, NAME)
    if (!isObject(json) || !Array.isArray(json.entries)) malformed(NAME, 'no entries')
    const collected = new EntryCollector()
    json.entries.forEach((raw, i) => {
      const where = `entry ${i + 1}`
      if (!isObject(raw) || !isObject(raw.content)) return collected.problem(where, 'not an entry')
      const uri = str(raw.content.uri).trim()
      const name = str(raw.content.name)
      const notes = str(raw.note)
      const steam = /^steam:\/\//i.exec(uri)
      if (str(raw.content.entry_type).toLowerCase() === 'steam' || steam) {
        const secret = uri.replace(/^steam:\/\//i, '')
        return collected.add(
          otpEntry(where, { steam: true, secret, issuer: 'Steam', account: name, notes }),
        )
      }
      try {
        const { key, notes: uriNotes } = readOtpauthUri(uri)
        collected.entries.push({
          where,
          data: {
            ...key,
            type: 'otp',
            title: name && name !== key.account ? name : '',
            notes,
            tags: [],
          },
          ...(uriNotes.length > 0 ? { notes: uriNotes } : {}),
        })
      } catch (e) {
        if (!isCairnError(e)) throw e
        collected.problem(where, e.message)
      }
    })
    return { format: this.id, formatName: NAME, ...collected, notes: [] }
  },
}
