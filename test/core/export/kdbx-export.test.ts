// Cairn → KDBX 4: KeePassXC itself opens the export and every field is compared; the export
// then reads back through Cairn's KDBX importer with nothing lost.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DOMParser } from '@xmldom/xmldom'
import { afterAll, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { exportKdbx } from '../../../src-main/core/export/kdbx-export.ts'
import { kdbxImporter } from '../../../src-main/core/import/importers/kdbx.ts'
import { totpCode } from '../../../src-main/core/otp/otp-codes.ts'
import type { ItemData, ItemRecord, OtpData } from '../../../src-main/core/vault/item-types.ts'
import { keepassxc, needKeepassxc } from '../../support/keepassxc.ts'

const SMALL_ARGON2 = { memoryKiB: 8 * 1024, iterations: 2, parallelism: 1 }
const PASSWORD = 'export-pw ü'
let n = 0
function record(data: ItemData, deleted = false): ItemRecord {
  n++
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    revision: 1,
    createdAt: 1_600_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    deletedAt: deleted ? 1_700_000_000_001 : null,
    data,
  }
}
const key = (over: Partial<OtpData>): OtpData => ({
  type: 'otp',
  kind: 'totp',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  issuer: 'GitHub',
  account: 'octo',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  encoder: 'standard',
  title: '',
  notes: '',
  tags: [],
  ...over,
})

const githubKey = record(key({ tags: ['dev'] }))
const mailKey = record(
  key({
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY',
    issuer: 'Mail',
    account: 'me',
    title: 'Mail 2FA',
    notes: 'phone backup',
    digits: 8,
    algorithm: 'SHA256',
  }),
)
const steamKey = record(
  key({
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TP',
    issuer: 'Steam',
    account: 'gamer',
    encoder: 'steam',
    digits: 5,
  }),
)
const hotpKey = record(
  key({
    kind: 'hotp',
    secret: 'ONSWG4TFOQYTEMZUGU3DOOBZ',
    issuer: 'VPN',
    account: 'me',
    counter: 7,
    title: 'VPN token',
  }),
)
const github = record({
  type: 'login',
  title: 'GitHub',
  username: 'octo',
  password: 'gh-Pässword-3',
  urls: ['https://github.com/login', 'https://gist.github.com', 'https://api.github.com'],
  notes: 'two lines\nof notes, "quoted"',
  tags: ['dev'],
  fields: [
    { name: 'PIN', value: '4321', secret: true },
    { name: 'Recovery email', value: 'octo@example.com', secret: false },
    { name: 'Title', value: 'a field named like a standard one', secret: false },
  ],
  passwordHistory: [
    { password: 'gh-old-1', replacedAt: 1_650_000_000_000 },
    { password: 'gh-old-2', replacedAt: 1_660_000_000_000 },
  ],
  otpLink: { vaultId: 'v-2fa', itemId: githubKey.id },
})
const mail = record({
  type: 'login',
  title: 'Mail',
  username: 'me@example.com',
  password: 'mail-pw',
  urls: ['https://mail.example.com'],
  notes: '',
  tags: [],
  fields: [],
  passwordHistory: [],
  otpLink: { vaultId: 'v-2fa', itemId: mailKey.id },
})
const codes = record({
  type: 'recovery-codes',
  title: 'GitHub codes',
  issuer: 'GitHub',
  codes: [
    { code: 'AAAA-1111', used: false },
    { code: 'BBBB-2222', used: true },
  ],
  notes: 'printed copy in the safe',
  tags: ['dev'],
})
const note = record({
  type: 'note',
  title: 'Wifi',
  body: 'SSID home\nkey: correct horse',
  tags: ['home'],
})
const trashed = record({ type: 'note', title: 'Gone', body: 'deleted', tags: [] }, true)
const items = [githubKey, mailKey, steamKey, hotpKey, github, mail, codes, note, trashed]

interface XmlEntry {
  strings: Map<string, string>
  tags: string
  history: Map<string, string>[]
}

function entriesOf(xml: string): XmlEntry[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml')
  const out: XmlEntry[] = []
  const strings = (entry: Element) => {
    const map = new Map<string, string>()
    for (const s of Array.from(entry.childNodes).filter((c) => c.nodeName === 'String')) {
      const el = s as Element
      const k = el.getElementsByTagName('Key')[0]?.textContent ?? ''
      map.set(k, el.getElementsByTagName('Value')[0]?.textContent ?? '')
    }
    return map
  }
  for (const entry of Array.from(doc.getElementsByTagName('Entry'))) {
    if (entry.parentNode?.nodeName === 'History') continue
    const history = Array.from(entry.getElementsByTagName('History')[0]?.childNodes ?? [])
      .filter((c) => c.nodeName === 'Entry')
      .map((h) => strings(h as Element))
    const tags = Array.from(entry.childNodes).find((c) => c.nodeName === 'Tags')?.textContent ?? ''
    out.push({ strings: strings(entry), tags, history })
  }
  return out
}

