// Edits an attacker (or a damaged disk) could make to a locked vault file, each of which must be
// detected with a clear error while every healthy row still opens.
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError, type CairnErrorCode } from '../../../src-main/core/errors.ts'
import { slotDigest, type SlotRow } from '../../../src-main/core/vault/key-slots.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, login, newVault, note, otp, tempDir } from './vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let path: string
let ids: string[]

/** Writes to the file directly, as a tool other than Cairn would. */
function edit(fn: (db: Database.Database) => void): void {
  const db = new Database(path)
  try {
    fn(db)
  } finally {
    db.close()
  }
}

const unlock = () =>
  openVault(path).unlock({ kind: 'password', password: PASSWORD }) as Promise<UnlockedVaultFile>

async function caught(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p)
  } catch (e) {
    return e
  }
  return undefined
}

function expectCode(error: unknown, code: CairnErrorCode, message?: RegExp): void {
  expect(isCairnError(error, code), `expected CairnError ${code}, got ${String(error)}`).toBe(true)
  if (message) expect((error as Error).message).toMatch(message)
}

beforeEach(async () => {
  tmp = tempDir()
  path = tmp.file('tamper.cairn')
  const v = await newVault(path)
  ids = [v.add(login()), v.add(otp()), v.add(note())].map((r) => r.id)
  v.lock()
})
afterEach(() => tmp.cleanup())

describe('tampered item rows', () => {
  it('a flipped ciphertext byte: that row is reported by id, the others open', async () => {
    edit((db) => {
      const c = db
        .prepare('SELECT ciphertext FROM items WHERE id = ?')
        .pluck()
        .get(ids[1]) as Buffer
      c[5] = c[5]! ^ 0x01
      db.prepare('UPDATE items SET ciphertext = ? WHERE id = ?').run(c, ids[1])
    })
    const v = await unlock()
    const { items, damaged } = v.list()
    expect(damaged).toEqual([
      { id: ids[1], reason: expect.stringMatching(/failed authentication/) },
    ])
    expect(items.map((i) => i.id)).toEqual([ids[0], ids[2]])
    expectCode(await caught(() => v.get(ids[1]!)), 'TAMPERED_ROW', new RegExp(`Item ${ids[1]}`))
    expectCode(await caught(() => v.update(ids[1]!, note())), 'TAMPERED_ROW')
    expectCode(await caught(() => v.trash(ids[1]!)), 'TAMPERED_ROW')
    // A damaged row can still be cleared away.
    expect(v.purge(ids[1]!).revision).toBe(2)
    expect(v.list().damaged).toEqual([])
    v.lock()
  })

  it("two rows' ciphertexts swapped: both reported, the third opens", async () => {
    edit((db) => {
      const get = db.prepare('SELECT nonce, ciphertext FROM items WHERE id = ?')
      const a = get.get(ids[0]) as { nonce: Buffer; ciphertext: Buffer }
      const b = get.get(ids[2]) as { nonce: Buffer; ciphertext: Buffer }
      const put = db.prepare('UPDATE items SET nonce = ?, ciphertext = ? WHERE id = ?')
      put.run(b.nonce, b.ciphertext, ids[0])
      put.run(a.nonce, a.ciphertext, ids[2])
    })
    const v = await unlock()
    const { items, damaged } = v.list()
    expect(damaged.map((d) => d.id).sort()).toEqual([ids[0], ids[2]].sort())
    expect(items.map((i) => i.id)).toEqual([ids[1]])
    v.lock()
  })

  it('an older revision replayed into the current row is detected', async () => {
    const old = (() => {
      let row: unknown
      edit(
        (db) => (row = db.prepare('SELECT nonce, ciphertext FROM items WHERE id = ?').get(ids[0])),
      )
      return row as { nonce: Buffer; ciphertext: Buffer }
    })()
    let v = await unlock()
    v.update(ids[0]!, login({ password: 'rotated-password' }))
    v.lock()
    edit((db) =>
      db
        .prepare('UPDATE items SET nonce = ?, ciphertext = ? WHERE id = ?')
        .run(old.nonce, old.ciphertext, ids[0]),
    )
    v = await unlock()
    expect(v.list().damaged.map((d) => d.id)).toEqual([ids[0]])
    v.lock()
  })

  it.each([
    ['trashed by setting deleted_at', 'UPDATE items SET deleted_at = 1 WHERE id = ?'],
    ['restored by clearing deleted_at', 'UPDATE items SET deleted_at = NULL WHERE id = ?'],
    ['revision raised', 'UPDATE items SET revision = revision + 1 WHERE id = ?'],
    ['timestamp changed', 'UPDATE items SET updated_at = updated_at - 1 WHERE id = ?'],
    ['nonce changed', 'UPDATE items SET nonce = zeroblob(12) WHERE id = ?'],
  ])(
    'clear metadata edited (%s): detected, and the row is not hidden from the live list',
    async (_w, sql) => {
      let v = await unlock()
      if (sql.includes('NULL')) v.trash(ids[2]!)
      v.lock()
      edit((db) => db.prepare(sql).run(ids[2]))
      v = await unlock()
      expect(v.list().damaged.map((d) => d.id)).toEqual([ids[2]])
      v.lock()
    },
  )

  it('a row copied in from another vault (same id) fails authentication', async () => {
    const other = tmp.file('other.cairn')
    const o = await newVault(other)
    o.importRecord({ ...o.get(o.add(note({ title: 'foreign' })).id), id: ids[2]! })
    o.lock()
    const src = new Database(other, { readonly: true })
    const row = src.prepare('SELECT * FROM items WHERE id = ?').get(ids[2]) as Record<
      string,
      unknown
    >
    src.close()
    edit((db) =>
      db
        .prepare(
          'UPDATE items SET revision = ?, created_at = ?, updated_at = ?, nonce = ?, ciphertext = ? WHERE id = ?',
        )
        .run(row.revision, row.created_at, row.updated_at, row.nonce, row.ciphertext, ids[2]),
    )
    const v = await unlock()
    expect(v.list().damaged.map((d) => d.id)).toEqual([ids[2]])
    v.lock()
  })

  it('a forged tombstone is ignored (it could delete items in a merge)', async () => {
    edit((db) =>
      db
        .prepare(
          'INSERT INTO tombstones (id, revision, purged_at, nonce, tag) VALUES (?, 9, 1, zeroblob(12), zeroblob(16))',
        )
        .run(ids[0]),
    )
    const v = await unlock()
    const t = v.purge(ids[1]!)
    expect(v.tombstones()).toEqual([t])
    v.lock()
  })
})

