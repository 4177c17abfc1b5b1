// KeePassXC's CSV export (Database > Export > CSV, or `keepassxc-cli export --format csv`):
// Group, Title, Username, Password, URL, Notes, TOTP (an otpauth URI KeePassXC writes), Icon,
// Last Modified, Created. The group path starts with the root group, which is left out. Custom
// attributes, extra URLs, tags and history are not in this format.
import { csvImporter } from './csv-importer.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { loginLabel } from './password-entries.ts'

export const keepassxcCsvImporter = csvImporter({
  id: 'keepassxc-csv',
  name: 'KeePassXC CSV',
  help: 'KeePassXC: Database > Export > CSV File. Carries groups, logins, notes and TOTP.',
  signature: ['group', 'title', 'username', 'password', 'url', 'notes', 'totp', 'last modified'],
  distinctive: true,
  fileNotes: [
    'KeePassXC CSV has no custom attributes, extra URLs, tags or history (export a KDBX file to keep them)',
  ],
  entry(row) {
    const title = row.get('Title')
    const totp = row.get('TOTP')
    return {
      where: `row ${row.row}`,
      folder: row.get('Group').split('/').slice(1).join('/'),
      title,
      username: row.get('Username'),
      password: row.get('Password'),
      urls: [row.get('URL')],
      notes: row.get('Notes'),
      readOtp: () =>
        totp.trim() ? otpKeyFromText(totp, loginLabel(title, row.get('Username'))) : null,
      otpAsFields: [{ name: 'TOTP', value: totp, secret: true }],
    }
  },
})
