import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError, type CairnErrorCode } from '../../../src-main/core/errors.ts'
import { closeKdf } from '../../../src-main/core/kdf/derive-key.ts'
import { createVault, openVault } from '../../../src-main/core/vault/vault-file.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import type { Credential, UnlockedVault } from '../../../src-main/core/vault/vault-api.ts'
import { FAST_KDF, PASSWORD, login, newVault, note, tempDir } from './vault-fixtures.ts'

async function expectCairnAsync(
  p: Promise<unknown>,
  code: CairnErrorCode,
  message?: RegExp,
): Promise<void> {
  let error: unknown
  try {
    await p
  } catch (e) {
    error = e
  }
  expect(isCairnError(error, code), `expected CairnError ${code}, got ${String(error)}`).toBe(true)
  if (message) expect((error as Error).message).toMatch(message)
}

/** Reads the file through a separate read-only connection, as another program would. */
function peek<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}
const slotParams = (path: string) =>
  peek(path, (db) =>
    db.prepare('SELECT kind, kdf, kdf_params AS params FROM key_slots ORDER BY created_at').all(),
  )

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const unlockWith = (path: string, c: Credential) =>
  openVault(path).unlock(c) as Promise<UnlockedVaultFile>

let tmp: ReturnType<typeof tempDir>
let path: string
beforeEach(() => {
  tmp = tempDir()
  path = tmp.file('unlock.cairn')
})
afterEach(() => tmp.cleanup())
afterAll(closeKdf)

describe('createVault', () => {
  it('writes one file that openVault recognises, with its header and one password slot', async () => {
    const v = await newVault(path)
    expect(v.header).toMatchObject({ name: 'Test vault', formatVersion: 3 })
    expect(v.unlockedWith.kind).toBe('password')
    v.lock()
    expect(readdirSync(tmp.dir)).toEqual(['unlock.cairn'])
    const locked = openVault(path)
    expect(locked.header).toEqual(v.header)
    expect(locked.slots()).toMatchObject([{ kind: 'password', label: 'Master password' }])
  })

  it('refuses to overwrite an existing file', async () => {
    writeFileSync(path, 'precious')
    await expectCairnAsync(newVault(path), 'FILE_EXISTS')
    expect(readFileSync(path, 'utf8')).toBe('precious')
  })

  it('refuses Argon2 parameters below the RFC 9106 floor unless the test-only option is used', async () => {
    await expectCairnAsync(
      createVault(path, { password: 'pw', name: 'x', kdfParams: FAST_KDF }),
      'INVALID_ARGUMENT',
      /weaker than the floor/,
    )
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(tmp.dir)).toEqual([])
  })

  it('uses the floor when asked for it explicitly (no calibration below it)', async () => {
    const floor = { memoryKiB: 65536, iterations: 3, parallelism: 4 }
    const v = await createVault(path, { password: 'pw', name: 'Floor', kdfParams: floor })
    v.lock()
    const u = await unlockWith(path, { kind: 'password', password: 'pw' })
    expect(u.list().items).toEqual([])
    u.lock()
    expect(slotParams(path)).toEqual([
      { kind: 'password', kdf: 'argon2id', params: JSON.stringify(floor) },
    ])
  })

  it('a missing folder is FILE_NOT_FOUND', async () => {
    await expectCairnAsync(newVault(tmp.file('no/such/folder/v.cairn')), 'FILE_NOT_FOUND', /folder/)
  })

  it('rejects an empty password or name', async () => {
    await expectCairnAsync(
      createVault(path, { password: '', name: 'x', unsafeKdfParamsForTests: FAST_KDF }),
      'INVALID_ARGUMENT',
    )
    await expectCairnAsync(
      createVault(path, { password: 'x', name: ' ', unsafeKdfParamsForTests: FAST_KDF }),
      'INVALID_ARGUMENT',
    )
  })
})

