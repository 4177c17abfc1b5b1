// Every password-manager format except KDBX (kdbx-importer.test.ts): exact entries from
// fixtures written from each format's documentation (KeePassXC's CSV made by keepassxc-cli),
// detection by content, wrong passwords, cut and altered files, and a bounded fuzz of each
// parser in which nothing but a CairnError may escape.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import type { Importer } from '../../../src-main/core/import/importer.ts'
import { bitwardenCsvImporter } from '../../../src-main/core/import/importers/bitwarden-csv.ts'
import { bitwardenJsonImporter } from '../../../src-main/core/import/importers/bitwarden-json.ts'
import {
  chromeCsvImporter,
  firefoxCsvImporter,
} from '../../../src-main/core/import/importers/browser-csv.ts'
import { keepassxcCsvImporter } from '../../../src-main/core/import/importers/keepassxc-csv.ts'
import { lastpassCsvImporter } from '../../../src-main/core/import/importers/lastpass-csv.ts'
import { nordpassCsvImporter } from '../../../src-main/core/import/importers/nordpass-csv.ts'
import { onePassword1puxImporter } from '../../../src-main/core/import/importers/onepassword-1pux.ts'
import { onePasswordCsvImporter } from '../../../src-main/core/import/importers/onepassword-csv.ts'
import { passwordManagerImporters } from '../../../src-main/core/import/importers/password-managers.ts'
import { protonPassImporter } from '../../../src-main/core/import/importers/protonpass-zip.ts'
import { fuzzImporter } from '../../support/import-fuzz.ts'
import { loginEntry, loginWithTotp, noteEntry, totpEntry } from '../../support/imported-entries.ts'
import { answer, errorOfAsync } from './importers/importer-harness.ts'

const DIR = 'test/fixtures/import'
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))
const BW_PASSWORD = 'bitwarden-export-pw'

function bestGuess(bytes: Uint8Array, name: string): string[] {
  const scores = passwordManagerImporters.map((i) => [i.id, i.sniff(bytes, name)] as const)
  const best = Math.max(...scores.map(([, s]) => s))
  return scores.filter(([, s]) => s === best && s > 0).map(([id]) => id)
}

const GITHUB_KEY = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', issuer: 'GitHub', account: 'octo' }
const STEAM_KEY = {
  secret: 'MFRGGZDFMZTWQ2LKNNWG23TP',
  issuer: 'Steam',
  account: 'gamer',
  encoder: 'steam' as const,
  digits: 5,
}

