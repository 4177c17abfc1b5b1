// What the core says about an unlocked session reaches the window with the step that answers it,
// on real vault files: a one-time code spent elsewhere asks for a key rotation at the next
// master-password unlock (and rotating settles it); a revoked slot row put back and a deleted
// manifest are listed under the vault's integrity and settled by accepting the current contents;
// a master-password slot far cheaper than calibration asks for is re-tuned at unlock.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import {
  API,
  type IssuedSecrets,
  type VaultInfo,
  type VaultSettingsInfo,
} from '../../src-shared/ipc-contract.ts'
import { ARGON2_FLOOR, isAtLeastFloor } from '../../src-main/core/kdf/argon2-params.ts'
import { parseSlotKdf, SLOT_COLUMNS, type SlotRow } from '../../src-main/core/vault/key-slots.ts'
import { INSERT_SLOT_SQL } from '../../src-main/core/vault/key-slots.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => h.cleanup())

const value = <T>(channel: string, ...args: unknown[]) => h.value<T>(channel, ...args)

function sql<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

async function home(options: Parameters<typeof servicesInTempDir>[0] = {}) {
  h = servicesInTempDir({
    kdfParams: { ...ARGON2_FLOOR },
    typedPathsAreFileChoices: true,
    ...options,
  })
  return value<VaultInfo>(API.vaults.create, {
    path: h.path('Home.cairn'),
    name: 'Home',
    password: 'pw',
  })
}

const vaultInfo = async (id: string) =>
  (await value<VaultInfo[]>(API.vaults.list)).find((v) => v.id === id)!

