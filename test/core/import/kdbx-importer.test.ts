// KeePass databases made by KeePassXC itself (committed, and made again here when
// keepassxc-cli is installed): every entry, field, group, tag, history and TOTP layout read.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import type { ImportedEntry } from '../../../src-main/core/import/importer.ts'
import { kdbxImporter } from '../../../src-main/core/import/importers/kdbx.ts'
import { fuzzImporter } from '../../support/import-fuzz.ts'
import {
  FIXTURE_PASSWORD,
  emptyKdbx4,
  keepassxcMissing,
  makeKdbxFixtures,
} from '../../support/keepassxc.ts'

const DIR = 'test/fixtures/import/kdbx'
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))
const password = (pw: string | null) => async () => pw

const login = (title: string, rest: Record<string, unknown>) => ({
  type: 'login',
  title,
  notes: '',
  tags: [],
  fields: [],
  passwordHistory: [],
  otpLink: null,
  ...rest,
})
const totp = (title: string, rest: Record<string, unknown>) => ({
  type: 'otp',
  kind: 'totp',
  title,
  notes: '',
  tags: [],
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  encoder: 'standard',
  ...rest,
})

/** What entries.xml holds, in KeePassXC's order (entries of a group before its subgroups). */
function expectedEntries(recycleBinIsGroup: boolean): Partial<ImportedEntry>[] {
  const list: Partial<ImportedEntry>[] = [
    {
      where: 'entry 1',
      otpRef: 'totp-1',
      data: login('Steam', {
        username: 'gamer',
        password: 'steam-pw',
        urls: ['https://store.steampowered.com'],
      }) as never,
    },
    {
      where: 'entry 1 (its TOTP)',
      ref: 'totp-1',
      data: totp('Steam', {
        secret: 'MFRGGZDFMZTWQ2LKNNWG23TP',
        issuer: 'Steam',
        account: 'gamer',
        encoder: 'steam',
        digits: 5,
      }) as never,
    },
    {
      where: 'entry 2',
      data: { type: 'note', title: 'Wifi', body: 'SSID home\nkey correct-horse', tags: [] },
    },
    {
      where: 'entry 3',
      data: totp('Only key', {
        secret: 'ONSWG4TFOQYTEMZUGU3DOOBZ',
        issuer: 'Example',
        account: 'bob',
      }) as never,
    },
    {
      where: 'entry 4',
      data: login('Old site', {
        username: 'carol',
        password: 'new-pw',
        urls: ['https://old.example.com'],
        passwordHistory: [{ password: 'old-pw', replacedAt: Date.parse('2024-02-02T12:00:00Z') }],
      }) as never,
    },
    {
      where: 'entry 5',
      otpRef: 'totp-2',
      data: login('KeeOtp site', {
        username: 'dave',
        password: 'kee-pw',
        urls: ['https://kee.example.com'],
      }) as never,
    },
    {
      where: 'entry 5 (its TOTP)',
      ref: 'totp-2',
      data: totp('KeeOtp site', {
        secret: 'NBSWY3DPO5XXE3DEMFRGGZDF',
        issuer: 'KeeOtp site',
        account: 'dave',
        algorithm: 'SHA512',
        digits: 8,
      }) as never,
    },
    // A 40-bit secret is short but accepted (the planner warns about it).
    {
      where: 'entry 6',
      otpRef: 'totp-3',
      data: login('Short key', {
        username: 'erin',
        password: 'short-pw',
        urls: ['https://short.example.com'],
      }) as never,
    },
    {
      where: 'entry 6 (its TOTP)',
      ref: 'totp-3',
      data: totp('Short key', { secret: 'MFRGGZDF', issuer: '', account: 'x' }) as never,
    },
    {
      where: 'entry 7 in Work / Servers',
      folder: 'Work/Servers',
      otpRef: 'totp-4',
      data: login('Build server', {
        username: 'ci',
        password: 's3rv3r-pa55',
        urls: ['https://ci.example.com', 'https://ci2.example.com'],
        notes: 'Rack 4\nSecond line & more',
        tags: ['infra', 'ops'],
        fields: expect.arrayContaining([
          { name: 'Port', value: '2222', secret: false },
          { name: 'API token', value: 'tok-123', secret: true },
        ]) as never,
      }) as never,
    },
    {
      where: 'entry 7 in Work / Servers (its TOTP)',
      folder: 'Work/Servers',
      ref: 'totp-4',
      data: totp('Build server', {
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
        issuer: 'Build server',
        account: 'ci',
        tags: ['infra', 'ops'],
      }) as never,
    },
    {
      where: 'entry 8 in Personal',
      folder: 'Personal',
      otpRef: 'totp-5',
      data: login('Mail', {
        username: 'alice@example.com',
        password: 'mail-pw',
        urls: ['https://mail.example.com'],
      }) as never,
    },
    {
      where: 'entry 8 in Personal (its TOTP)',
      folder: 'Personal',
      ref: 'totp-5',
      data: totp('Mail', {
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY',
        issuer: 'Mail',
        account: 'alice@example.com',
        digits: 8,
      }) as never,
    },
    {
      where: 'entry 9 in Personal',
      folder: 'Personal',
      otpRef: 'totp-6',
      data: login('Bank', {
        username: '1234567',
        password: 'bank-pw',
        urls: ['https://bank.example.com'],
      }) as never,
    },
    {
      where: 'entry 9 in Personal (its TOTP)',
      folder: 'Personal',
      ref: 'totp-6',
      data: totp('Bank', {
        secret: 'KRSXG5CTMVRXEZLUKRSXG5CT',
        issuer: 'Bank',
        account: '1234567',
        algorithm: 'SHA256',
        digits: 7,
        period: 60,
      }) as never,
    },
  ]
  if (recycleBinIsGroup) {
    // In the merged KDBX 4 files the bin is an ordinary group: the target database had none.
    list.push({
      where: 'entry 10 in Recycle Bin',
      folder: 'Recycle Bin',
      data: login('Deleted thing', {
        username: 'x',
        password: 'deleted-pw',
        urls: ['https://deleted.example.com'],
      }) as never,
    })
  }
  return list
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(isCairnError(error), String(error)).toBe(true)
  expect((error as { code: string }).code).toBe(code)
}

