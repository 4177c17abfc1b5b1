// Browser password exports. Chrome and Edge (Settings > Passwords > Export): name, url,
// username, password, and in newer versions note. Firefox (about:logins > Export): url,
// username, password, httpRealm, formActionOrigin, guid, timeCreated, timeLastUsed,
// timePasswordChanged; it has no title, so the site's host name is used.
import { csvImporter, titleFromUrl } from './csv-importer.ts'

export const chromeCsvImporter = csvImporter({
  id: 'chrome-csv',
  name: 'Chrome / Edge passwords CSV',
  help: 'Chrome or Edge: Settings > Passwords > Export passwords. Carries sites, usernames, passwords and notes.',
  signature: ['name', 'url', 'username', 'password'],
  distinctive: false,
  entry(row) {
    const url = row.get('url')
    return {
      where: `row ${row.row}`,
      title: row.get('name') || titleFromUrl(url),
      username: row.get('username'),
      password: row.get('password'),
      urls: [url],
      notes: row.get('note'),
    }
  },
})

export const firefoxCsvImporter = csvImporter({
  id: 'firefox-csv',
  name: 'Firefox passwords CSV',
  help: 'Firefox: about:logins > … > Export Logins. Carries sites, usernames and passwords.',
  signature: ['url', 'username', 'password', 'httprealm', 'formactionorigin', 'guid'],
  distinctive: true,
  entry(row) {
    const url = row.get('url')
    const realm = row.get('httpRealm')
    return {
      where: `row ${row.row}`,
      title: titleFromUrl(url),
      username: row.get('username'),
      password: row.get('password'),
      urls: [url],
      notes: realm ? `HTTP realm: ${realm}` : '',
    }
  },
})
