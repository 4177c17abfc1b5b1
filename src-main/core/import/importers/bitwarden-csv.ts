// Bitwarden's CSV export (Tools > Export vault > .csv): folder, favorite, type (login or note),
// name, notes, fields ("name: value" lines), reprompt, login_uri (several URIs separated by
// commas), login_username, login_password, login_totp (otpauth URI, bare secret or steam://).
// Custom fields lose whether they were hidden (the CSV does not say); cards and identities are
// not in Bitwarden's CSV at all.
import { csvImporter, nameValueLines } from './csv-importer.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { loginLabel } from './password-entries.ts'

export const bitwardenCsvImporter = csvImporter({
  id: 'bitwarden-csv',
  name: 'Bitwarden CSV',
  help: 'Bitwarden: Tools > Export vault > File format .csv. Carries folders, logins, notes, custom fields and TOTP.',
  signature: ['folder', 'type', 'name', 'login_uri', 'login_username', 'login_password'],
  distinctive: true,
  fileNotes: [
    'Bitwarden CSV does not say which custom fields were hidden: they are imported as visible',
  ],
  entry(row, skipped) {
    const type = row.get('type').trim().toLowerCase()
    if (type !== 'login' && type !== 'note') {
      skipped(`Bitwarden item type '${type.slice(0, 20)}' is not a login or a note`)
      return null
    }
    const title = row.get('name')
    const username = row.get('login_username')
    const totp = row.get('login_totp')
    return {
      where: `row ${row.row}`,
      folder: row.get('folder'),
      title,
      username,
      password: row.get('login_password'),
      urls: row.get('login_uri').split(','),
      notes: row.get('notes'),
      fields: nameValueLines(row.get('fields')).map((f) => ({ ...f, secret: false })),
      readOtp: () => (totp.trim() ? otpKeyFromText(totp, loginLabel(title, username)) : null),
      otpAsFields: [{ name: 'TOTP', value: totp, secret: true }],
    }
  },
})
