// A password manager's login with a TOTP, imported into real vault files: the login goes to the
// passwords vault, its key to the 2FA vault when one is given (else beside the login), and the
// login links to the key. Fixtures: KeePassXC-made KDBX, and the Bitwarden, 1Password and Proton
// Pass exports written from their documentation (test/fixtures/import/README.md).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  applyImport,
  planImport,
  vaultItems,
  type ReadImport,
} from '../../../src-main/core/import/import-plan.ts'
import type { ItemData, LoginData, OtpData } from '../../../src-main/core/vault/item-types.ts'
import { otpKeyOf } from '../../../src-main/core/vault/item-types.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { errorOf } from '../qr/fixtures/image-bytes.ts'
import { newVault, otp, tempDir, type TempDir } from '../vault/vault-fixtures.ts'
import { readAs } from './import-helpers.ts'

const DIR = 'test/fixtures/import'
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)))
const password = (pw: string) => async () => pw

const SOURCES: [string, () => Promise<ReadImport>][] = [
  [
    'KeePassXC KDBX',
    () => readAs('db.kdbx', fixture('kdbx/kdbx31-aeskdf.kdbx'), password('fixture-pw')),
  ],
  ['Bitwarden JSON', () => readAs('bitwarden.json', fixture('bitwarden/plain.json'))],
  ['1Password 1PUX', () => readAs('export.1pux', fixture('onepassword/export.1pux'))],
  ['Proton Pass zip', () => readAs('proton.zip', fixture('protonpass/export.zip'))],
  ['Bitwarden CSV', () => readAs('bitwarden.csv', fixture('csv/bitwarden.csv'))],
]

/** The source's logins that carry a TOTP, each with the key data the importer read for it. */
function pairsIn(read: ReadImport): { login: LoginData; key: OtpData }[] {
  const entries = read.file.entries
  return entries.flatMap((entry) => {
    if (entry.otpRef === undefined || entry.data.type !== 'login') return []
    const key = entries.find((e) => e.ref === entry.otpRef)?.data
    if (key?.type !== 'otp') throw new Error(`${entry.where}: its otpRef names no key`)
    return [{ login: entry.data, key }]
  })
}

const live = (vault: UnlockedVaultFile) => vault.list().items
const sameLogin = (a: ItemData, b: LoginData) =>
  a.type === 'login' && a.title === b.title && a.username === b.username