describe('truncated or damaged file', () => {
  it.each([
    ['to half its length', (size: number) => Math.floor(size / 2)],
    ['by one page', (size: number) => size - 4096],
    ['inside the SQLite header', () => 50],
  ])('truncated %s: DAMAGED_FILE on open', (_w, newSize) => {
    truncateSync(path, newSize(statSync(path).size))
    expectCode(
      (() => {
        try {
          openVault(path)
        } catch (e) {
          return e
        }
      })(),
      'DAMAGED_FILE',
      /truncated/,
    )
  })

  it("garbage over the items table's page: DAMAGED_FILE, never a wrong item", async () => {
    let root = 0
    let pageSize = 0
    edit((db) => {
      root = db
        .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'items'")
        .pluck()
        .get() as number
      pageSize = db.pragma('page_size', { simple: true }) as number
    })
    const bytes = readFileSync(path)
    bytes.fill(0x5a, (root - 1) * pageSize, root * pageSize)
    writeFileSync(path, bytes)
    const v = await unlock()
    expectCode(
      await caught(() => v.list()),
      'DAMAGED_FILE',
      /damaged \(SQLite reports corruption\)/,
    )
    v.lock()
  })
})

describe('tampered key slots', () => {
  const sha256 = () => createHash('sha256').update(readFileSync(path)).digest('hex')

  function slotRow(db: Database.Database): SlotRow {
    return db
      .prepare(
        'SELECT id, kind, label, created_at AS createdAt, last_used_at AS lastUsedAt, kdf, kdf_params AS kdfParams, salt, key_check AS keyCheck, nonce, wrapped_key AS wrappedKey, digest FROM key_slots',
      )
      .get() as SlotRow
  }
  const vaultId = () => openVault(path).header.vaultUuid

  it.each([
    ['a wrapped-key byte flipped', 'UPDATE key_slots SET wrapped_key = zeroblob(48)'],
    ['the salt changed', 'UPDATE key_slots SET salt = zeroblob(16)'],
    [
      'the Argon2 passes lowered',
      'UPDATE key_slots SET kdf_params = replace(kdf_params, \'"iterations":1\', \'"iterations":2\')',
    ],
    ['the kind changed', "UPDATE key_slots SET kind = 'recovery-key'"],
  ])('%s: TAMPERED_SLOT naming the slot, file left untouched', async (_w, sql) => {
    edit((db) => expect(db.prepare(sql).run().changes).toBe(1))
    const before = sha256()
    const locked = openVault(path)
    const kind = sql.includes("'recovery-key'") ? 'recovery-key' : 'password'
    const credential =
      kind === 'password'
        ? ({ kind: 'password', password: PASSWORD } as const)
        : ({ kind: 'recovery-key', key: PASSWORD } as const)
    expectCode(
      await caught(locked.unlock(credential)),
      'TAMPERED_SLOT',
      /Key slot .* altered or damaged/,
    )
    expect(sha256()).toBe(before)
  })

  it('wrapped key altered and the digest recomputed: the right password says TAMPERED_SLOT, a wrong one WRONG_PASSWORD', async () => {
    const id = vaultId()
    edit((db) => {
      const r = slotRow(db)
      r.wrappedKey[0] = r.wrappedKey[0]! ^ 0x80
      db.prepare('UPDATE key_slots SET wrapped_key = ?, digest = ? WHERE id = ?').run(
        r.wrappedKey,
        slotDigest(id, r),
        r.id,
      )
    })
    expectCode(await caught(unlock()), 'TAMPERED_SLOT')
    expectCode(
      await caught(openVault(path).unlock({ kind: 'password', password: 'nope' })),
      'WRONG_PASSWORD',
    )
  })

  it('absurd KDF parameters with a recomputed digest are refused before any derivation', async () => {
    const id = vaultId()
    edit((db) => {
      const r = slotRow(db)
      r.kdfParams = JSON.stringify({ memoryKiB: 2 ** 31, iterations: 2 ** 30, parallelism: 4 })
      db.prepare('UPDATE key_slots SET kdf_params = ?, digest = ? WHERE id = ?').run(
        r.kdfParams,
        slotDigest(id, r),
        r.id,
      )
    })
    expectCode(await caught(unlock()), 'TAMPERED_SLOT')
  })

  it('a digest of another length written between open and unlock: CONFLICT, never a RangeError', async () => {
    const locked = openVault(path)
    edit((db) => db.prepare('UPDATE key_slots SET digest = zeroblob(5)').run())
    expectCode(
      await caught(locked.unlock({ kind: 'password', password: PASSWORD })),
      'CONFLICT',
      /changed while it was being unlocked/,
    )
  })

  it('a changed vault id in the header invalidates every slot', async () => {
    edit((db) =>
      db.prepare("UPDATE vault_header SET vault_id = '00000000-0000-4000-8000-000000000000'").run(),
    )
    expectCode(await caught(unlock()), 'TAMPERED_SLOT')
  })
})