const KDBX4 = ['kdbx4-argon2d-aes', 'kdbx4-argon2id-chacha20', 'kdbx4-aeskdf-aes']

describe('KDBX importer on committed KeePassXC-made databases', () => {
  it('reads KDBX 3.1 (AES-KDF) with every entry, field and TOTP layout', async () => {
    const file = await kdbxImporter.read(fixture('kdbx31-aeskdf.kdbx'), password(FIXTURE_PASSWORD))
    expect(file.formatName).toBe('KeePass database (KDBX 3.1)')
    expect(file.entries).toEqual(expectedEntries(false))
    expect(file.notes).toEqual(['1 entries in the recycle bin were left out'])
    // The whole group tree, parents included; never the recycle bin.
    expect(file.groups).toEqual(['Work', 'Work/Servers', 'Personal'])
  })

  it.each(KDBX4)('reads %s', async (name) => {
    const file = await kdbxImporter.read(fixture(`${name}.kdbx`), password(FIXTURE_PASSWORD))
    expect(file.formatName).toBe('KeePass database (KDBX 4.0)')
    expect(file.entries).toEqual(expectedEntries(true))
  })

  it('opens a database locked with a password and a key file', async () => {
    const keyFile = fixture('fixture.keyx')
    const file = await kdbxImporter.read(
      fixture('kdbx31-keyfile.kdbx'),
      password(FIXTURE_PASSWORD),
      { keyFile },
    )
    expect(file.entries).toEqual(expectedEntries(false))
    await expectCode(
      kdbxImporter.read(fixture('kdbx31-keyfile.kdbx'), password(FIXTURE_PASSWORD)),
      'WRONG_PASSWORD',
    )
  })

  it('opens a database locked with a key file alone (an empty password)', async () => {
    const file = await kdbxImporter.read(fixture('kdbx31-keyfile-only.kdbx'), password(''), {
      keyFile: fixture('fixture.keyx'),
    })
    expect(file.entries).toEqual(expectedEntries(false))
    await expectCode(
      kdbxImporter.read(fixture('kdbx31-keyfile-only.kdbx'), password('')),
      'WRONG_PASSWORD',
    )
  })

  it('sniffs by the KeePass signature, not the name', () => {
    expect(kdbxImporter.sniff(fixture('kdbx31-aeskdf.kdbx'), 'x.bin')).toBe(3)
    expect(kdbxImporter.sniff(new TextEncoder().encode('title,user'), 'x.kdbx')).toBe(0)
  })

  it.each(['kdbx31-aeskdf', ...KDBX4])('refuses a wrong password for %s', async (name) => {
    await expectCode(
      kdbxImporter.read(fixture(`${name}.kdbx`), password('wrong')),
      'WRONG_PASSWORD',
    )
    await expectCode(kdbxImporter.read(fixture(`${name}.kdbx`), password(null)), 'WRONG_PASSWORD')
  })

  it.each(['kdbx31-aeskdf', ...KDBX4])('refuses %s cut short or altered', async (name) => {
    const bytes = fixture(`${name}.kdbx`)
    // Cuts that are not whole AES blocks, so that even KDBX 3.1 (no checksum before decryption) can
    // tell a short file from a wrong password.
    for (const end of [8, 100, bytes.length - 201, bytes.length - 1]) {
      const cut = bytes.slice(0, end)
      const error = await kdbxImporter.read(cut, password(FIXTURE_PASSWORD)).then(
        () => null,
        (e: unknown) => e,
      )
      expect(isCairnError(error, 'MALFORMED_BACKUP'), `cut at ${end}: ${String(error)}`).toBe(true)
    }
    const altered = bytes.slice()
    const at = bytes.length - 100
    altered[at] = (altered[at] as number) ^ 0x01
    await expectCode(kdbxImporter.read(altered, password(FIXTURE_PASSWORD)), 'MALFORMED_BACKUP')
  })

  it('refuses a database whose key derivation would exhaust the machine, before deriving', async () => {
    const bytes = await emptyKdbx4('pw', { kdf: 'argon2id', cipher: 'aes' })
    const { kdbxweb } = await import('../../../src-main/core/kdbx/kdbx-engine.ts')
    const credentials = new kdbxweb.KdbxCredentials(kdbxweb.ProtectedValue.fromString('pw'))
    const db = await kdbxweb.Kdbx.load(bytes.buffer as ArrayBuffer, credentials)
    db.header.kdfParameters?.set(
      'M',
      kdbxweb.VarDictionary.ValueType.UInt64,
      kdbxweb.Int64.from(64 * 1024 * 1024 * 1024),
    )
    // kdbxweb derives the key on save too, so the cost is checked on the written header alone.
    const header = new kdbxweb.BinaryStream()
    db.header.write(header)
    const hostile = new Uint8Array(header.getWrittenBytes())
    await expectCode(kdbxImporter.read(hostile, password('pw')), 'UNSUPPORTED')
  })

  it('fuzzes the reader with mutated KDBX 4 files: only CairnError escapes', async () => {
    const tried = await fuzzImporter(
      kdbxImporter,
      fixture('kdbx4-argon2id-chacha20.kdbx'),
      FIXTURE_PASSWORD,
      100,
    )
    console.log(`KDBX fuzz: ${tried} inputs, each read or refused with a CairnError`)
    expect(tried).toBe(100)
  })
})