describe('KDBX 4 export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-kdbx-export-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses an empty password', async () => {
    const error = await exportKdbx(items, '').catch((e: unknown) => e)
    expect(isCairnError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('opens in KeePassXC with every field as written', async (ctx) => {
    needKeepassxc(ctx)
    const path = join(dir, 'export.kdbx')
    writeFileSync(path, await exportKdbx(items, PASSWORD, { argon2: SMALL_ARGON2 }))
    const info = keepassxc(['db-info', '-q', path], `${PASSWORD}\n`)
    expect(info).toMatch(/Cipher: AES 256-bit/)
    expect(info).toMatch(/KDF: Argon2id \(2 rounds, 8192 KB\)/)

    const entries = entriesOf(keepassxc(['export', '-q', '-f', 'xml', path], `${PASSWORD}\n`))
    const byTitle = new Map(entries.map((e) => [e.strings.get('Title'), e]))
    // The Mail key has its own title and notes: it keeps its own entry, and the login shows it too.
    expect([...byTitle.keys()].sort()).toEqual(
      ['GitHub', 'GitHub codes', 'Mail', 'Mail 2FA', 'Steam (gamer)', 'VPN token', 'Wifi'].sort(),
    )
    const gh = byTitle.get('GitHub')!
    expect(Object.fromEntries(gh.strings)).toEqual({
      Title: 'GitHub',
      UserName: 'octo',
      Password: 'gh-Pässword-3',
      URL: 'https://github.com/login',
      KP2A_URL: 'https://gist.github.com',
      KP2A_URL_1: 'https://api.github.com',
      Notes: 'two lines\nof notes, "quoted"',
      PIN: '4321',
      'Recovery email': 'octo@example.com',
      'Title (2)': 'a field named like a standard one',
      otp: 'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=GitHub&algorithm=SHA1&digits=6&period=30',
    })
    expect(gh.tags).toBe('dev')
    expect(gh.history.map((h) => h.get('Password'))).toEqual(['gh-old-1', 'gh-old-2'])
    expect(byTitle.get('Mail')!.strings.get('otp')).toMatch(
      /^otpauth:\/\/totp\/Mail:me\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY&.*digits=8/,
    )
    expect(Object.fromEntries(byTitle.get('Mail 2FA')!.strings)).toMatchObject({
      UserName: 'me',
      Notes: 'phone backup',
    })
    expect(byTitle.get('Steam (gamer)')!.strings.get('otp')).toMatch(/encoder=steam/)
    expect(byTitle.get('VPN token')!.strings.get('otp')).toMatch(/^otpauth:\/\/hotp\/.*counter=7/)
    expect(byTitle.get('GitHub codes')!.strings.get('Notes')).toBe(
      'Recovery codes for GitHub:\nAAAA-1111\nBBBB-2222 (used)\n\nprinted copy in the safe',
    )
    expect(Object.fromEntries(byTitle.get('Wifi')!.strings)).toMatchObject({
      Notes: 'SSID home\nkey: correct horse',
    })
    expect(byTitle.get('Wifi')!.tags).toBe('home')

    // KeePassXC computes the same codes as Cairn from the otp attribute.
    for (const [title, data] of [
      ['GitHub', githubKey.data],
      ['Steam (gamer)', steamKey.data],
      ['Mail', mailKey.data],
    ] as const) {
      const shown = keepassxc(['show', '-q', '-t', path, title], `${PASSWORD}\n`).trim()
      const now = Math.floor(Date.now() / 1000)
      const around = [now - 30, now, now + 30].map((t) => totpCode(data as OtpData, t))
      expect(around, title).toContain(shown)
    }
  }, 60_000)

  it('survives a trip through KeePassXC (its XML export re-imported into a database it writes)', async (ctx) => {
    needKeepassxc(ctx)
    const ours = join(dir, 'ours.kdbx')
    const theirs = join(dir, 'theirs.kdbx')
    const xml = join(dir, 'ours.xml')
    writeFileSync(ours, await exportKdbx(items, PASSWORD, { argon2: SMALL_ARGON2 }))
    writeFileSync(xml, keepassxc(['export', '-q', '-f', 'xml', ours], `${PASSWORD}\n`))
    keepassxc(['import', '-q', '-p', xml, theirs], `${PASSWORD}\n${PASSWORD}\n`)
    const direct = await kdbxImporter.read(
      await exportKdbx(items, PASSWORD, { argon2: SMALL_ARGON2 }),
      async () => PASSWORD,
    )
    const viaKeePassXc = await kdbxImporter.read(
      new Uint8Array(readFileSync(theirs)),
      async () => PASSWORD,
    )
    expect(viaKeePassXc.formatName).toBe('KeePass database (KDBX 3.1)')
    const comparable = (entries: typeof direct.entries) =>
      entries.map((e) => e.data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    expect(comparable(viaKeePassXc.entries)).toEqual(comparable(direct.entries))
  }, 60_000)

  it('reads back through the KDBX importer with nothing lost', async () => {
    const bytes = await exportKdbx(items, PASSWORD, { argon2: SMALL_ARGON2 })
    const file = await kdbxImporter.read(bytes, async () => PASSWORD)
    const data = file.entries.map((e) => e.data)
    const byTitle = (title: string, type: string) =>
      file.entries.filter((e) => e.data.type === type && e.data.title === title)

    const [ghLogin] = byTitle('GitHub', 'login')
    const { otpLink: _link, ...ghExpected } = github.data as Extract<ItemData, { type: 'login' }>
    expect(ghLogin?.data).toEqual({
      ...ghExpected,
      fields: [
        { name: 'PIN', value: '4321', secret: true },
        { name: 'Recovery email', value: 'octo@example.com', secret: false },
        { name: 'Title (2)', value: 'a field named like a standard one', secret: false },
      ],
      otpLink: null,
    })
    const ghKey = file.entries.find((e) => e.ref === ghLogin?.otpRef)
    expect(ghKey?.data).toEqual({ ...githubKey.data, title: 'GitHub' })

    expect(data).toContainEqual(mailKey.data)
    expect(data).toContainEqual({ ...steamKey.data, title: 'Steam (gamer)' })
    expect(data).toContainEqual(hotpKey.data)
    expect(data).toContainEqual({
      type: 'note',
      title: 'GitHub codes',
      body: 'Recovery codes for GitHub:\nAAAA-1111\nBBBB-2222 (used)\n\nprinted copy in the safe',
      tags: ['dev'],
    })
    expect(data).toContainEqual(note.data)
    expect(data.some((d) => d.title === 'Gone')).toBe(false)
  })

  it('writes the group tree, empty groups included: KeePassXC lists it and the round trip keeps it', async (ctx) => {
    const grouped = [
      record({ ...note.data, title: 'Rack', group: ['Work', 'Servers'] } as ItemData),
      record({ ...note.data, title: 'Fridge', group: ['Home'] } as ItemData),
      record({ ...note.data, title: 'Loose' } as ItemData),
    ]
    const groups = [['Archive', '2019'], ['Work', 'Servers'], ['Work']]
    const bytes = await exportKdbx(grouped, PASSWORD, { argon2: SMALL_ARGON2, groups })
    const back = await kdbxImporter.read(bytes, async () => PASSWORD)
    expect(Object.fromEntries(back.entries.map((e) => [e.data.title, e.folder ?? '']))).toEqual({
      Rack: 'Work/Servers',
      Fridge: 'Home',
      Loose: '',
    })
    expect([...(back.groups ?? [])].sort()).toEqual(
      ['Archive', 'Archive/2019', 'Home', 'Work', 'Work/Servers'].sort(),
    )

    needKeepassxc(ctx)
    const ours = join(dir, 'grouped.kdbx')
    writeFileSync(ours, bytes)
    const listing = keepassxc(['ls', '-q', '-R', '-f', ours], `${PASSWORD}\n`)
    expect(listing.split('\n').filter(Boolean).sort()).toEqual(
      [
        'Archive/',
        'Archive/2019/',
        'Archive/2019/[empty]',
        'Home/',
        'Home/Fridge',
        'Loose',
        'Work/',
        'Work/Servers/',
        'Work/Servers/Rack',
        // kdbxweb gives every new database KeePass's recycle bin.
        'Recycle Bin/',
        'Recycle Bin/[empty]',
      ].sort(),
    )
    // KeePassXC writes the database again from its own XML export: the groups come back whole.
    const xml = join(dir, 'grouped.xml')
    const theirs = join(dir, 'grouped-theirs.kdbx')
    writeFileSync(xml, keepassxc(['export', '-q', '-f', 'xml', ours], `${PASSWORD}\n`))
    keepassxc(['import', '-q', '-p', xml, theirs], `${PASSWORD}\n${PASSWORD}\n`)
    const again = await kdbxImporter.read(
      new Uint8Array(readFileSync(theirs)),
      async () => PASSWORD,
    )
    expect(Object.fromEntries(again.entries.map((e) => [e.data.title, e.folder ?? '']))).toEqual({
      Rack: 'Work/Servers',
      Fridge: 'Home',
      Loose: '',
    })
    expect([...(again.groups ?? [])].sort()).toEqual([...(back.groups ?? [])].sort())
  }, 60_000)
})
