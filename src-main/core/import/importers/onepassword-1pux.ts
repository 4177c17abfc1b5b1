// 1Password's 1PUX export (1Password 8: File > Export > 1PUX): a zip holding export.attributes
// and export.data, the latter JSON: accounts[].vaults[] (attrs.name) with items[] of
// { state, categoryUuid, overview: { title, url, urls[{url}], tags }, details: { loginFields
// [{designation, value}], password, notesPlain, sections[{title, fields[{title, value: {kind:
// value}}]}], passwordHistory[{value, time}] } }. The vault name becomes the folder. Categories
// 001 (login) and 005 (password) become logins, 003 (secure note) notes; the others (cards,
// identities, documents, …) become notes listing their fields. Attachments are not imported.
import { CairnError } from '../../errors.ts'
import type { CustomField } from '../../vault/item-types.ts'
import { decodeUtf8Text } from '../csv.ts'
import { SNIFF, type ImportedFile, type Importer } from '../importer.ts'
import { looksLikeZip, readZip } from '../zip-reader.ts'
import { type Json, field, isObject, list, objects, text } from './json-values.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { EntryCollector, loginLabel } from './password-entries.ts'

const LOGIN = '001'
const SECURE_NOTE = '003'
const PASSWORD = '005'

function bad(message: string): never {
  throw new CairnError('MALFORMED_BACKUP', `the 1PUX file ${message}`)
}

/** A section field's value as text: 1PUX wraps it in an object keyed by its kind. */
function fieldValue(value: unknown): { kind: string; text: string } {
  if (!isObject(value)) return { kind: '', text: '' }
  const [kind, inner] = Object.entries(value)[0] ?? ['', '']
  if (typeof inner === 'string') return { kind, text: inner }
  if (typeof inner === 'number' || typeof inner === 'boolean') return { kind, text: String(inner) }
  if (isObject(inner)) {
    if (typeof inner.email_address === 'string') return { kind, text: inner.email_address }
    const parts = Object.entries(inner)
      .filter(([, v]) => typeof v === 'string' && v !== '')
      .map(([k, v]) => `${k}: ${v as string}`)
    return { kind, text: parts.join(', ') }
  }
  return { kind, text: '' }
}

function readData(data: Json): ImportedFile {
  if (!Array.isArray(data.accounts)) bad('has no accounts in export.data')
  const collector = new EntryCollector()
  let n = 0
  let trashed = 0
  let documents = 0
  for (const account of objects(data.accounts)) {
    for (const vault of objects(account.vaults)) {
      const folder = text(field(vault.attrs, 'name'))
      for (const item of objects(vault.items)) {
        n++
        const where = `item ${n}${folder ? ` in ${folder}` : ''}`
        const state = text(item.state)
        if (state === 'deleted' || state === 'trashed') {
          trashed++
          continue
        }
        const overview = isObject(item.overview) ? item.overview : {}
        const details = isObject(item.details) ? item.details : {}
        const title = text(overview.title)
        const category = text(item.categoryUuid)
        if (
          Object.keys(isObject(details.documentAttributes) ? details.documentAttributes : {}).length
        ) {
          documents++
        }
        const loginFields = objects(details.loginFields)
        const byDesignation = (d: string) =>
          text(loginFields.find((f) => text(f.designation) === d)?.value)
        const username = byDesignation('username')
        const fields: CustomField[] = []
        let totp = ''
        for (const section of objects(details.sections)) {
          const sectionTitle = text(section.title)
          for (const f of objects(section.fields)) {
            const { kind, text: value } = fieldValue(f.value)
            if (value === '') continue
            if (kind === 'totp' && totp === '') {
              totp = value
              continue
            }
            const name = text(f.title) || text(f.id) || kind
            fields.push({
              name: sectionTitle ? `${sectionTitle}: ${name}` : name,
              value,
              secret: kind === 'concealed' || kind === 'totp' || f.guarded === true,
            })
          }
        }
        for (const f of loginFields) {
          const designation = text(f.designation)
          if (designation === 'username' || designation === 'password') continue
          const value = text(f.value)
          if (value)
            fields.push({ name: text(f.name) || 'field', value, secret: text(f.fieldType) === 'P' })
        }
        const tags = [
          ...list(overview.tags).map(text),
          ...(state === 'archived' ? ['archived'] : []),
        ]
        const notes = text(details.notesPlain)
        if (category !== LOGIN && category !== PASSWORD && category !== SECURE_NOTE) {
          const body = fields.map((f) => `${f.name}: ${f.value}`).join('\n')
          collector.add({
            where,
            folder,
            title,
            tags,
            notes: [body, notes].filter((t) => t).join('\n\n'),
          })
          continue
        }
        const password = category === PASSWORD ? text(details.password) : byDesignation('password')
        collector.add({
          where,
          folder,
          title,
          username,
          password,
          urls: [text(overview.url), ...objects(overview.urls).map((u) => text(u.url))],
          notes,
          tags,
          fields,
          passwordHistory: objects(details.passwordHistory)
            .map((h) => ({
              password: text(h.value),
              replacedAt: typeof h.time === 'number' ? h.time * 1000 : 0,
            }))
            .filter((h) => h.password !== '')
            .sort((a, b) => a.replacedAt - b.replacedAt),
          readOtp: () => (totp.trim() ? otpKeyFromText(totp, loginLabel(title, username)) : null),
          otpAsFields: [{ name: 'one-time password', value: totp, secret: true }],
        })
      }
    }
  }
  const notes: string[] = []
  if (trashed) notes.push(`${trashed} items in 1Password's trash were left out`)
  if (documents)
    notes.push(`${documents} documents: their files are not imported (Cairn has no attachments)`)
  return collector.file('1password-1pux', '1Password 1PUX', notes)
}

function hasExportData(bytes: Uint8Array): boolean {
  // The zip's central directory names every member; "export.data" in the tail is enough to sniff.
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)))
  return tail.includes('export.data') && tail.includes('export.attributes')
}

export const onePassword1puxImporter: Importer = {
  id: '1password-1pux',
  name: '1Password 1PUX',
  help: '1Password 8: File > Export > 1PUX. Carries vaults (as folders), logins, notes, sections, tags, password history and one-time passwords; other categories become notes.',
  sniff(bytes, fileName) {
    if (looksLikeZip(bytes) && hasExportData(bytes)) return SNIFF.certain
    return /\.1pux$/i.test(fileName) ? SNIFF.name : SNIFF.no
  },
  async read(bytes) {
    if (!looksLikeZip(bytes)) bad('is not a zip archive')
    const member = readZip(bytes, 'the 1PUX file').find((m) => m.name === 'export.data')
    if (!member) bad('has no export.data inside')
    let data: unknown
    try {
      data = JSON.parse(decodeUtf8Text(member.read(), 'export.data'))
    } catch (e) {
      if (e instanceof CairnError) throw e
      bad('holds an export.data that is not valid JSON')
    }
    if (!isObject(data)) bad('holds an export.data that is not a JSON object')
    return readData(data)
  },
}
