import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError, type CairnErrorCode } from '../../../src-main/core/errors.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openReadWrite } from '../../../src-main/core/vault/sqlite-file.ts'
import { PASSWORD, everyType, login, newVault, note, otp, tempDir } from './vault-fixtures.ts'

function expectCairn(fn: () => unknown, code: CairnErrorCode, message?: RegExp): void {
  let error: unknown
  try {
    fn()
  } catch (e) {
    error = e
  }
  expect(isCairnError(error, code), `expected CairnError ${code}, got ${String(error)}`).toBe(true)
  if (message) expect((error as Error).message).toMatch(message)
}

let tmp: ReturnType<typeof tempDir>
let vault: UnlockedVaultFile
let path: string

beforeEach(async () => {
  tmp = tempDir()
  path = tmp.file('items.cairn')
  vault = await newVault(path)
})
afterEach(() => {
  vault.lock()
  tmp.cleanup()
})

async function reopen(): Promise<UnlockedVaultFile> {
  vault.lock()
  vault = (await openVault(path).unlock({
    kind: 'password',
    password: PASSWORD,
  })) as UnlockedVaultFile
  return vault
}

describe('items: create, read, update', () => {
  it('stores every item type and reads it back equal after reopening the file', async () => {
    const added = everyType.map((d) => vault.add(d))
    for (const r of added) {
      expect(r.revision).toBe(1)
      expect(r.deletedAt).toBeNull()
      expect(r.createdAt).toBe(r.updatedAt)
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/)
    }
    await reopen()
    const { items, damaged } = vault.list()
    expect(damaged).toEqual([])
    expect(items.map((i) => i.data)).toEqual(everyType)
    for (const r of added) expect(vault.get(r.id)).toEqual(r)
  })

  it('update bumps the revision, keeps createdAt and replaces the data', () => {
    const r1 = vault.add(login())
    const r2 = vault.update(r1.id, login({ password: 'n3w', title: 'Renamed' }))
    expect(r2.revision).toBe(2)
    expect(r2.createdAt).toBe(r1.createdAt)
    expect(r2.updatedAt).toBeGreaterThanOrEqual(r1.updatedAt)
    expect(vault.get(r1.id).data).toMatchObject({ password: 'n3w', title: 'Renamed' })
  })

  it('update may change the item type, since the type lives inside the ciphertext', () => {
    const r = vault.add(note())
    expect(vault.update(r.id, otp()).data.type).toBe('otp')
  })

  it('update with a stale expectedRevision is a CONFLICT and changes nothing', () => {
    const r = vault.add(login())
    vault.update(r.id, login({ title: 'second' }), 1)
    expectCairn(
      () => vault.update(r.id, login({ title: 'stale' }), 1),
      'CONFLICT',
      /revision 2, expected 1/,
    )
    expect(vault.get(r.id).data).toMatchObject({ title: 'second' })
  })

  it('unknown ids are NOT_FOUND', () => {
    expectCairn(() => vault.get('nope'), 'NOT_FOUND')
    expectCairn(() => vault.update('nope', note()), 'NOT_FOUND')
    expectCairn(() => vault.trash('nope'), 'NOT_FOUND')
    expectCairn(() => vault.purge('nope'), 'NOT_FOUND')
  })

  it('rejects malformed item data with a message naming the field, writing nothing', () => {
    expectCairn(
      () => vault.add({ ...login(), urls: 'x' } as never),
      'INVALID_ARGUMENT',
      /login\.urls/,
    )
    expectCairn(
      () => vault.add({ type: 'wallet' } as never),
      'INVALID_ARGUMENT',
      /unknown item type "wallet"/,
    )
    expectCairn(() => vault.add(otp({ secret: 'jbswy3dp' })), 'INVALID_ARGUMENT', /otp\.secret/)
    expectCairn(
      () => vault.add(otp({ algorithm: 'MD5' as never })),
      'INVALID_ARGUMENT',
      /otp\.algorithm/,
    )
    expect(vault.list().items).toEqual([])
  })

  it.each([
    ['1 digit', { digits: 1 }, /digits must be from 6 to 10/],
    ['11 digits', { digits: 11 }, /digits must be from 6 to 10/],
    ['an empty secret', { secret: '' }, /otp\.secret/],
    ['a Steam key counting HOTP', { encoder: 'steam', kind: 'hotp' }, /Steam/],
  ] as const)(
    'OTP keys follow the OTP module rule (normalizeOtpKey): refuses %s',
    (_w, overrides, message) => {
      expectCairn(() => vault.add(otp(overrides as never)), 'INVALID_ARGUMENT', message)
      expect(vault.list().items).toEqual([])
    },
  )

  it('OTP keys are stored in the canonical form the OTP module gives them', () => {
    expect(vault.add(otp({ digits: 8 })).data).toMatchObject({ digits: 8 })
    expect(vault.add(otp({ digits: 10, account: 'ten' })).data).toMatchObject({ digits: 10 })
    expect(vault.add(otp({ secret: 'JBSWY3DP', account: 'short' })).data).toMatchObject({
      secret: 'JBSWY3DP',
    })
    expect(vault.add(otp({ encoder: 'steam', digits: 6, algorithm: 'SHA256' })).data).toMatchObject(
      {
        encoder: 'steam',
        digits: 5,
        algorithm: 'SHA1',
        period: 30,
      },
    )
    expect(vault.add(otp({ issuer: '  Padded  ' })).data).toMatchObject({ issuer: 'Padded' })
  })

  it('stores only the known fields of an item', () => {
    const r = vault.add({ ...note(), extra: 'dropped' } as never)
    expect(vault.get(r.id).data).toEqual(note())
  })
})