describe('exact entries', () => {
  it('KeePassXC CSV (made by keepassxc-cli export --format csv)', async () => {
    const file = await keepassxcCsvImporter.read(fixture('csv/keepassxc.csv'), answer(null))
    expect(file.entries).toEqual([
      ...loginWithTotp(
        'row 1',
        'totp-1',
        {
          title: 'Steam',
          username: 'gamer',
          password: 'steam-pw',
          urls: ['https://store.steampowered.com'],
        },
        STEAM_KEY,
      ),
      noteEntry('row 2', { title: 'Wifi', body: 'SSID home\nkey correct-horse' }),
      totpEntry('row 3', {
        title: 'Only key',
        secret: 'ONSWG4TFOQYTEMZUGU3DOOBZ',
        issuer: 'Only key',
        account: 'bob',
      }),
      loginEntry('row 4', {
        title: 'Old site',
        username: 'carol',
        password: 'new-pw',
        urls: ['https://old.example.com'],
      }),
      ...loginWithTotp(
        'row 5',
        'totp-2',
        {
          title: 'KeeOtp site',
          username: 'dave',
          password: 'kee-pw',
          urls: ['https://kee.example.com'],
        },
        {
          secret: 'NBSWY3DPO5XXE3DEMFRGGZDF',
          issuer: 'KeeOtp site',
          account: 'dave',
          algorithm: 'SHA512',
          digits: 8,
        },
      ),
      // A 40-bit secret is short but accepted (the planner warns about it).
      ...loginWithTotp(
        'row 6',
        'totp-3',
        {
          title: 'Short key',
          username: 'erin',
          password: 'short-pw',
          urls: ['https://short.example.com'],
        },
        { secret: 'MFRGGZDF', issuer: 'Short key', account: 'erin' },
      ),
      ...loginWithTotp(
        'row 7',
        'totp-4',
        {
          title: 'Build server',
          username: 'ci',
          password: 's3rv3r-pa55',
          urls: ['https://ci.example.com'],
          notes: 'Rack 4\nSecond line & more',
        },
        { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', issuer: 'Build server', account: 'ci' },
        { folder: 'Work/Servers' },
      ),
      ...loginWithTotp(
        'row 8',
        'totp-5',
        {
          title: 'Mail',
          username: 'alice@example.com',
          password: 'mail-pw',
          urls: ['https://mail.example.com'],
        },
        {
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY',
          issuer: 'Mail',
          account: 'alice@example.com',
          digits: 8,
        },
        { folder: 'Personal' },
      ),
      // KeePassXC 2.7 does not read KeePass's own TimeOtp-* fields, so its CSV has no TOTP here.
      loginEntry(
        'row 9',
        {
          title: 'Bank',
          username: '1234567',
          password: 'bank-pw',
          urls: ['https://bank.example.com'],
        },
        { folder: 'Personal' },
      ),
      loginEntry(
        'row 10',
        {
          title: 'Deleted thing',
          username: 'x',
          password: 'deleted-pw',
          urls: ['https://deleted.example.com'],
        },
        { folder: 'Recycle Bin' },
      ),
    ])
  })

  it('Bitwarden CSV', async () => {
    const file = await bitwardenCsvImporter.read(fixture('csv/bitwarden.csv'), answer(null))
    expect(file.entries).toEqual([
      ...loginWithTotp(
        'row 1',
        'totp-1',
        {
          title: 'GitLab',
          username: 'dev@example.com',
          password: 'gl-pass-1',
          urls: ['https://gitlab.example.com/users/sign_in', 'https://registry.example.com'],
          notes: 'team account\nsecond line',
          fields: [
            { name: 'Employee ID', value: 'E-1001', secret: false },
            { name: 'Security answer', value: 'blue whale', secret: false },
          ],
        },
        { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', issuer: 'GitLab', account: 'dev@example.com' },
        { folder: 'Work' },
      ),
      ...loginWithTotp(
        'row 2',
        'totp-2',
        {
          title: 'Power company',
          username: 'home',
          password: 'pw, with "quotes"',
          urls: ['https://power.example.com'],
        },
        { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY', issuer: 'Power company', account: 'home' },
      ),
      ...loginWithTotp(
        'row 3',
        'totp-3',
        { title: 'Steam', username: 'gamer', password: 'pw-steam' },
        STEAM_KEY,
        {
          folder: 'Games',
        },
      ),
      noteEntry('row 4', { title: 'Alarm code', body: '1234 then #' }),
    ])
    expect(file.notes).toContain(
      "1 rows left out: Bitwarden item type 'card' is not a login or a note",
    )
  })

  it('Chrome and Edge CSV', async () => {
    const chrome = await chromeCsvImporter.read(fixture('csv/chrome.csv'), answer(null))
    expect(chrome.entries).toEqual([
      loginEntry('row 1', {
        title: 'example.com',
        username: 'ann',
        password: 'pw-ann',
        urls: ['https://example.com/login'],
        notes: 'kept note',
      }),
      loginEntry('row 2', {
        title: 'shop.example.org',
        username: 'bob',
        password: 'pw, "bob"',
        urls: ['https://shop.example.org/'],
      }),
    ])
    const edge = await chromeCsvImporter.read(fixture('csv/edge.csv'), answer(null))
    expect(edge.entries).toEqual([
      loginEntry('row 1', {
        title: 'mail.example.com',
        username: 'carol',
        password: 'pw-carol',
        urls: ['https://mail.example.com/'],
      }),
    ])
  })

  it('Firefox CSV (with a BOM)', async () => {
    const file = await firefoxCsvImporter.read(fixture('csv/firefox.csv'), answer(null))
    expect(file.entries).toEqual([
      loginEntry('row 1', {
        title: 'accounts.example.com',
        username: 'dave',
        password: 'pw-dave',
        urls: ['https://accounts.example.com'],
      }),
      loginEntry('row 2', {
        title: 'router.local',
        username: 'admin',
        password: 'pw-router',
        urls: ['https://router.local'],
        notes: 'HTTP realm: Router admin',
      }),
    ])
  })

  it('LastPass CSV', async () => {
    const file = await lastpassCsvImporter.read(fixture('csv/lastpass.csv'), answer(null))
    expect(file.entries).toEqual([
      ...loginWithTotp(
        'row 1',
        'totp-1',
        {
          title: 'GitHub',
          username: 'octo',
          password: 'gh-pw',
          urls: ['https://github.com/login'],
          notes: 'my notes',
        },
        GITHUB_KEY,
        { folder: 'Work/Dev' },
      ),
      noteEntry(
        'row 2',
        { title: 'DB server', body: 'NoteType:Server\nHostname:db1' },
        { folder: 'Work' },
      ),
      loginEntry('row 3', {
        title: 'News',
        username: 'reader',
        password: 'news-pw',
        urls: ['https://news.example.com'],
      }),
    ])
  })

  it('1Password 8 CSV', async () => {
    const file = await onePasswordCsvImporter.read(fixture('csv/onepassword.csv'), answer(null))
    expect(file.entries).toEqual([
      ...loginWithTotp(
        'row 1',
        'totp-1',
        {
          title: 'GitHub',
          username: 'octo',
          password: 'gh-pw',
          urls: ['https://github.com/login'],
          notes: 'line one\nline two',
          tags: ['dev', 'work'],
        },
        GITHUB_KEY,
      ),
      loginEntry('row 2', {
        title: 'Old shop',
        username: 'me',
        password: 'old-pw',
        urls: ['https://old-shop.example'],
        tags: ['archived'],
      }),
    ])
  })

  it('NordPass CSV: a card becomes a note holding every filled column', async () => {
    const file = await nordpassCsvImporter.read(fixture('csv/nordpass.csv'), answer(null))
    expect(file.entries).toEqual([
      loginEntry(
        'row 1',
        {
          title: 'Bank',
          username: 'client-42',
          password: 'bank-pw',
          urls: ['https://bank.example.com', 'https://m.bank.example.com'],
          notes: 'call first',
        },
        { folder: 'Finance' },
      ),
      noteEntry('row 2', { title: 'Wifi', body: 'SSID home' }),
      noteEntry(
        'row 3',
        {
          title: 'Visa',
          body: 'cardholdername: Ann Example\ncardnumber: 4111111111111111\ncvc: 123\npin: 9999\nexpirydate: 07/31\nzipcode: 12345',
        },
        { folder: 'Finance' },
      ),
    ])
  })

  const bitwardenEntries = [
    ...loginWithTotp(
      'item 1',
      'totp-1',
      {
        title: 'GitLab',
        username: 'dev@example.com',
        password: 'gl-pass-1',
        urls: ['https://gitlab.example.com/users/sign_in', 'https://registry.example.com'],
        notes: 'team account\nsecond line',
        fields: [
          { name: 'Employee ID', value: 'E-1001', secret: false },
          { name: 'Security answer', value: 'blue whale', secret: true },
          { name: 'Is admin', value: 'true', secret: false },
        ],
        passwordHistory: [
          { password: 'gl-pass-0', replacedAt: Date.parse('2024-04-01T09:00:00.000Z') },
        ],
      },
      {
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
        issuer: 'GitLab',
        account: 'dev@example.com',
        digits: 8,
      },
      { folder: 'Work' },
    ),
    ...loginWithTotp(
      'item 2',
      'totp-2',
      {
        title: 'Power company',
        username: 'home',
        password: 'pw-power',
        urls: ['https://power.example.com'],
      },
      { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY', issuer: 'Power company', account: 'home' },
    ),
    ...loginWithTotp(
      'item 3',
      'totp-3',
      { title: 'Steam', username: 'gamer', password: 'pw-steam' },
      STEAM_KEY,
      {
        folder: 'Home/Utilities',
      },
    ),
    noteEntry('item 4', { title: 'Alarm code', body: '1234 then #' }),
    noteEntry('item 5', {
      title: 'Visa',
      body: 'Card\ncardholderName: Ann Example\nbrand: Visa\nnumber: 4111111111111111\nexpMonth: 7\nexpYear: 2031\ncode: 123',
    }),
  ]

  it('Bitwarden JSON, plain', async () => {
    const file = await bitwardenJsonImporter.read(fixture('bitwarden/plain.json'), answer(null))
    expect(file.formatName).toBe('Bitwarden JSON')
    expect(file.entries).toEqual(bitwardenEntries)
    expect(file.notes).toEqual([
      "1 items in Bitwarden's trash were left out",
      '1 linked custom fields were left out (they only point at another field)',
    ])
  })

  it.each(['protected-pbkdf2', 'protected-argon2id'])(
    'Bitwarden JSON, password protected (%s, written with Python cryptography)',
    async (name) => {
      const file = await bitwardenJsonImporter.read(
        fixture(`bitwarden/${name}.json`),
        answer(BW_PASSWORD),
      )
      expect(file.formatName).toBe('Bitwarden JSON (password protected)')
      expect(file.entries).toEqual(bitwardenEntries)
    },
  )

  it('1Password 1PUX', async () => {
    const file = await onePassword1puxImporter.read(
      fixture('onepassword/export.1pux'),
      answer(null),
    )
    expect(file.entries).toEqual([
      ...loginWithTotp(
        'item 1 in Personal',
        'totp-1',
        {
          title: 'GitHub',
          username: 'octo',
          password: 'gh-pw',
          urls: ['https://github.com/login', 'https://gist.github.com'],
          notes: 'main account',
          tags: ['dev'],
          fields: [
            { name: 'Security: recovery PIN', value: '8642', secret: true },
            { name: 'Security: backup email', value: 'octo@example.com', secret: false },
          ],
          passwordHistory: [{ password: 'gh-old', replacedAt: 1_690_000_000_000 }],
        },
        GITHUB_KEY,
        { folder: 'Personal' },
      ),
      noteEntry(
        'item 2 in Personal',
        { title: 'Gate', body: 'gate code 2580' },
        { folder: 'Personal' },
      ),
      loginEntry(
        'item 3 in Personal',
        {
          title: 'Router',
          password: 'router-pw',
          urls: ['http://192.168.1.1'],
          tags: ['archived'],
        },
        { folder: 'Personal' },
      ),
      noteEntry(
        'item 4 in Shared',
        {
          title: 'Visa',
          body: 'cardholder name: Ann Example\nnumber: 4111111111111111\nverification number: 123',
        },
        { folder: 'Shared' },
      ),
    ])
  })

  it.each(['export', 'stored'])('Proton Pass zip (%s members)', async (name) => {
    const file = await protonPassImporter.read(fixture(`protonpass/${name}.zip`), answer(null))
    expect(file.entries).toEqual([
      ...loginWithTotp(
        'item 1 in Personal',
        'totp-1',
        {
          title: 'GitHub',
          username: 'octo',
          password: 'gh-pw',
          urls: ['https://github.com/', 'https://gist.github.com/'],
          notes: 'work account',
          fields: [
            { name: 'email', value: 'octo@example.com', secret: false },
            { name: 'PIN', value: '4321', secret: true },
            { name: 'Team', value: 'platform', secret: false },
          ],
        },
        GITHUB_KEY,
        { folder: 'Personal' },
      ),
      noteEntry(
        'item 2 in Personal',
        { title: 'Locker', body: 'combo 10-20-30' },
        { folder: 'Personal' },
      ),
      loginEntry(
        'item 4 in Family',
        {
          title: 'Shop',
          username: 'family@example.com',
          password: 'shop-pw',
          urls: ['https://shop.example.com'],
        },
        { folder: 'Family' },
      ),
    ])
    expect(file.notes).toEqual(["1 items in Proton Pass's trash were left out"])
  })
})

describe('detection by content', () => {
  it.each([
    ['csv/keepassxc.csv', 'keepassxc-csv'],
    ['csv/bitwarden.csv', 'bitwarden-csv'],
    ['csv/chrome.csv', 'chrome-csv'],
    ['csv/edge.csv', 'chrome-csv'],
    ['csv/firefox.csv', 'firefox-csv'],
    ['csv/lastpass.csv', 'lastpass-csv'],
    ['csv/onepassword.csv', '1password-csv'],
    ['csv/nordpass.csv', 'nordpass-csv'],
    ['bitwarden/plain.json', 'bitwarden-json'],
    ['bitwarden/protected-pbkdf2.json', 'bitwarden-json'],
    ['onepassword/export.1pux', '1password-1pux'],
    ['protonpass/export.zip', 'protonpass-zip'],
    ['kdbx/kdbx31-aeskdf.kdbx', 'kdbx'],
  ])('%s is %s, whatever its name', (path, id) => {
    expect(bestGuess(fixture(path), 'download.bin')).toEqual([id])
  })
})

describe('wrong passwords', () => {
  it.each(['protected-pbkdf2', 'protected-argon2id'])('Bitwarden %s', async (name) => {
    const wrong = await errorOfAsync(() =>
      bitwardenJsonImporter.read(fixture(`bitwarden/${name}.json`), answer('nope')),
    )
    expect(isCairnError(wrong, 'WRONG_PASSWORD')).toBe(true)
    const declined = await errorOfAsync(() =>
      bitwardenJsonImporter.read(fixture(`bitwarden/${name}.json`), answer(null)),
    )
    expect(isCairnError(declined, 'WRONG_PASSWORD')).toBe(true)
  })

  it('an account-restricted Bitwarden export is refused by name', async () => {
    const restricted = new TextEncoder().encode(
      JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.a|b|c', data: '2.a|b|c' }),
    )
    const error = await errorOfAsync(() =>
      bitwardenJsonImporter.read(restricted, answer(BW_PASSWORD)),
    )
    expect(isCairnError(error, 'UNSUPPORTED')).toBe(true)
    expect((error as Error).message).toMatch(/Password protected/)
  })
})

describe('cut short and altered files', () => {
  const expectMalformed = async (
    importer: Importer,
    bytes: Uint8Array,
    password: string | null,
  ) => {
    const error = await errorOfAsync(() => importer.read(bytes, answer(password)))
    expect(isCairnError(error, 'MALFORMED_BACKUP'), String(error)).toBe(true)
  }

  it('CSV: cut inside a quoted field, a stray quote, bytes that are not UTF-8', async () => {
    const text = readFileSync(join(DIR, 'csv/bitwarden.csv'), 'utf8')
    const cut = text.slice(0, text.indexOf('second line'))
    await expectMalformed(bitwardenCsvImporter, new TextEncoder().encode(cut), null)
    await expectMalformed(
      bitwardenCsvImporter,
      new TextEncoder().encode(text.replace('Power company', '"Power" company')),
      null,
    )
    const bytes = fixture('csv/chrome.csv')
    bytes[bytes.length - 3] = 0xff
    await expectMalformed(chromeCsvImporter, bytes, null)
    await expectMalformed(chromeCsvImporter, new TextEncoder().encode('name,url'), null)
  })

  it('Bitwarden JSON: cut short, and encrypted data altered', async () => {
    const plain = fixture('bitwarden/plain.json')
    await expectMalformed(bitwardenJsonImporter, plain.slice(0, plain.length / 2), null)
    const json = JSON.parse(readFileSync(join(DIR, 'bitwarden/protected-pbkdf2.json'), 'utf8')) as {
      data: string
    }
    const [iv, data, mac] = json.data.slice(2).split('|') as [string, string, string]
    const flipped = Buffer.from(data, 'base64')
    flipped[5] = (flipped[5] as number) ^ 1
    const altered = { ...json, data: `2.${iv}|${flipped.toString('base64')}|${mac}` }
    await expectMalformed(
      bitwardenJsonImporter,
      new TextEncoder().encode(JSON.stringify(altered)),
      BW_PASSWORD,
    )
    const cutCipher = { ...json, data: `2.${iv}|${data.slice(0, 20)}|${mac}` }
    await expectMalformed(
      bitwardenJsonImporter,
      new TextEncoder().encode(JSON.stringify(cutCipher)),
      BW_PASSWORD,
    )
  })

  it.each([
    [onePassword1puxImporter, 'onepassword/export.1pux'],
    [protonPassImporter, 'protonpass/export.zip'],
    [protonPassImporter, 'protonpass/stored.zip'],
  ] as const)('zip formats: cut short or a byte altered (%#)', async (importer, path) => {
    const bytes = fixture(path)
    for (const end of [10, bytes.length / 2, bytes.length - 10]) {
      await expectMalformed(importer, bytes.slice(0, end), null)
    }
    // In the middle: inside the compressed JSON, the member these importers read.
    const altered = bytes.slice()
    const at = Math.floor(bytes.length / 2)
    altered[at] = (altered[at] as number) ^ 0x40
    await expectMalformed(importer, altered, null)
  })
})

describe('fuzzing: only CairnError escapes', () => {
  it.each([
    [keepassxcCsvImporter, 'csv/keepassxc.csv', null, 300],
    [bitwardenCsvImporter, 'csv/bitwarden.csv', null, 300],
    [chromeCsvImporter, 'csv/chrome.csv', null, 300],
    [firefoxCsvImporter, 'csv/firefox.csv', null, 300],
    [lastpassCsvImporter, 'csv/lastpass.csv', null, 300],
    [onePasswordCsvImporter, 'csv/onepassword.csv', null, 300],
    [nordpassCsvImporter, 'csv/nordpass.csv', null, 300],
    [bitwardenJsonImporter, 'bitwarden/plain.json', null, 300],
    [bitwardenJsonImporter, 'bitwarden/protected-argon2id.json', BW_PASSWORD, 60],
    [onePassword1puxImporter, 'onepassword/export.1pux', null, 300],
    [protonPassImporter, 'protonpass/export.zip', null, 300],
  ] as const)(
    '%o on %s',
    async (importer, path, password, runs) => {
      const tried = await fuzzImporter(importer, fixture(path), password, runs)
      console.log(
        `${importer.id} fuzz on ${path}: ${tried} inputs, each read or refused with a CairnError`,
      )
      expect(tried).toBe(runs)
    },
    60_000,
  )
})
