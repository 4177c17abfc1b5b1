// LastPass's CSV export (Advanced Options > Export): url, username, password, totp (bare
// secret), extra (the notes), name, grouping (the folder, subfolders separated by a backslash),
// fav. Secure notes have the URL "http://sn" and their text in extra.
import { csvImporter } from './csv-importer.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { loginLabel } from './password-entries.ts'

export const lastpassCsvImporter = csvImporter({
  id: 'lastpass-csv',
  name: 'LastPass CSV',
  help: 'LastPass: Advanced Options > Export. Carries folders, logins, secure notes and TOTP secrets.',
  signature: ['url', 'username', 'password', 'extra', 'name', 'grouping'],
  distinctive: true,
  entry(row) {
    const title = row.get('name')
    const username = row.get('username')
    const url = row.get('url')
    const totp = row.get('totp')
    const isNote = url.trim() === 'http://sn'
    return {
      where: `row ${row.row}`,
      folder: row.get('grouping').replace(/\\/g, '/'),
      title,
      username,
      password: row.get('password'),
      urls: isNote ? [] : [url],
      notes: row.get('extra'),
      readOtp: () => (totp.trim() ? otpKeyFromText(totp, loginLabel(title, username)) : null),
      otpAsFields: [{ name: 'TOTP', value: totp, secret: true }],
    }
  },
})
