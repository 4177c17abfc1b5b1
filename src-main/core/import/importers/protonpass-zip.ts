// Proton Pass's export (Settings > Export, unencrypted zip): "Proton Pass/data.json" holding
// { version, encrypted: false, vaults: { <shareId>: { name, items: [{ state, data: { type,
// metadata: { name, note }, extraFields: [{ fieldName, type: text|hidden|totp, data: { content |
// totpUri } }], content } }] } } }. A login's content has itemUsername (older exports:
// username), itemEmail, password, urls and totpUri. The vault name becomes the folder; trashed
// items (state 2) are left out; aliases, cards, identities and others become notes. The
// PGP-encrypted export (data.pgp) is not read: export without encryption.
import { CairnError } from '../../errors.ts'
import type { CustomField } from '../../vault/item-types.ts'
import { decodeUtf8Text } from '../csv.ts'
import { SNIFF, type ImportedFile, type Importer } from '../importer.ts'
import { looksLikeZip, readZip } from '../zip-reader.ts'
import { type Json, isObject, list, objects, text } from './json-values.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { EntryCollector, loginLabel } from './password-entries.ts'

const TRASHED = 2

function bad(message: string): never {
  throw new CairnError('MALFORMED_BACKUP', `the Proton Pass export ${message}`)
}

function contentLines(content: Json): string {
  return Object.entries(content)
    .filter(([, v]) => (typeof v === 'string' && v !== '') || typeof v === 'number')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n')
}

function readData(data: Json): ImportedFile {
  if (!isObject(data.vaults)) bad('has no vaults in data.json')
  const collector = new EntryCollector()
  let n = 0
  let trashed = 0
  for (const vault of Object.values(data.vaults).filter(isObject)) {
    const folder = text(vault.name)
    for (const item of objects(vault.items)) {
      n++
      const where = `item ${n}${folder ? ` in ${folder}` : ''}`
      if (item.state === TRASHED) {
        trashed++
        continue
      }
      const inner = isObject(item.data) ? item.data : {}
      const metadata = isObject(inner.metadata) ? inner.metadata : {}
      const content = isObject(inner.content) ? inner.content : {}
      const title = text(metadata.name)
      const notes = text(metadata.note)
      const type = text(inner.type)
      const fields: CustomField[] = []
      const extraTotps: string[] = []
      for (const f of objects(inner.extraFields)) {
        const kind = text(f.type)
        const value = isObject(f.data) ? text(f.data.content) || text(f.data.totpUri) : ''
        if (kind === 'totp') extraTotps.push(value)
        fields.push({
          name: text(f.fieldName),
          value,
          secret: kind === 'hidden' || kind === 'totp',
        })
      }
      if (type === 'note') {
        collector.add({ where, folder, title, notes })
        continue
      }
      if (type !== 'login') {
        const extra = fields.map((f) => `${f.name}: ${f.value}`).join('\n')
        const body = [contentLines(content), extra, notes].filter((t) => t).join('\n\n')
        collector.add({ where, folder, title, notes: type === 'alias' ? `Alias\n${body}` : body })
        continue
      }
      const email = text(content.itemEmail)
      const username = text(content.itemUsername) || text(content.username) || email
      if (email && email !== username)
        fields.unshift({ name: 'email', value: email, secret: false })
      const totp = text(content.totpUri)
      collector.add({
        where,
        folder,
        title,
        username,
        password: text(content.password),
        urls: list(content.urls).map(text),
        notes,
        fields,
        readOtp: () => (totp.trim() ? otpKeyFromText(totp, loginLabel(title, username)) : null),
        otpAsFields: [{ name: 'TOTP', value: totp, secret: true }],
      })
    }
  }
  const notes: string[] = []
  if (trashed) notes.push(`${trashed} items in Proton Pass's trash were left out`)
  return collector.file('protonpass-zip', 'Proton Pass export', notes)
}

function membersOf(bytes: Uint8Array) {
  return readZip(bytes, 'the Proton Pass export')
}

export const protonPassImporter: Importer = {
  id: 'protonpass-zip',
  name: 'Proton Pass export (zip)',
  help: 'Proton Pass: Settings > Export, without encryption. Carries vaults (as folders), logins, notes, extra fields and TOTP; other item types become notes.',
  sniff(bytes, fileName) {
    if (looksLikeZip(bytes)) {
      const tail = new TextDecoder('latin1').decode(
        bytes.subarray(Math.max(0, bytes.length - 65_536)),
      )
      if (tail.includes('Proton Pass/data.json') || tail.includes('Proton Pass/data.pgp')) {
        return SNIFF.certain
      }
    }
    return /^proton.*\.zip$/i.test(fileName) ? SNIFF.name : SNIFF.no
  },
  async read(bytes) {
    if (!looksLikeZip(bytes)) bad('is not a zip archive')
    const members = membersOf(bytes)
    if (members.some((m) => m.name.endsWith('data.pgp'))) {
      throw new CairnError(
        'UNSUPPORTED',
        'this Proton Pass export is PGP-encrypted, which Cairn does not read: export again without encryption',
      )
    }
    const member = members.find((m) => m.name.endsWith('data.json'))
    if (!member) bad('has no data.json inside')
    let data: unknown
    try {
      data = JSON.parse(decodeUtf8Text(member.read(), 'data.json'))
    } catch (e) {
      if (e instanceof CairnError) throw e
      bad('holds a data.json that is not valid JSON')
    }
    if (!isObject(data)) bad('holds a data.json that is not a JSON object')
    if (data.encrypted === true) {
      throw new CairnError(
        'UNSUPPORTED',
        'this Proton Pass export is encrypted: export again without encryption',
      )
    }
    return readData(data)
  },
}
