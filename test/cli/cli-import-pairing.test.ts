// `cairn import` of a KeePassXC-made database into real vault files: logins to VAULT, their TOTP
// keys to --keys-to (linked), or beside the logins with a note saying how to do otherwise; and
// --key-file for a database locked with a KeePass key file.
import { afterAll, describe, expect, it } from 'vitest'
import type { LoginData, OtpData } from '../../src-main/core/vault/item-types.ts'
import type { UnlockedVaultFile } from '../../src-main/core/vault/unlocked-vault-file.ts'
import { createVault, openVault } from '../../src-main/core/vault/vault-file.ts'
import { FAST_KDF } from '../core/vault/vault-fixtures.ts'
import {
  PASSWORD,
  cairnWithPassword,
  expectOneLine,
  snapshot,
  workspace,
  writeText,
} from './cli-harness.ts'

const ws = workspace()
afterAll(() => ws.cleanup())

const KDBX = 'test/fixtures/import/kdbx'
const sourcePassword = writeText(ws.file('kdbx-pw.txt'), 'fixture-pw\n')
/** Logins of the fixture that carry a TOTP, by title (entries.xml). */
const PAIRED = ['Bank', 'Build server', 'KeeOtp site', 'Mail', 'Short key', 'Steam']

async function vaultNamed(name: string, file: string, password = PASSWORD): Promise<string> {
  const path = ws.file(file)
  ;(await createVault(path, { password, name, unsafeKdfParamsForTests: FAST_KDF })).lock()
  return path
}

async function itemsOf(path: string, password = PASSWORD) {
  const vault = (await openVault(path).unlock({ kind: 'password', password })) as UnlockedVaultFile
  try {
    return { uuid: vault.header.vaultUuid, items: vault.list().items }
  } finally {
    vault.lock()
  }
}

describe('cairn import: logins and their 2FA keys', () => {
  it('--keys-to puts the keys in the 2FA vault and links each login to its key', async () => {
    const passwords = await vaultNamed('Passwords', 'p1.cairn')
    const keysPassword = 'another master password'
    const keys = await vaultNamed('2FA keys', 'k1.cairn', keysPassword)
    const keysPasswordFile = writeText(ws.file('keys-pw.txt'), `${keysPassword}\n`)
    const db = `${KDBX}/kdbx31-aeskdf.kdbx`
    const args = [
      'import',
      passwords,
      db,
      '--source-password-file',
      sourcePassword,
      '--keys-to',
      keys,
      '--keys-password-file',
      keysPasswordFile,
    ]

    const before = [snapshot(passwords), snapshot(keys)]
    const dry = cairnWithPassword([...args, '--dry-run'])
    expect(dry.status, dry.stderr).toBe(0)
    expect(dry.stdout).toContain(
      `Would add login Steam from ${db}, entry 1, linked to 2FA key Steam in '2FA keys'\n`,
    )
    expect(dry.stdout).toContain(
      `Would add 2FA key Steam into '2FA keys' from ${db}, entry 1 (its TOTP)\n`,
    )
    expect(dry.stdout).toContain("Dry run: would import 15 items (7 of them into '2FA keys')\n")
    expect(dry.stdout).not.toContain('--keys-to')
    expect(dry.stdout).not.toMatch(/MFRGGZDF|steam-pw/)
    expect([snapshot(passwords), snapshot(keys)]).toEqual(before)

    const real = cairnWithPassword(args)
    expect(real.status, real.stderr).toBe(0)
    expect(real.stdout).toMatch(
      /^Added login Build server \[[0-9a-f]{8}\] from .*, entry 7 in Work \/ Servers, linked to 2FA key Build server in '2FA keys'$/m,
    )
    expect(real.stdout).toContain("Imported 15 items (7 of them into '2FA keys')\n")

    const p = await itemsOf(passwords)
    const k = await itemsOf(keys, keysPassword)
    expect(p.items.filter((i) => i.data.type === 'otp')).toEqual([])
    expect(k.items.map((i) => i.data.type)).toEqual(Array(7).fill('otp'))
    const logins = p.items.flatMap((i) => (i.data.type === 'login' ? [i.data] : []))
    const linked = logins.filter((l) => l.otpLink !== null)
    expect(linked.map((l) => l.title).sort()).toEqual(PAIRED)
    for (const login of linked) {
      expect(login.otpLink?.vaultId).toBe(k.uuid)
      const key = k.items.find((i) => i.id === login.otpLink?.itemId)?.data as OtpData
      expect(key.title, login.title).toBe(login.title)
    }

    // Again: everything is there already; nothing is written to either vault.
    const after = [snapshot(passwords), snapshot(keys)]
    const again = cairnWithPassword(args)
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toContain('Imported 0 items, skipped 15\n')
    expect(again.stdout).toContain(
      `Skipped 2FA key Steam from ${db}, entry 1 (its TOTP): already in the 2FA vault\n`,
    )
    expect([snapshot(passwords), snapshot(keys)]).toEqual(after)
  })

  it('without --keys-to keeps the keys beside their logins, linked, and says how to do otherwise', async () => {
    const passwords = await vaultNamed('Passwords', 'p2.cairn')
    const run = cairnWithPassword([
      'import',
      passwords,
      `${KDBX}/kdbx4-argon2id-chacha20.kdbx`,
      '--source-password-file',
      sourcePassword,
    ])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(
      "6 logins’ 2FA keys stay in 'Passwords' beside their logins: give --keys-to 2FA_VAULT to keep 2FA keys in your 2FA vault\n",
    )
    const p = await itemsOf(passwords)
    const logins = p.items.flatMap((i) => (i.data.type === 'login' ? [i.data as LoginData] : []))
    for (const login of logins.filter((l) => l.otpLink !== null)) {
      expect(login.otpLink?.vaultId).toBe(p.uuid)
      expect(p.items.find((i) => i.id === login.otpLink?.itemId)?.data.type).toBe('otp')
    }
    expect(
      logins
        .filter((l) => l.otpLink !== null)
        .map((l) => l.title)
        .sort(),
    ).toEqual(PAIRED)
  })

  it('refuses --keys-to naming the vault itself, and --keys-password-file alone', async () => {
    const passwords = await vaultNamed('Passwords', 'p3.cairn')
    const before = snapshot(passwords)
    const db = `${KDBX}/kdbx31-aeskdf.kdbx`
    const itself = cairnWithPassword(['import', passwords, db, '--keys-to', passwords])
    expect(itself.status).toBe(2)
    expect(itself.stderr).toMatch(/--keys-to names the vault being imported into/)
    const alone = cairnWithPassword(['import', passwords, db, '--keys-password-file', 'x'])
    expect(alone.status).toBe(2)
    expect(alone.stderr).toMatch(/--keys-password-file is for the vault named by --keys-to/)
    expect(snapshot(passwords)).toEqual(before)
  })

  it('writes nothing to either vault when the 2FA vault does not open', async () => {
    const passwords = await vaultNamed('Passwords', 'p4.cairn')
    const keys = await vaultNamed('2FA keys', 'k4.cairn', 'a different password')
    const before = [snapshot(passwords), snapshot(keys)]
    const run = cairnWithPassword([
      'import',
      passwords,
      `${KDBX}/kdbx31-aeskdf.kdbx`,
      '--source-password-file',
      sourcePassword,
      '--keys-to',
      keys,
    ])
    expect(run.status).toBe(1)
    expect(expectOneLine(run.stderr)).toMatch(/password/i)
    expect([snapshot(passwords), snapshot(keys)]).toEqual(before)
  })
})