describe('a login and its TOTP, imported', () => {
  let tmp: TempDir
  let passwords: UnlockedVaultFile
  let keys: UnlockedVaultFile

  beforeEach(async () => {
    tmp = tempDir()
    passwords = await newVault(tmp.file('passwords.cairn'))
    keys = await newVault(tmp.file('keys.cairn'))
  })
  afterEach(() => {
    if (!passwords.isLocked) passwords.lock()
    if (!keys.isLocked) keys.lock()
    tmp.cleanup()
  })

  it.each(SOURCES)(
    '%s: each key goes to the 2FA vault and its login links to it',
    async (_, source) => {
      const read = await source()
      const pairs = pairsIn(read)
      expect(pairs.length).toBeGreaterThan(0)
      const plan = planImport([read], vaultItems(passwords.list()), {
        keys: vaultItems(keys.list()),
      })
      expect(plan.problems).toEqual([])
      expect(plan.keysBesideLogins).toBe(0)
      applyImport(passwords, plan, { keys })

      expect(live(passwords).filter((i) => i.data.type === 'otp')).toEqual([])
      const keyItems = live(keys)
      expect(keyItems.every((i) => i.data.type === 'otp')).toBe(true)
      for (const { login, key } of pairs) {
        const written = live(passwords).find((i) => sameLogin(i.data, login))
        const link = (written?.data as LoginData | undefined)?.otpLink
        expect(link, login.title).toEqual({
          vaultId: keys.header.vaultUuid,
          itemId: expect.any(String),
        })
        const linked = keyItems.find((i) => i.id === link?.itemId)?.data as OtpData | undefined
        expect(linked && otpKeyOf(linked), login.title).toEqual(otpKeyOf(key))
      }
      // Every key of the source is in the 2FA vault, paired or not.
      const sourceKeys = read.file.entries.filter((e) => e.data.type === 'otp')
      expect(keyItems).toHaveLength(sourceKeys.length)
    },
  )

  it('without a 2FA vault, keeps each key beside its login, linked, and counts them', async () => {
    const read = await SOURCES[0]![1]()
    const pairs = pairsIn(read)
    const plan = planImport([read], vaultItems(passwords.list()))
    expect(plan.keysBesideLogins).toBe(pairs.length)
    expect(plan.add.every((p) => p.to === 'vault')).toBe(true)
    applyImport(passwords, plan)
    for (const { login, key } of pairs) {
      const written = live(passwords).find((i) => sameLogin(i.data, login))
      const link = (written?.data as LoginData).otpLink
      expect(link?.vaultId).toBe(passwords.header.vaultUuid)
      const linked = live(passwords).find((i) => i.id === link?.itemId)?.data as OtpData
      expect(otpKeyOf(linked)).toEqual(otpKeyOf(key))
    }
    expect(keys.list().items).toEqual([])
  })

  it('links a login to the key already in the 2FA vault instead of adding it twice', async () => {
    const read = await SOURCES[0]![1]()
    const [first] = pairsIn(read)
    const already = keys.add({ ...first!.key, title: 'mine', notes: 'added by hand', tags: [] })
    const plan = planImport([read], vaultItems(passwords.list()), {
      keys: vaultItems(keys.list()),
    })
    const login = plan.add.find((p) => sameLogin(p.data, first!.login))
    expect(login?.link).toMatchObject({ to: 'keys', itemId: already.id, existing: true })
    expect(plan.skipped).toEqual([
      expect.objectContaining({ to: 'keys', reason: 'already in the 2FA vault' }),
    ])
    applyImport(passwords, plan, { keys })
    const written = live(passwords).find((i) => sameLogin(i.data, first!.login))
    expect((written?.data as LoginData).otpLink).toEqual({
      vaultId: keys.header.vaultUuid,
      itemId: already.id,
    })
    expect(live(keys).filter((i) => i.id === already.id)).toHaveLength(1)
  })

  it('importing the same file again adds nothing to either vault', async () => {
    const read = await SOURCES[0]![1]()
    const options = () => ({ keys: vaultItems(keys.list()) })
    applyImport(passwords, planImport([read], vaultItems(passwords.list()), options()), { keys })
    const counts = [live(passwords).length, live(keys).length]
    const again = planImport([read], vaultItems(passwords.list()), options())
    expect(again.add).toEqual([])
    expect(applyImport(passwords, again, { keys })).toEqual([])
    expect([live(passwords).length, live(keys).length]).toEqual(counts)
  })

  it('takes the keys out of the 2FA vault again when the logins cannot be written', async () => {
    keys.add(otp({ issuer: 'Kept', account: 'me' }))
    const before = live(keys).map((i) => i.id)
    const read = await SOURCES[0]![1]()
    const plan = planImport([read], vaultItems(passwords.list()), {
      keys: vaultItems(keys.list()),
    })
    // A real failure of the second write: the passwords vault was locked after the preview.
    passwords.lock()
    const e = errorOf(() => applyImport(passwords, plan, { keys }))
    expect(isCairnError(e), String(e)).toBe(true)
    expect(live(keys).map((i) => i.id)).toEqual(before)
    // They were written and purged again: one tombstone for each key of the plan, and one for
    // each group written with them (the source's folders), so nothing of the import stays.
    const planned = plan.add.filter((p) => p.to === 'keys').map((p) => p.id)
    const groups = plan.groups.filter((g) => g.to === 'keys').length
    expect(planned.length).toBeGreaterThan(0)
    const tombs = keys.tombstones().map((t) => t.id)
    expect(tombs).toEqual(expect.arrayContaining(planned))
    expect(tombs).toHaveLength(planned.length + groups)
    expect(keys.groups()).toEqual([])
  })

  it('refuses a plan made with a 2FA vault when the 2FA vault is not given', async () => {
    const read = await SOURCES[0]![1]()
    const plan = planImport([read], [], { keys: [] })
    const e = errorOf(() => applyImport(passwords, plan))
    expect(isCairnError(e, 'INVALID_ARGUMENT')).toBe(true)
    expect(live(passwords)).toEqual([])
  })
})