const missing = keepassxcMissing()
describe('KDBX importer on databases KeePassXC makes now', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-kdbx-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  if (missing) console.log(`skipping live KeePassXC fixtures: ${missing}`)
  it.skipIf(missing !== null)(
    'reads every variant KeePassXC writes',
    async () => {
      const made = await makeKdbxFixtures(join(DIR, 'entries.xml'), dir)
      const read = (name: string, keyFile?: Uint8Array) =>
        kdbxImporter.read(
          new Uint8Array(readFileSync(made[name] as string)),
          password(FIXTURE_PASSWORD),
          keyFile ? { keyFile } : {},
        )
      expect((await read('kdbx31-aeskdf')).entries).toEqual(expectedEntries(false))
      const keyFile = new Uint8Array(readFileSync(made.keyfile as string))
      expect((await read('kdbx31-keyfile', keyFile)).entries).toEqual(expectedEntries(false))
      const keyOnly = await kdbxImporter.read(
        new Uint8Array(readFileSync(made['kdbx31-keyfile-only'] as string)),
        password(''),
        { keyFile },
      )
      expect(keyOnly.entries).toEqual(expectedEntries(false))
      for (const name of KDBX4) expect((await read(name)).entries).toEqual(expectedEntries(true))
    },
    120_000,
  )
})