describe('cairn import --key-file', () => {
  it('opens a database locked with a password and a key file', async () => {
    const vault = await vaultNamed('Passwords', 'kf1.cairn')
    const db = `${KDBX}/kdbx31-keyfile.kdbx`
    const base = ['import', vault, db, '--source-password-file', sourcePassword, '--dry-run']
    const ok = cairnWithPassword([...base, '--key-file', `${KDBX}/fixture.keyx`])
    expect(ok.status, ok.stderr).toBe(0)
    expect(ok.stdout).toContain('Dry run: would import 15 items\n')

    const without = cairnWithPassword(base)
    expect(without.status).toBe(1)
    expect(expectOneLine(without.stderr)).toMatch(
      /kdbx31-keyfile\.kdbx: the password \(or key file\) does not open this KeePass database$/,
    )
    // Any file can be a key file (KeePass hashes it): another one does not open the database.
    const wrongKey = cairnWithPassword([...base, '--key-file', `${KDBX}/kdbx4-aeskdf-aes.kdbx`])
    expect(wrongKey.status).toBe(1)
    expect(expectOneLine(wrongKey.stderr)).toMatch(/does not open this KeePass database$/)
    const notKeyXml = cairnWithPassword([...base, '--key-file', `${KDBX}/entries.xml`])
    expect(notKeyXml.status).toBe(1)
    expect(expectOneLine(notKeyXml.stderr)).toMatch(
      /kdbx31-keyfile\.kdbx: the key file cannot be used: it is an XML file but not a complete KeePass key file$/,
    )
    const missing = cairnWithPassword([...base, '--key-file', ws.file('nope.keyx')])
    expect(missing.status).toBe(1)
    expect(expectOneLine(missing.stderr)).toMatch(/key file '.*nope\.keyx': no such file$/)
  })

  it('opens a database locked with a key file alone, with no password given', async () => {
    const vault = await vaultNamed('Passwords', 'kf2.cairn')
    const run = cairnWithPassword([
      'import',
      vault,
      `${KDBX}/kdbx31-keyfile-only.kdbx`,
      '--key-file',
      `${KDBX}/fixture.keyx`,
    ])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('Imported 15 items\n')
    expect((await itemsOf(vault)).items).toHaveLength(15)
  })
})