describe('unlock', () => {
  it('opens with the right password and records when the slot was last used', async () => {
    ;(await newVault(path)).lock()
    const before = Date.now()
    const u = await unlockWith(path, { kind: 'password', password: PASSWORD })
    expect(u.unlockedWith.lastUsedAt).toBeGreaterThanOrEqual(before)
    expect(u.slots()[0]!.lastUsedAt).toBe(u.unlockedWith.lastUsedAt)
    u.lock()
  })

  it('creates the vault file and its WAL readable by its owner only', async () => {
    const v = await newVault(path)
    v.add(login())
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600)
    v.lock()
  })

  it('runs every session in WAL mode with synchronous=FULL and secure_delete on', async () => {
    const created = await newVault(path)
    const full = { journalMode: 'wal', synchronous: 2, secureDelete: 1 }
    expect(created.storageSettings()).toEqual(full)
    created.lock()
    const u = await unlockWith(path, { kind: 'password', password: PASSWORD })
    expect(u.storageSettings()).toEqual(full)
    u.lock()
  })

  it('a wrong password is WRONG_PASSWORD and leaves the file byte-identical, without sidecar files', async () => {
    const v = await newVault(path)
    v.add(login())
    v.lock()
    const hash = sha256(path)
    const mtime = statSync(path).mtimeMs
    const locked = openVault(path)
    await expectCairnAsync(
      locked.unlock({ kind: 'password', password: 'wrong' }),
      'WRONG_PASSWORD',
      /^Wrong password$/,
    )
    await expectCairnAsync(
      locked.unlock({ kind: 'password', password: `${PASSWORD} ` }),
      'WRONG_PASSWORD',
    )
    locked.close()
    expect(sha256(path)).toBe(hash)
    expect(statSync(path).mtimeMs).toBe(mtime)
    expect(readdirSync(tmp.dir)).toEqual(['unlock.cairn'])
  })

  it('the same password typed in another Unicode normalisation still unlocks', async () => {
    ;(await newVault(path, 'caf\u00e9')).lock()
    ;(await unlockWith(path, { kind: 'password', password: 'cafe\u0301' })).lock()
  })

  it('a credential kind the vault has no slot for is WRONG_CREDENTIAL', async () => {
    ;(await newVault(path)).lock()
    await expectCairnAsync(
      openVault(path).unlock({ kind: 'recovery-key', key: 'x' }),
      'WRONG_CREDENTIAL',
      /no recovery key/,
    )
  })

  it("two unlocked sessions on one file see each other's writes", async () => {
    const a = await newVault(path)
    const b = await unlockWith(path, { kind: 'password', password: PASSWORD })
    const r = a.add(note({ title: 'from a' }))
    expect(b.get(r.id).data).toMatchObject({ title: 'from a' })
    b.lock()
    a.lock()
  })
})

