// NordPass's CSV export (Settings > Export Items): name, url, additional_urls, username,
// password, note, card columns (cardholdername, cardnumber, cvc, pin, expirydate, zipcode),
// folder, identity columns (full_name, phone_number, email, address1, address2, city, country,
// state) and type (password, note, credit_card, identity). Cairn has no card or identity items:
// those become secure notes holding every filled column, hidden nowhere, so nothing is lost.
import type { CustomField } from '../../vault/item-types.ts'
import { csvImporter, type CsvRow } from './csv-importer.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { loginLabel } from './password-entries.ts'

const CARD = ['cardholdername', 'cardnumber', 'cvc', 'pin', 'expirydate', 'zipcode']
const IDENTITY = [
  'full_name',
  'phone_number',
  'email',
  'address1',
  'address2',
  'city',
  'country',
  'state',
]

function additionalUrls(text: string): string[] {
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      if (Array.isArray(parsed)) return parsed.filter((u): u is string => typeof u === 'string')
    } catch {
      // Not JSON after all: read it as a plain list below.
    }
  }
  return trimmed.split(/[,\n]/)
}

function filled(row: CsvRow, columns: string[]): string {
  return columns
    .map((c) => [c, row.get(c)] as const)
    .filter(([, v]) => v.trim() !== '')
    .map(([c, v]) => `${c}: ${v}`)
    .join('\n')
}

export const nordpassCsvImporter = csvImporter({
  id: 'nordpass-csv',
  name: 'NordPass CSV',
  help: 'NordPass: Settings > Export Items. Carries folders, logins, notes; cards and identities become notes.',
  signature: [
    'name',
    'url',
    'username',
    'password',
    'note',
    'cardholdername',
    'cardnumber',
    'folder',
  ],
  distinctive: true,
  entry(row) {
    const type = row.get('type').trim().toLowerCase()
    const title = row.get('name')
    const where = `row ${row.row}`
    const folder = row.get('folder')
    if (type === 'credit_card' || type === 'identity') {
      const details = filled(row, type === 'credit_card' ? CARD : IDENTITY)
      const note = row.get('note')
      return { where, folder, title, notes: [details, note].filter((t) => t !== '').join('\n\n') }
    }
    const username = row.get('username')
    const totp = row.get('totp')
    const fields: CustomField[] = []
    const email = row.get('email')
    if (email && email !== username) fields.push({ name: 'email', value: email, secret: false })
    return {
      where,
      folder,
      title,
      username,
      password: row.get('password'),
      urls: [row.get('url'), ...additionalUrls(row.get('additional_urls'))],
      notes: row.get('note'),
      fields,
      readOtp: () => (totp.trim() ? otpKeyFromText(totp, loginLabel(title, username)) : null),
      otpAsFields: [{ name: 'TOTP', value: totp, secret: true }],
    }
  },
})
