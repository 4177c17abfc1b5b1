// The vault manifest: whole rows put back from an older copy, deleted or added outside Cairn are
// reported by id (every row authenticates on its own, so only the manifest can tell), healthy rows
// still open, and every write keeps rows and manifest in step.
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError, type CairnErrorCode } from '../../../src-main/core/errors.ts'
import type { DamagedRow } from '../../../src-main/core/vault/item-types.ts'
import { MANIFEST_ROW_ID } from '../../../src-main/core/vault/manifest.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { FAST_KDF, PASSWORD, login, newVault, note, otp, tempDir } from './vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let path: string
let ids: string[]

type Row = Record<string, unknown>

/** Reads or writes the file directly, as a tool other than Cairn would. */
function edit<T>(fn: (db: Database.Database) => T, file = path): T {
  const db = new Database(file)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const itemRow = (id: string, file = path) =>
  edit((db) => db.prepare('SELECT * FROM items WHERE id = ?').get(id) as Row, file)

/** Puts a complete row back, every column as it was. */
function putRow(row: Row): void {
  edit((db) => {
    db.prepare('DELETE FROM items WHERE id = ?').run(row.id)
    db.prepare(
      'INSERT INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext) VALUES (@id, @revision, @created_at, @updated_at, @deleted_at, @nonce, @ciphertext)',
    ).run(row)
  })
}

interface StoredState {
  head: Row
  entries: Row[]
}

/** The state head and every state entry row, as stored. */
const stateOf = (file = path): StoredState =>
  edit(
    (db) => ({
      head: db.prepare('SELECT * FROM manifest').get() as Row,
      entries: db.prepare('SELECT * FROM state_entries').all() as Row[],
    }),
    file,
  )

/** Puts a whole stored state (head and entries) back, as a copy of an older file would. */
function putState(state: StoredState): void {
  edit((db) => {
    db.prepare('UPDATE manifest SET nonce = @nonce, ciphertext = @ciphertext').run(state.head)
    db.prepare('DELETE FROM state_entries').run()
    const put = db.prepare(
      'INSERT INTO state_entries (id, kind, revision) VALUES (@id, @kind, @revision)',
    )
    for (const e of state.entries) put.run(e)
  })
}

const unlock = (file = path) =>
  openVault(file).unlock({ kind: 'password', password: PASSWORD }) as Promise<UnlockedVaultFile>

function expectCode(fn: () => unknown, code: CairnErrorCode, message?: RegExp): void {
  let error: unknown
  try {
    fn()
  } catch (e) {
    error = e
  }
  expect(isCairnError(error, code), `expected CairnError ${code}, got ${String(error)}`).toBe(true)
  if (message) expect((error as Error).message).toMatch(message)
}

/** What list() (trash included) reports in a fresh session. */
async function afterReopen(): Promise<{ live: string[]; damaged: DamagedRow[] }> {
  const v = await unlock()
  try {
    const { items, damaged } = v.list({ includeTrash: true })
    return { live: items.map((i) => i.id), damaged }
  } finally {
    v.lock()
  }
}

beforeEach(async () => {
  tmp = tempDir()
  path = tmp.file('manifest.cairn')
  const v = await newVault(path)
  ids = [
    v.add(login()),
    v.add(otp({ kind: 'hotp', counter: 5, title: 'hotp' })),
    v.add(note()),
  ].map((r) => r.id)
  v.lock()
})
afterEach(() => tmp.cleanup())

describe('rows put back from an older copy', () => {
  it('an older HOTP counter, every column of the old row restored: reported as rolled back', async () => {
    const old = itemRow(ids[1]!)
    let v = await unlock()
    const hotp = v.get(ids[1]!)
    v.update(ids[1]!, { ...(hotp.data as ReturnType<typeof otp>), counter: 6 })
    v.update(ids[1]!, { ...(hotp.data as ReturnType<typeof otp>), counter: 7 })
    v.lock()
    putRow(old)

    v = await unlock()
    const { items, damaged } = v.list()
    expect(damaged).toEqual([
      {
        id: ids[1],
        reason: expect.stringMatching(/^rolled back: revision 1 is older than revision 3/),
      },
    ])
    expect(items.map((i) => i.id)).toEqual([ids[0], ids[2]])
    expectCode(() => v.get(ids[1]!), 'TAMPERED_ROW', /rolled back/)
    expectCode(() => v.update(ids[1]!, otp()), 'TAMPERED_ROW', /rolled back/)
    // It can be cleared away, past every revision the vault has known for it.
    expect(v.purge(ids[1]!).revision).toBe(4)
    expect(v.list().damaged).toEqual([])
    v.lock()
  })

  it('an item un-trashed by putting back the row from before the trash: reported', async () => {
    const old = itemRow(ids[0]!)
    const v = await unlock()
    v.trash(ids[0]!)
    v.lock()
    putRow(old)
    const { live, damaged } = await afterReopen()
    expect(damaged.map((d) => d.id)).toEqual([ids[0]])
    expect(damaged[0]!.reason).toMatch(/rolled back/)
    expect(live).toEqual([ids[1], ids[2]])
  })

  it('a purged item brought back (its old row in, its tombstone out): reported, no tombstone offered', async () => {
    const old = itemRow(ids[2]!)
    const v = await unlock()
    v.purge(ids[2]!)
    v.lock()
    putRow(old)
    edit((db) => db.prepare('DELETE FROM tombstones').run())
    const after = await unlock()
    const { damaged } = after.list()
    expect(damaged).toEqual([{ id: ids[2], reason: expect.stringMatching(/^was purged/) }])
    expect(after.tombstones()).toEqual([])
    after.lock()
  })

  it('a purged row put back beside its tombstone does not hide another row deleted', async () => {
    const old = itemRow(ids[2]!)
    const v = await unlock()
    v.purge(ids[2]!)
    v.lock()
    putRow(old)
    edit((db) => db.prepare('DELETE FROM items WHERE id = ?').run(ids[0]))
    const { damaged } = await afterReopen()
    expect(damaged).toEqual([
      { id: ids[2], reason: expect.stringMatching(/^was purged/) },
      { id: ids[0], reason: expect.stringMatching(/^missing/) },
    ])
  })

  it('an older tombstone put back after a merge brought the item back: ignored', async () => {
    const v = await unlock()
    const t = v.purge(ids[2]!)
    const oldTomb = edit((db) => db.prepare('SELECT * FROM tombstones').get() as Row)
    v.importRecord({ ...v.list().items[0]!, id: ids[2]!, revision: t.revision + 1 })
    v.lock()
    edit((db) =>
      db
        .prepare(
          'INSERT INTO tombstones (id, revision, purged_at, nonce, tag) VALUES (@id, @revision, @purged_at, @nonce, @tag)',
        )
        .run(oldTomb),
    )
    const after = await unlock()
    expect(after.tombstones()).toEqual([])
    expect(after.list().damaged).toEqual([])
    after.lock()
  })

  it('the manifest and one row both put back: rows written since show the manifest is old', async () => {
    const before = tmp.file('before.cairn')
    copyFileSync(path, before)
    const v = await unlock()
    v.update(ids[0]!, login({ password: 'new one' }))
    v.update(ids[2]!, note({ body: 'changed' }))
    v.lock()
    const oldState = stateOf(before)
    putRow(itemRow(ids[0]!, before))
    putState(oldState)
    const { damaged } = await afterReopen()
    expect(damaged).toEqual([
      { id: ids[2], reason: expect.stringMatching(/newer than the vault manifest/) },
    ])
  })
})

describe('state entries and head changed outside Cairn', () => {
  const unverified = [{ id: MANIFEST_ROW_ID, reason: expect.stringMatching(/manifest/) }]

  it('one item row and its entry both put back from an older copy', async () => {
    const before = tmp.file('before.cairn')
    copyFileSync(path, before)
    const v = await unlock()
    v.update(ids[1]!, otp({ kind: 'hotp', counter: 9, title: 'hotp' }))
    v.lock()
    const oldEntry = stateOf(before).entries.find((e) => e.id === ids[1])!
    putRow(itemRow(ids[1]!, before))
    edit((db) =>
      db.prepare('UPDATE state_entries SET revision = @revision WHERE id = @id').run(oldEntry),
    )
    expect((await afterReopen()).damaged).toEqual(unverified)
  })

  it('an item row and its entry both deleted', async () => {
    edit((db) => {
      db.prepare('DELETE FROM items WHERE id = ?').run(ids[0])
      db.prepare('DELETE FROM state_entries WHERE id = ?').run(ids[0])
    })
    expect((await afterReopen()).damaged).toEqual(unverified)
  })

  it('an entry added for an item row copied from another vault file', async () => {
    const other = tmp.file('other.cairn')
    copyFileSync(path, other)
    const v = await unlock(other)
    const planted = v.add(note({ title: 'planted' })).id
    v.lock()
    putRow(itemRow(planted, other))
    edit((db) =>
      db.prepare('INSERT INTO state_entries (id, kind, revision) VALUES (?, 1, 1)').run(planted),
    )
    expect((await afterReopen()).damaged).toEqual(unverified)
  })

  it('an older head put back over current entries', async () => {
    const old = stateOf()
    const v = await unlock()
    v.update(ids[2]!, note({ body: 'newer' }))
    v.lock()
    edit((db) =>
      db.prepare('UPDATE manifest SET nonce = @nonce, ciphertext = @ciphertext').run(old.head),
    )
    expect((await afterReopen()).damaged).toEqual(unverified)
  })

  it('unchanged entries and head verify, and a write changes one entry and the head', async () => {
    const old = stateOf()
    const v = await unlock()
    v.update(ids[2]!, note({ body: 'newer' }))
    v.lock()
    const now = stateOf()
    expect(now.head.nonce).not.toEqual(old.head.nonce)
    const changed = now.entries.filter(
      (e) => !old.entries.some((o) => o.id === e.id && o.revision === e.revision),
    )
    expect(changed).toEqual([{ id: ids[2], kind: 1, revision: 2 }])
    expect((await afterReopen()).damaged).toEqual([])
  })
})

describe('rows deleted or added outside Cairn', () => {
  it('a deleted row is reported as missing; purge clears it with a tombstone', async () => {
    edit((db) => db.prepare('DELETE FROM items WHERE id = ?').run(ids[0]))
    const v = await unlock()
    const { items, damaged } = v.list()
    expect(damaged).toEqual([{ id: ids[0], reason: expect.stringMatching(/^missing/) }])
    expect(items.map((i) => i.id)).toEqual([ids[1], ids[2]])
    expectCode(() => v.get(ids[0]!), 'TAMPERED_ROW', /is missing/)
    const t = v.purge(ids[0]!)
    expect(t.revision).toBe(2)
    expect(v.list().damaged).toEqual([])
    expect(v.tombstones()).toEqual([t])
    v.lock()
  })

  it("a purged item's deleted tombstone is reported", async () => {
    const v = await unlock()
    v.purge(ids[2]!)
    v.lock()
    edit((db) => db.prepare('DELETE FROM tombstones').run())
    const { damaged } = await afterReopen()
    expect(damaged).toEqual([
      { id: ids[2], reason: expect.stringMatching(/^purged, but its tombstone/) },
    ])
  })

  it('a row from a copy of the same vault that this file never had: reported as unexpected', async () => {
    const copy = tmp.file('copy.cairn')
    copyFileSync(path, copy)
    const c = await unlock(copy)
    const stranger = c.add(note({ title: 'only in the copy' }))
    c.lock()
    putRow(itemRow(stranger.id, copy))
    const { live, damaged } = await afterReopen()
    expect(damaged).toEqual([{ id: stranger.id, reason: expect.stringMatching(/^unexpected/) }])
    expect(live).toEqual(ids)
  })
})

describe('the manifest row itself', () => {
  it.each([
    ['deleted', 'DELETE FROM manifest'],
    ['altered', 'UPDATE manifest SET ciphertext = zeroblob(length(ciphertext))'],
  ])(
    '%s: the vault is damaged: reported once, rows listed, reads by id and writes refused until the contents are accepted',
    async (_w, sql) => {
      edit((db) => db.prepare(sql).run())
      const v = await unlock()
      expect(v.list()).toEqual({
        items: expect.any(Array),
        damaged: [{ id: MANIFEST_ROW_ID, reason: expect.stringMatching(/manifest is missing/) }],
      })
      expect(v.list().items.map((i) => i.id)).toEqual(ids)
      expect(() => v.get(ids[0]!)).toThrow(/accept|manifest/)
      expect(() => v.add(note({ title: 'while unverified' }))).toThrow(
        expect.objectContaining({ code: 'DAMAGED_FILE' }),
      )
      expect(v.list().damaged.map((d) => d.id)).toEqual([MANIFEST_ROW_ID])
      expect(v.acceptCurrent()).toEqual({ removedSlots: 0, slotSetRebuilt: false })
      expect(v.list()).toMatchObject({ damaged: [] })
      const added = v.add(note({ title: 'after accepting' }))
      expect(v.list().items.map((i) => i.id)).toEqual([...ids, added.id])
      v.lock()
      // And it protects again.
      edit((db) => db.prepare('DELETE FROM items WHERE id = ?').run(added.id))
      expect((await afterReopen()).damaged.map((d) => d.id)).toEqual([added.id])
    },
  )

  it('resealManifest accepts a rolled-back row as it now is', async () => {
    const old = itemRow(ids[1]!)
    const v = await unlock()
    v.update(ids[1]!, otp({ counter: 9 }))
    v.lock()
    putRow(old)
    const after = await unlock()
    expect(after.list().damaged.map((d) => d.id)).toEqual([ids[1]])
    after.resealManifest()
    expect(after.list().damaged).toEqual([])
    expect(after.get(ids[1]!).revision).toBe(1)
    after.lock()
  })

  it('a manifest copied from another vault does not authenticate', async () => {
    const other = tmp.file('other.cairn')
    ;(await newVault(other)).lock()
    const foreign = edit((db) => db.prepare('SELECT * FROM manifest').get() as Row, other)
    edit((db) =>
      db.prepare('UPDATE manifest SET nonce = @nonce, ciphertext = @ciphertext').run(foreign),
    )
    expect((await afterReopen()).damaged.map((d) => d.id)).toEqual([MANIFEST_ROW_ID])
  })
})

describe('every write keeps rows and manifest in step', () => {
  it('add, update, trash, restore, purge, imports, slot changes and key rotation', async () => {
    const v = await unlock()
    const a = v.add(note({ title: 'a' }))
    v.update(a.id, note({ title: 'a2' }))
    v.trash(ids[0]!)
    v.restore(ids[0]!)
    v.purge(ids[2]!)
    v.importRecords([
      { ...a, id: 'a1b2c3d4-0000-4000-8000-000000000001', revision: 4 },
      { ...a, id: '00000000-0000-4000-8000-000000000002', revision: 2 },
    ])
    v.importTombstone({ id: 'ffffffff-0000-4000-8000-000000000003', revision: 3, purgedAt: 1 })
    v.importTombstone({ id: a.id, revision: 9, purgedAt: 2 })
    await v.addSlot({ kind: 'recovery-key', key: 'A'.repeat(56) })
    await v.changePassword('second password', { unsafeKdfParamsForTests: FAST_KDF })
    expect(v.list({ includeTrash: true }).damaged).toEqual([])
    await v.rotateVaultKey(PASSWORD, { unsafeKdfParamsForTests: FAST_KDF })
    const expected = v.list({ includeTrash: true })
    const tombstones = v.tombstones()
    expect(expected.damaged).toEqual([])
    expect(tombstones.map((t) => t.id).sort()).toEqual(
      [ids[2], 'ffffffff-0000-4000-8000-000000000003', a.id].sort(),
    )
    v.lock()
    const after = await unlock()
    expect(after.list({ includeTrash: true })).toEqual(expected)
    expect(after.tombstones()).toEqual(tombstones)
    // Under the new vault key the manifest still catches a row put back.
    const old = itemRow(ids[1]!)
    after.update(ids[1]!, otp({ counter: 1 }))
    after.lock()
    putRow(old)
    expect((await afterReopen()).damaged.map((d) => d.id)).toEqual([ids[1]])
  })

  it('two sessions on one file writing in turn never report each other', async () => {
    const first = await unlock()
    const second = await unlock()
    // Both have read (and keep) the manifest before the other writes.
    expect(first.list().damaged).toEqual([])
    expect(second.list().damaged).toEqual([])
    const x = first.add(note({ title: 'first' }))
    second.update(ids[0]!, login({ title: 'second' }))
    first.update(x.id, note({ title: 'first again' }))
    second.purge(ids[2]!)
    expect(first.list().damaged).toEqual([])
    expect(second.list().damaged).toEqual([])
    expect(first.get(ids[0]!).revision).toBe(2)
    first.lock()
    second.lock()
  })

  it('an older manifest put back while a session is open: that session notices', async () => {
    const v = await unlock()
    const old = stateOf()
    v.update(ids[0]!, login({ title: 'newer' }))
    expect(v.list().damaged).toEqual([])
    putState(old)
    expect(v.list().damaged).toEqual([
      { id: ids[0], reason: expect.stringMatching(/newer than the vault manifest/) },
    ])
    v.lock()
  })

  it('a write that fails leaves the manifest as it was', async () => {
    const v = await unlock()
    v.update(ids[0]!, login({ title: 'two' }))
    expectCode(() => v.update(ids[0]!, login({ title: 'stale' }), 1), 'CONFLICT')
    expect(v.list().damaged).toEqual([])
    v.lock()
    expect((await afterReopen()).damaged).toEqual([])
  })

  it('imports refuse ids the manifest cannot hold (anything but a lower-case UUID)', async () => {
    const v = await unlock()
    const r = v.get(ids[2]!)
    expectCode(() => v.importRecord({ ...r, id: 'not-a-uuid' }), 'INVALID_ARGUMENT', /UUID/)
    expectCode(() => v.importRecord({ ...r, id: r.id.toUpperCase() }), 'INVALID_ARGUMENT')
    expectCode(() => v.importTombstone({ id: 'x', revision: 1, purgedAt: 1 }), 'INVALID_ARGUMENT')
    v.lock()
  })
})

describe('what the manifest cannot see', () => {
  it('the whole file replaced by an older copy of itself opens without complaint (docs say so)', async () => {
    const before = tmp.file('before.cairn')
    copyFileSync(path, before)
    const v = await unlock()
    v.update(ids[1]!, otp({ counter: 42 }))
    v.lock()
    copyFileSync(before, path)
    const after = await unlock()
    expect(after.list().damaged).toEqual([])
    expect((after.get(ids[1]!).data as { counter: number }).counter).toBe(5)
    after.lock()
  })
})
