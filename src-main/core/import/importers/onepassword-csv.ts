// 1Password 8's CSV export (File > Export, CSV): Title, Url, Username, Password, OTPAuth,
// Favorite, Archived, Tags (comma separated), Notes. Only logins and passwords are in it; use
// 1PUX for everything else.
import { csvImporter } from './csv-importer.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { loginLabel } from './password-entries.ts'

export const onePasswordCsvImporter = csvImporter({
  id: '1password-csv',
  name: '1Password 8 CSV',
  help: '1Password 8: File > Export > CSV. Carries logins, tags, notes and one-time passwords (1PUX carries more).',
  signature: ['title', 'url', 'username', 'password', 'otpauth', 'archived'],
  distinctive: true,
  fileNotes: [
    '1Password CSV holds only logins and passwords: export 1PUX to bring notes, sections and history',
  ],
  entry(row) {
    const title = row.get('Title')
    const username = row.get('Username')
    const totp = row.get('OTPAuth')
    const archived = row.get('Archived').trim().toLowerCase() === 'true'
    return {
      where: `row ${row.row}`,
      title,
      username,
      password: row.get('Password'),
      urls: [row.get('Url')],
      notes: row.get('Notes'),
      tags: [...row.get('Tags').split(','), ...(archived ? ['archived'] : [])],
      readOtp: () => (totp.trim() ? otpKeyFromText(totp, loginLabel(title, username)) : null),
      otpAsFields: [{ name: 'one-time password', value: totp, secret: true }],
    }
  },
})