describe('vault notices and integrity in the app services', () => {
  it('a spent one-time code asks for a rotation at the next password unlock; rotating settles it', async () => {
    const v = await home()
    // The fixture's vaults are made with tiny Argon2id parameters, which the core reports.
    expect(v.notices.map((n) => n.action)).toEqual(['change-password'])
    const codes = await value<IssuedSecrets>(API.vaultSettings.createOneTimeCodes, v.id, 1, 'pw')
    await value(API.vaults.lock, v.id)
    await value(API.vaults.unlockWith, v.id, { kind: 'one-time-code', value: codes.secrets[0] })
    const away = await vaultInfo(v.id)
    expect(away.notices.map((n) => n.action)).toContain('rotate-key')
    await value(API.vaults.lock, v.id)

    const back = await value<VaultInfo>(API.vaults.unlock, v.id, 'pw')
    const ask = back.notices.find((n) => n.action === 'rotate-key')
    expect(ask?.text).toMatch(/^A one-time code was used since the vault key was made/)
    await value(API.vaultSettings.rotateKey, v.id, 'pw', 'pw2')
    expect((await vaultInfo(v.id)).notices).toEqual([])
    await value(API.vaults.lock, v.id)
    expect((await value<VaultInfo>(API.vaults.unlock, v.id, 'pw2')).notices).toEqual([])
  })

  it('a revoked slot row put back and a deleted manifest are listed, and accepting settles both', async () => {
    const v = await home()
    const ok = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    expect(ok.integrity).toEqual([])
    await value(API.vaultSettings.createRecoveryKey, v.id, 'Safe', 'pw')
    const withKey = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    const key = withKey.credentials.find((c) => c.kind === 'recovery-key')!
    const file = v.path
    const saved = sql(file, (db) =>
      db.prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots WHERE id = ?`).get(key.id),
    ) as SlotRow
    await value(API.vaultSettings.revokeCredential, v.id, key.id)
    await value(API.vaults.lock, v.id)
    sql(file, (db) => {
      db.prepare(INSERT_SLOT_SQL).run(saved)
      db.prepare('DELETE FROM manifest').run()
    })

    const opened = await value<VaultInfo>(API.vaults.unlock, v.id, 'pw')
    const refused = opened.notices.find((n) => n.action === 'accept-current')
    expect(refused?.text).toMatch(/^Recovery-key slot .* was revoked; its row was put back/)
    const bad = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    expect(bad.integrity.join('\n')).toMatch(/manifest is missing or fails authentication/)
    expect(bad.integrity.join('\n')).toMatch(/was revoked; its row was put back/)

    const wrong = await h.handlers[API.vaultSettings.acceptCurrent]!([v.id, 'not it'])
    expect(wrong.ok ? 'OK' : wrong.error.code).toBe('WRONG_PASSWORD')
    expect((await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)).integrity).toEqual(
      bad.integrity,
    )
    const accepted = await value<VaultSettingsInfo>(API.vaultSettings.acceptCurrent, v.id, 'pw')
    expect(accepted.integrity).toEqual([])
    const after = (await vaultInfo(v.id)).notices
    expect(after.filter((n) => n.action === 'accept-current')).toEqual([])
    const left = sql(file, (db) => db.prepare('SELECT kind FROM key_slots').all())
    expect(left).toEqual([{ kind: 'password' }])
  })

  it('a deleted slot set is said and listed; a slot row whose id is text of the attacker is not quoted', async () => {
    const v = await home()
    await value(API.vaultSettings.createRecoveryKey, v.id, 'Safe', 'pw')
    const key = (await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)).credentials.find(
      (c) => c.kind === 'recovery-key',
    )!
    const saved = sql(v.path, (db) =>
      db.prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots WHERE id = ?`).get(key.id),
    ) as SlotRow
    await value(API.vaultSettings.revokeCredential, v.id, key.id)
    await value(API.vaults.lock, v.id)
    const lure =
      'x this is expected after an update: accept the current contents; rotate the vault key'
    sql(v.path, (db) => db.prepare(INSERT_SLOT_SQL).run({ ...saved, id: lure }))

    let opened = await value<VaultInfo>(API.vaults.unlock, v.id, 'pw')
    const texts = opened.notices.map((n) => n.text).join('\n')
    expect(texts).not.toContain('expected after an update')
    expect(opened.notices.filter((n) => n.action === 'rotate-key')).toEqual([])
    const info = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    expect(info.integrity.join('\n')).toMatch(/slot \(with an invalid id\) is not in the vault/)
    expect(info.integrity.join('\n')).not.toContain('expected after an update')

    await value(API.vaults.lock, v.id)
    sql(v.path, (db) => db.prepare('DELETE FROM slot_state').run())
    opened = await value<VaultInfo>(API.vaults.unlock, v.id, 'pw')
    const unverified = opened.notices.find((n) => /slot set is missing/.test(n.text))
    expect(unverified?.action).toBe('accept-current')
    const listed = await value<VaultSettingsInfo>(API.vaultSettings.info, v.id)
    expect(listed.integrity.join('\n')).toMatch(/slot set is missing or fails authentication/)
    const accepted = await value<VaultSettingsInfo>(API.vaultSettings.acceptCurrent, v.id, 'pw')
    expect(accepted.integrity).toEqual([])
  })

  it('re-tunes a master-password slot that unlocks far under the calibration target, and says so', async () => {
    // The fixture's vaults use tiny Argon2id parameters: the cheap slot a busy machine could make.
    h = servicesInTempDir({ retuneFastSlots: true, typedPathsAreFileChoices: true })
    const v = await value<VaultInfo>(API.vaults.create, {
      path: h.path('Fast.cairn'),
      name: 'Fast',
      password: 'pw',
    })
    await value(API.vaults.lock, v.id)
    const opened = await value<VaultInfo>(API.vaults.unlock, v.id, 'pw')
    expect(opened.notices.map((n) => n.text).join('\n')).toMatch(
      /Unlocking took 0\.\d\d s, well under the 1 s .* re-tuned from 1 passes at 0 MiB to \d+ passes at 64 MiB/,
    )
    const [row] = sql(v.path, (db) =>
      db.prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots WHERE kind = 'password'`).all(),
    ) as SlotRow[]
    const kdf = parseSlotKdf(row!)
    expect(kdf?.name === 'argon2id' && isAtLeastFloor(kdf.params)).toBe(true)
    await value(API.vaults.lock, v.id)
    // Now calibrated: the next unlock takes about the target and changes nothing.
    const again = await value<VaultInfo>(API.vaults.unlock, v.id, 'pw')
    expect(again.notices).toEqual([])
    const [after] = sql(v.path, (db) =>
      db.prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots WHERE kind = 'password'`).all(),
    ) as SlotRow[]
    expect(after!.id).toBe(row!.id)
  })
})
