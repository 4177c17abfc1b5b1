// A direct (agent-less) lookup matches QUERY against the vault's encrypted search index and
// decrypts only the matching rows; whenever that index cannot be trusted, or a match does not read
// back as indexed, it reads the whole vault instead. Either way the answer is the one a full read
// gives. The rows decrypted are counted by the core's own counter, around a real lookup.
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CommandContext } from '../../src-main/cli/cli-types.ts'
import { findItems } from '../../src-main/cli/item-query.ts'
import { lookupItems, type LookupOptions } from '../../src-main/cli/item-lookup.ts'
import { closeKdf } from '../../src-main/core/kdf/derive-key.ts'
import { itemRowsDecrypted } from '../../src-main/core/vault/item-rows.ts'
import type { ItemType } from '../../src-main/core/vault/item-types.ts'
import type { UnlockedVaultFile } from '../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../src-main/core/vault/vault-file.ts'
import { PASSWORD, login, newVault, note, otp, tempDir } from '../core/vault/vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())
afterAll(() => closeKdf())

/** A direct command's context: lookups only ask whether the agent runs them. */
const direct = { agent: undefined } as unknown as CommandContext

const SIZE = 300

async function vault(): Promise<{ path: string; v: UnlockedVaultFile }> {
  const path = tmp.file('v.cairn')
  const v = await newVault(path)
  v.importRecords(
    Array.from({ length: SIZE }, (_, i) => ({
      id: crypto.randomUUID(),
      revision: 1,
      createdAt: 1_700_000_000_000 + (i % 7),
      updatedAt: 1_700_000_000_000,
      deletedAt: null,
      data:
        i % 3 === 0
          ? otp({ issuer: `Service ${i}`, account: `user${i}` })
          : login({ title: `Site ${i}`, username: `user${i}@example.com` }),
    })),
  )
  v.add(otp({ issuer: 'GitHub', account: 'octo' }))
  v.add(otp({ issuer: 'GitHub', account: 'work' }))
  v.add(login({ title: 'GitHub', username: 'octo' }))
  const trashed = v.add(note({ title: 'Old GitHub note' }))
  v.trash(trashed.id)
  return { path, v }
}

/** What a full read answers: every row decrypted, then matched. */
function fullReadAnswer(v: UnlockedVaultFile, query: string, options: LookupOptions = {}) {
  const trash = options.trash ?? 'exclude'
  const keep = (type: ItemType, trashed: boolean) =>
    (!options.types || options.types.includes(type)) &&
    (trash === 'include' || (trash === 'only') === trashed)
  const all = v.list({ includeTrash: true }).items
  return findItems(
    all.filter((r) => keep(r.data.type, r.deletedAt !== null)),
    query,
  )
}

function lookupCounting(v: UnlockedVaultFile, query: string, options: LookupOptions = {}) {
  const before = itemRowsDecrypted()
  const found = lookupItems(direct, v, query, options)
  return { found, decrypted: itemRowsDecrypted() - before }
}

const cases: [string, LookupOptions, number][] = [
  ['github', { types: ['otp'] }, 2],
  ['github', {}, 3],
  ['octo', {}, 2],
  ['Service 42', { types: ['otp'] }, 1],
  ['site 1', {}, 0], // many partial matches: counted below
  ['old github', { trash: 'only' }, 1],
  ['no such thing', {}, 0],
]

describe('a direct lookup through the search index', () => {
  it('decrypts only the rows that match, and answers as a full read does', async () => {
    const { v } = await vault()
    for (const [query, options, count] of cases) {
      const expected = fullReadAnswer(v, query, options)
      const { found, decrypted } = lookupCounting(v, query, options)
      expect(found).toEqual(expected)
      expect(decrypted).toBe(found.length)
      if (count) expect(found).toHaveLength(count)
    }
    v.lock()
  })

  it('an unusable index (bit flipped in a bucket): every row is read, same answer', async () => {
    const { path, v } = await vault()
    v.lock()
    const db = new Database(path)
    const row = db.prepare('SELECT bucket, ciphertext FROM search_buckets LIMIT 1').get() as {
      bucket: number
      ciphertext: Buffer
    }
    row.ciphertext[5]! ^= 0x10
    db.prepare('UPDATE search_buckets SET ciphertext = ? WHERE bucket = ?').run(
      row.ciphertext,
      row.bucket,
    )
    db.close()
    const r = (await openVault(path).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
    expect(r.searchIndex()).toBeNull()
    for (const [query, options] of cases) {
      const expected = fullReadAnswer(r, query, options)
      const { found, decrypted } = lookupCounting(r, query, options)
      expect(found).toEqual(expected)
      expect(decrypted).toBeGreaterThanOrEqual(SIZE)
    }
    r.lock()
  })

  it('a row rolled back: the index no longer names that row, so the full read decides and leaves it out', async () => {
    const { path, v } = await vault()
    const key = v.list().items.find((r) => r.data.type === 'otp' && r.data.account === 'work')!
    const reader = new Database(path)
    const oldRow = reader.prepare('SELECT * FROM items WHERE id = ?').get(key.id) as object
    reader.close()
    v.update(key.id, otp({ issuer: 'GitHub', account: 'work', notes: 'changed' }))
    v.lock()
    // The older row put back (an older HOTP counter, say): the state disagrees with it.
    const db = new Database(path)
    db.prepare(
      'UPDATE items SET revision = @revision, updated_at = @updated_at, nonce = @nonce, ciphertext = @ciphertext WHERE id = @id',
    ).run(oldRow)
    db.close()
    const r = (await openVault(path).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
    // The index names each row's nonce: the row put back is not the one it describes.
    expect(r.searchIndex()).toBeNull()
    const expected = fullReadAnswer(r, 'github', { types: ['otp'] })
    expect(expected.map((x) => x.id)).not.toContain(key.id)
    const { found, decrypted } = lookupCounting(r, 'github', { types: ['otp'] })
    expect(found).toEqual(expected)
    expect(decrypted).toBeGreaterThan(SIZE)
    // Any query reads every row until a write rebuilds the index.
    expect(lookupCounting(r, 'Service 42', {}).decrypted).toBeGreaterThan(SIZE)
    r.lock()
  })

  it('a format-2 vault (no index yet) answers through a full read and is left unchanged', async () => {
    const { path, v } = await vault()
    v.lock()
    const db = new Database(path)
    db.exec('DROP TABLE search_head; DROP TABLE search_buckets')
    db.pragma('user_version = 2')
    db.prepare('UPDATE vault_header SET format_version = 2').run()
    db.close()
    const r = (await openVault(path).unlock(
      { kind: 'password', password: PASSWORD },
      { recordUse: false },
    )) as UnlockedVaultFile
    const expected = fullReadAnswer(r, 'github', { types: ['otp'] })
    const { found, decrypted } = lookupCounting(r, 'github', { types: ['otp'] })
    expect(found).toEqual(expected)
    expect(decrypted).toBeGreaterThanOrEqual(SIZE)
    r.lock()
    const after = new Database(path)
    expect(after.pragma('user_version', { simple: true })).toBe(2)
    after.close()
  })
})