describe('key slots', () => {
  let v: UnlockedVault & UnlockedVaultFile
  beforeEach(async () => {
    v = await newVault(path)
    v.add(note({ title: 'kept' }))
  })
  afterEach(() => v.lock())

  it('changePassword: the old password stops working, the new one opens the same items', async () => {
    await v.changePassword('new password')
    expect(v.slots().filter((s) => s.kind === 'password')).toHaveLength(1)
    v.lock()
    await expectCairnAsync(
      unlockWith(path, { kind: 'password', password: PASSWORD }),
      'WRONG_PASSWORD',
    )
    v = await unlockWith(path, { kind: 'password', password: 'new password' })
    expect(v.list().items.map((i) => i.data.title)).toEqual(['kept'])
  })

  it("changePassword keeps the unlocking slot's Argon2 parameters (at the floor or above) and leaves recovery keys valid", async () => {
    v.lock()
    rmSync(path)
    const floor = { memoryKiB: 65536, iterations: 3, parallelism: 4 }
    v = await createVault(path, { password: PASSWORD, name: 'Floor', kdfParams: floor })
    v.add(note())
    const recovery = 'ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567'
    await v.addSlot({ kind: 'recovery-key', key: recovery })
    await v.changePassword('another')
    expect(slotParams(path)).toEqual([
      { kind: 'recovery-key', kdf: 'hkdf-sha256', params: '{}' },
      { kind: 'password', kdf: 'argon2id', params: JSON.stringify(floor) },
    ])
    v.lock()
    v = await unlockWith(path, {
      kind: 'recovery-key',
      key: recovery.toLowerCase().replace(/ /g, '-'),
    })
    expect(v.unlockedWith.kind).toBe('recovery-key')
    expect(v.list().items).toHaveLength(1)
  })

  it('a recovery-key slot uses HKDF, is listed, and can be revoked', async () => {
    const info = await v.addSlot(
      { kind: 'recovery-key', key: 'K'.repeat(52) },
      { label: 'Printed 2025' },
    )
    expect(info).toMatchObject({ kind: 'recovery-key', label: 'Printed 2025', lastUsedAt: null })
    expect(v.slots().map((s) => s.kind)).toEqual(['password', 'recovery-key'])
    v.removeSlot(info.id)
    expect(v.slots().map((s) => s.kind)).toEqual(['password'])
    v.lock()
    await expectCairnAsync(
      unlockWith(path, { kind: 'recovery-key', key: 'K'.repeat(52) }),
      'WRONG_CREDENTIAL',
    )
    v = await unlockWith(path, { kind: 'password', password: PASSWORD })
  })

  it('a one-time code opens the vault once, then its slot is gone', async () => {
    await v.addSlot(
      { kind: 'one-time-code', code: 'Q7RX-4KZP' },
      { unsafeKdfParamsForTests: FAST_KDF },
    )
    await v.addSlot(
      { kind: 'one-time-code', code: 'M2WD-9HTA' },
      { unsafeKdfParamsForTests: FAST_KDF },
    )
    v.lock()
    v = await unlockWith(path, { kind: 'one-time-code', code: 'm2wd 9hta' })
    expect(v.unlockedWith.kind).toBe('one-time-code')
    expect(v.slots().filter((s) => s.kind === 'one-time-code')).toHaveLength(1)
    v.lock()
    await expectCairnAsync(
      unlockWith(path, { kind: 'one-time-code', code: 'M2WD-9HTA' }),
      'WRONG_CREDENTIAL',
    )
    v = await unlockWith(path, { kind: 'one-time-code', code: 'Q7RX-4KZP' })
  })

  it('the last password slot cannot be removed; unknown slot ids are NOT_FOUND', async () => {
    const code = await v.addSlot(
      { kind: 'one-time-code', code: 'ZZZZ' },
      { unsafeKdfParamsForTests: FAST_KDF },
    )
    let error: unknown
    try {
      v.removeSlot(v.slots().find((s) => s.kind === 'password')!.id)
    } catch (e) {
      error = e
    }
    expect(isCairnError(error, 'CONFLICT')).toBe(true)
    expect((error as Error).message).toMatch(/change the password instead/)
    v.removeSlot(code.id)
    expect(v.slots().map((s) => s.kind)).toEqual(['password'])
    expect(() => v.removeSlot('nope')).toThrow(/No key slot/)
  })

  it('rotateVaultKey refuses an empty password and changes nothing', async () => {
    await expectCairnAsync(v.rotateVaultKey(''), 'INVALID_ARGUMENT')
    v.lock()
    v = await unlockWith(path, { kind: 'password', password: PASSWORD })
    expect(v.list().items).toHaveLength(1)
  })

  it("slot params are validated like the password slot's (floor unless test-only option)", async () => {
    await expectCairnAsync(
      v.addSlot({ kind: 'one-time-code', code: 'AAAA' }, { kdfParams: FAST_KDF }),
      'INVALID_ARGUMENT',
    )
    await expectCairnAsync(
      v.addSlot({ kind: 'password', password: 'x' }, { kdf: 'hkdf-sha256' }),
      'INVALID_ARGUMENT',
      /Argon2id/,
    )
  })

  it('hkdf-sha256 is for recovery keys of 32 characters or more; anything else needs Argon2id', async () => {
    await expectCairnAsync(
      v.addSlot({ kind: 'one-time-code', code: 'Q'.repeat(40) }, { kdf: 'hkdf-sha256' }),
      'INVALID_ARGUMENT',
      /one time code slot must use Argon2id/,
    )
    await expectCairnAsync(
      v.addSlot({ kind: 'recovery-key', key: 'ABCD-EFGH-2345' }),
      'INVALID_ARGUMENT',
      /at least 32 characters/,
    )
    // A short recovery key is accepted behind Argon2id, and a generated-length one behind HKDF.
    await v.addSlot(
      { kind: 'recovery-key', key: 'ABCD-EFGH-2345' },
      { kdf: 'argon2id', unsafeKdfParamsForTests: FAST_KDF },
    )
    await v.addSlot({ kind: 'recovery-key', key: 'R'.repeat(32) })
    expect(slotParams(path).map((s) => (s as { kdf: string }).kdf)).toEqual([
      'argon2id',
      'argon2id',
      'hkdf-sha256',
    ])
  })

  it('unlock tries at most 32 slots of a kind, and says so when the credential was not among them', async () => {
    for (let i = 1; i <= 32; i++) {
      await v.addSlot(
        { kind: 'password', password: `password ${i}` },
        { label: `password ${i}`, unsafeKdfParamsForTests: FAST_KDF },
      )
    }
    v.lock()
    // Stored order (created_at, then id) decides which 32 are tried.
    const labels = openVault(path)
      .slots()
      .map((s) => s.label)
    const passwordOf = (label: string) => (label === 'Master password' ? PASSWORD : label)
    await expectCairnAsync(
      unlockWith(path, { kind: 'password', password: passwordOf(labels[32]!) }),
      'WRONG_PASSWORD',
      /one of the 1 password slot\(s\) past the first 32/,
    )
    v = await unlockWith(path, { kind: 'password', password: passwordOf(labels[31]!) })
    expect(v.unlockedWith.label).toBe(labels[31])
  })

  it('rotateVaultKey re-encrypts every item and cuts off every old slot', async () => {
    const t = v.purge(v.add(note({ title: 'gone' })).id)
    await v.addSlot({ kind: 'recovery-key', key: 'R'.repeat(52) })
    const rows = () => peek(path, (db) => db.prepare('SELECT nonce, ciphertext FROM items').all())
    const before = rows()
    await v.rotateVaultKey('rotated', { unsafeKdfParamsForTests: FAST_KDF })
    expect(rows()).not.toEqual(before)
    expect(v.list().items.map((i) => i.data.title)).toEqual(['kept'])
    expect(v.tombstones()).toEqual([t])
    expect(v.slots().map((s) => s.kind)).toEqual(['password'])
    v.lock()
    await expectCairnAsync(
      unlockWith(path, { kind: 'password', password: PASSWORD }),
      'WRONG_PASSWORD',
    )
    await expectCairnAsync(
      unlockWith(path, { kind: 'recovery-key', key: 'R'.repeat(52) }),
      'WRONG_CREDENTIAL',
    )
    v = await unlockWith(path, { kind: 'password', password: 'rotated' })
    expect(v.list().items.map((i) => i.data.title)).toEqual(['kept'])
  })
})