describe('items: trash, restore, purge, tombstones', () => {
  it('trash hides an item from the live list, restore brings it back, each a new revision', () => {
    const a = vault.add(login())
    const b = vault.add(note())
    const trashed = vault.trash(a.id)
    expect(trashed.deletedAt).not.toBeNull()
    expect(trashed.revision).toBe(2)
    expect(vault.list().items.map((i) => i.id)).toEqual([b.id])
    expect(
      vault
        .list({ includeTrash: true })
        .items.map((i) => i.id)
        .sort(),
    ).toEqual([a.id, b.id].sort())
    expect(vault.trash(a.id).revision).toBe(2) // already in the trash: unchanged

    const restored = vault.restore(a.id)
    expect(restored.deletedAt).toBeNull()
    expect(restored.revision).toBe(3)
    expect(restored.data).toEqual(login())
    expect(vault.list().items).toHaveLength(2)
  })

  it('the trash state survives reopening', async () => {
    const a = vault.add(login())
    vault.trash(a.id)
    await reopen()
    expect(vault.list().items).toEqual([])
    expect(vault.get(a.id).deletedAt).not.toBeNull()
  })

  it('purge removes the row for good and leaves a tombstone one revision later', async () => {
    const a = vault.add(login())
    vault.update(a.id, login({ title: 'v2' }))
    vault.trash(a.id)
    const t = vault.purge(a.id)
    expect(t).toMatchObject({ id: a.id, revision: 4 })
    expectCairn(() => vault.get(a.id), 'NOT_FOUND')
    expect(vault.list({ includeTrash: true }).items).toEqual([])
    await reopen()
    expect(vault.tombstones()).toEqual([t])
  })

  it('importRecord writes a record verbatim and clears its tombstone; importTombstone deletes', () => {
    const a = vault.add(note())
    const t = vault.purge(a.id)
    const rec = { ...a, revision: 7, updatedAt: a.updatedAt + 5, data: note({ title: 'merged' }) }
    expect(vault.importRecord(rec)).toEqual(rec)
    expect(vault.get(a.id)).toEqual(rec)
    expect(vault.tombstones()).toEqual([])
    vault.importTombstone({ ...t, revision: 8 })
    expectCairn(() => vault.get(a.id), 'NOT_FOUND')
    expect(vault.tombstones()).toEqual([{ ...t, revision: 8 }])
  })
})

describe('importRecords', () => {
  it('writes every record in one transaction, or none when one is invalid', () => {
    const base = { revision: 3, createdAt: 1_000, updatedAt: 2_000, deletedAt: null }
    const good = [
      { ...base, id: 'a1b2c3d4-0000-4000-8000-000000000001', data: note({ title: 'one' }) },
      { ...base, id: 'a1b2c3d4-0000-4000-8000-000000000002', data: login() },
    ]
    const bad = { ...base, id: 'a1b2c3d4-0000-4000-8000-000000000003', data: { type: 'note' } }
    expectCairn(() => vault.importRecords([...good, bad as never]), 'INVALID_ARGUMENT')
    expect(vault.list().items).toEqual([])
    expect(vault.importRecords(good)).toEqual(good)
    expect(vault.list().items).toEqual(good)
  })
})

describe('lock', () => {
  it('refuses every call afterwards with LOCKED and can be called twice', () => {
    vault.add(note())
    vault.lock()
    expect(vault.isLocked).toBe(true)
    expectCairn(() => vault.list(), 'LOCKED')
    expectCairn(() => vault.add(note()), 'LOCKED')
    expectCairn(() => vault.slots(), 'LOCKED')
    vault.lock()
  })

  it('zeroes the vault key buffer it was given and closes the file', () => {
    const key = Buffer.alloc(32, 0xab)
    const db = openReadWrite(path)
    const session = new UnlockedVaultFile(path, vault.header, db, key, vault.unlockedWith)
    session.lock()
    expect(key.equals(Buffer.alloc(32))).toBe(true)
    expect(db.open).toBe(false)
  })
})
