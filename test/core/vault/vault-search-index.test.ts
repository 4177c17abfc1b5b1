// The encrypted search index of format 3: every write keeps it describing exactly the verified
// state (the same entries a full read gives), and a stale, rolled-back, swapped, planted or
// damaged index is never used. Real files, real SQL against them.
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeKdf } from '../../../src-main/core/kdf/derive-key.ts'
import { indexedItem, type IndexedItem } from '../../../src-main/core/vault/search-index.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { restoreBackup } from '../../../src-main/core/backup/restore.ts'
import {
  FAST_KDF,
  PASSWORD,
  login,
  newVault,
  note,
  otp,
  recoveryCodes,
  tempDir,
} from './vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())
afterAll(() => closeKdf())

const unlock = async (path: string, password = PASSWORD) =>
  (await openVault(path).unlock({ kind: 'password', password })) as UnlockedVaultFile

const byId = (entries: readonly IndexedItem[]) =>
  [...entries].sort((a, b) => (a.id < b.id ? -1 : 1))

/** What the index must hold: one entry per item a full read returns, trash included, and group. */
function fullReadEntries(v: UnlockedVaultFile): IndexedItem[] {
  return byId([...v.list({ includeTrash: true }).items, ...v.groups()].map(indexedItem))
}

function expectIndexCurrent(v: UnlockedVaultFile): void {
  const index = v.searchIndex()
  expect(index).not.toBeNull()
  expect(byId(index!)).toEqual(fullReadEntries(v))
}

function sql<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

type Sealed = { nonce: Buffer; ciphertext: Buffer }
type SearchTables = { head: Sealed[]; buckets: (Sealed & { bucket: number })[] }

function searchTables(path: string): SearchTables {
  return sql(path, (db) => ({
    head: db.prepare('SELECT nonce, ciphertext FROM search_head').all() as Sealed[],
    buckets: db.prepare('SELECT bucket, nonce, ciphertext FROM search_buckets').all() as (Sealed & {
      bucket: number
    })[],
  }))
}

function putBackSearchTables(path: string, old: SearchTables): void {
  sql(path, (db) => {
    db.prepare('DELETE FROM search_head').run()
    db.prepare('DELETE FROM search_buckets').run()
    for (const h of old.head) {
      db.prepare('INSERT INTO search_head (singleton, nonce, ciphertext) VALUES (1, ?, ?)').run(
        h.nonce,
        h.ciphertext,
      )
    }
    const put = db.prepare(
      'INSERT INTO search_buckets (bucket, nonce, ciphertext) VALUES (@bucket, @nonce, @ciphertext)',
    )
    for (const b of old.buckets) put.run(b)
  })
}

async function vaultWith(count: number): Promise<{ path: string; v: UnlockedVaultFile }> {
  const path = tmp.file('v.cairn')
  const v = await newVault(path)
  v.importRecords(
    Array.from({ length: count }, (_, i) => ({
      id: crypto.randomUUID(),
      revision: 1,
      createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i,
      deletedAt: null,
      data:
        i % 3 === 0
          ? otp({ issuer: `Service ${i}`, account: `user${i}` })
          : login({ title: `Site ${i}`, username: `user${i}@example.com` }),
    })),
  )
  return { path, v }
}

describe('every write keeps the search index describing the state', () => {
  it('create, add, edit, trash, restore, purge, import, tombstones, accept, rotate', async () => {
    const path = tmp.file('v.cairn')
    const v = await newVault(path)
    expect(v.searchIndex()).toEqual([])
    const a = v.add(otp({ issuer: 'GitHub', account: 'octo' }))
    const b = v.add(login({ title: 'Bank', username: 'me' }))
    const c = v.add(recoveryCodes({ title: 'Codes', issuer: 'GitHub' }))
    const d = v.add(note({ title: 'Wi-Fi' }))
    expectIndexCurrent(v)
    v.regroup({ add: [['Work']], move: [{ id: b.id, group: ['Work'] }] })
    expectIndexCurrent(v)
    expect(v.searchIndex()!.filter((e) => e.fields.type === 'group')).toHaveLength(1)
    v.update(a.id, otp({ issuer: 'GitLab', account: 'octo' }))
    expectIndexCurrent(v)
    v.trash(b.id)
    expectIndexCurrent(v)
    expect(v.searchIndex()!.find((e) => e.id === b.id)?.trashed).toBe(true)
    v.restore(b.id)
    expectIndexCurrent(v)
    v.purge(c.id)
    expectIndexCurrent(v)
    expect(v.searchIndex()!.some((e) => e.id === c.id)).toBe(false)
    v.importRecords([
      { ...b, revision: 9, data: login({ title: 'Bank (merged)', username: 'me' }) },
    ])
    expectIndexCurrent(v)
    v.importTombstone({ id: d.id, revision: 2, purgedAt: Date.now() })
    expectIndexCurrent(v)
    v.addUnlessPresent(note({ title: 'Once' }), () => false)
    expectIndexCurrent(v)
    v.acceptCurrent()
    expectIndexCurrent(v)
    await v.rotateVaultKey('new password', { unsafeKdfParamsForTests: FAST_KDF })
    expectIndexCurrent(v)
    v.lock()
    const again = await unlock(path, 'new password')
    expectIndexCurrent(again)
    again.lock()
  })

  it('a restored backup carries its index (rebuilt from the items: backups do not hold it)', async () => {
    const { v } = await vaultWith(40)
    await writeBackup(v, tmp.file('b.cairnbackup'), { protection: { kind: 'vault-slots' } })
    v.lock()
    await restoreBackup(tmp.file('b.cairnbackup'), tmp.file('r.cairn'), {
      kind: 'password',
      password: PASSWORD,
    })
    const restored = await unlock(tmp.file('r.cairn'))
    expect(restored.list().items).toHaveLength(40)
    expectIndexCurrent(restored)
    restored.lock()
  })
})

describe('an index that does not describe the state is never used', () => {
  it('rolled back: the index from before a rename, put back after it', async () => {
    const { path, v } = await vaultWith(30)
    const target = v.list().items[5]!
    v.lock()
    const before = searchTables(path)
    const w = await unlock(path)
    w.update(target.id, login({ title: 'Renamed', username: 'x' }))
    w.lock()
    putBackSearchTables(path, before)
    const r = await unlock(path)
    expect(r.searchIndex()).toBeNull()
    // The next write notices and rebuilds it.
    r.add(note({ title: 'after' }))
    expectIndexCurrent(r)
    r.lock()
  })

  it('from another copy of the vault at the same revisions (edited apart): refused', async () => {
    const { path, v } = await vaultWith(10)
    const target = v.list().items[3]!
    v.lock()
    const copy = tmp.file('copy.cairn')
    writeFileSync(copy, readFileSync(path))
    // The same edit count on each copy, different content: same id, revision and state counter.
    const a = await unlock(path)
    a.update(target.id, login({ title: 'Work', username: 'a' }))
    a.lock()
    const b = await unlock(copy)
    b.update(target.id, login({ title: 'Personal', username: 'b' }))
    b.lock()
    putBackSearchTables(path, searchTables(copy))
    const r = await unlock(path)
    expect(r.searchIndex()).toBeNull()
    expect(r.get(target.id).data).toMatchObject({ title: 'Work' })
    r.lock()
  })

  it('stale: a write made without the index (an older Cairn, or rows and state put back)', async () => {
    const { path, v } = await vaultWith(20)
    v.lock()
    const before = searchTables(path)
    const w = await unlock(path)
    w.add(note({ title: 'new' }))
    w.lock()
    // The rows and state moved on, the index did not: what a writer that ignores it leaves.
    putBackSearchTables(path, before)
    const r = await unlock(path)
    expect(r.searchIndex()).toBeNull()
    r.lock()
  })

  it('two buckets swapped, a bucket deleted, a bucket planted, the head deleted', async () => {
    const { path, v } = await vaultWith(60)
    v.lock()
    const good = searchTables(path)
    expect(good.buckets.length).toBeGreaterThan(2)
    const [x, y] = good.buckets
    const attacks: ((db: Database.Database) => void)[] = [
      (db) => {
        const put = db.prepare(
          'UPDATE search_buckets SET nonce = ?, ciphertext = ? WHERE bucket = ?',
        )
        put.run(y!.nonce, y!.ciphertext, x!.bucket)
        put.run(x!.nonce, x!.ciphertext, y!.bucket)
      },
      (db) => db.prepare('DELETE FROM search_buckets WHERE bucket = ?').run(x!.bucket),
      (db) => {
        const empty = [...Array(256).keys()].find((b) => !good.buckets.some((g) => g.bucket === b))
        db.prepare('INSERT INTO search_buckets (bucket, nonce, ciphertext) VALUES (?, ?, ?)').run(
          empty,
          x!.nonce,
          x!.ciphertext,
        )
      },
      (db) => db.prepare('DELETE FROM search_head').run(),
    ]
    for (const attack of attacks) {
      sql(path, attack)
      const r = await unlock(path)
      expect(r.searchIndex()).toBeNull()
      expect(r.list().damaged).toEqual([])
      r.lock()
      putBackSearchTables(path, good)
      const ok = await unlock(path)
      expectIndexCurrent(ok)
      ok.lock()
    }
  })

  it('any flipped bit of the head or of a bucket', async () => {
    const { path, v } = await vaultWith(12)
    v.lock()
    const good = searchTables(path)
    const targets = [
      { table: 'search_head', where: 'singleton = 1', row: good.head[0]! },
      {
        table: 'search_buckets',
        where: `bucket = ${good.buckets[0]!.bucket}`,
        row: good.buckets[0]!,
      },
    ]
    for (const { table, where, row } of targets) {
      for (const column of ['nonce', 'ciphertext'] as const) {
        // Bits spread over the column: the first, one in each quarter, the last (the tag's).
        const bytes = row[column]
        const bits = bytes.length * 8
        const positions = [0, bits / 4, bits / 2, (3 * bits) / 4, bits - 1].map(Math.floor)
        for (const bit of positions) {
          const flipped = Buffer.from(bytes)
          flipped[bit >> 3]! ^= 1 << (bit & 7)
          sql(path, (db) =>
            db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(flipped),
          )
          const r = await unlock(path)
          expect(r.searchIndex()).toBeNull()
          r.lock()
          sql(path, (db) =>
            db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(bytes),
          )
        }
      }
    }
    const ok = await unlock(path)
    expectIndexCurrent(ok)
    ok.lock()
  })

  it('a session that found the index unusable rebuilds it with its next write', async () => {
    const { path, v } = await vaultWith(50)
    v.lock()
    const bucket = searchTables(path).buckets[0]!
    bucket.ciphertext[3]! ^= 0x40
    sql(path, (db) =>
      db
        .prepare('UPDATE search_buckets SET ciphertext = ? WHERE bucket = ?')
        .run(bucket.ciphertext, bucket.bucket),
    )
    const r = await unlock(path)
    expect(r.searchIndex()).toBeNull()
    // The new item almost surely lands in another bucket: an incremental update would not fix it.
    r.add(note({ title: 'elsewhere' }))
    expectIndexCurrent(r)
    r.lock()
  })

  it('a vault whose state cannot be verified has no usable index', async () => {
    const { path, v } = await vaultWith(5)
    v.lock()
    sql(path, (db) => db.prepare('DELETE FROM manifest').run())
    const r = await unlock(path)
    expect(r.searchIndex()).toBeNull()
    r.acceptCurrent()
    expectIndexCurrent(r)
    r.lock()
  })

  it('holds no item text in the clear', async () => {
    const path = tmp.file('v.cairn')
    const v = await newVault(path)
    v.add(otp({ issuer: 'Zanzibar-Issuer', account: 'quetzal-account' }))
    v.add(login({ title: 'Xylophone-Title', username: 'wombat-user' }))
    v.lock()
    const bytes = readFileSync(path)
    for (const word of ['Zanzibar', 'quetzal', 'Xylophone', 'wombat']) {
      expect(bytes.includes(Buffer.from(word))).toBe(false)
    }
  })
})

describe('a format-2 vault', () => {
  /** The same file as a format-2 writer leaves: without the index tables, version 2. */
  function asFormat2(path: string): void {
    sql(path, (db) => {
      db.exec('DROP TABLE search_head; DROP TABLE search_buckets')
      db.pragma('user_version = 2')
      db.prepare('UPDATE vault_header SET format_version = 2').run()
    })
  }

  it('opens and reads without an index (file unchanged), and gains it with its first write', async () => {
    const { path, v } = await vaultWith(25)
    const items = v.list().items
    v.lock()
    asFormat2(path)
    const bytes = readFileSync(path)
    const r = await openVault(path).unlock(
      { kind: 'password', password: PASSWORD },
      { recordUse: false },
    )
    expect(r.header.formatVersion).toBe(2)
    expect(r.searchIndex()).toBeNull()
    expect(r.list().items).toEqual(items)
    r.lock()
    expect(readFileSync(path).equals(bytes)).toBe(true)

    const w = (await unlock(path)) as UnlockedVaultFile
    w.add(note({ title: 'first write' }))
    expect(sql(path, (db) => db.pragma('user_version', { simple: true }))).toBe(3)
    expectIndexCurrent(w)
    w.lock()
    const again = await unlock(path)
    expect(again.header.formatVersion).toBe(3)
    expectIndexCurrent(again)
    again.lock()
  })

  it('a slot-only first write (password change) upgrades it too, index included', async () => {
    const { path, v } = await vaultWith(8)
    v.lock()
    asFormat2(path)
    const w = await unlock(path)
    await w.changePassword('changed', { unsafeKdfParamsForTests: FAST_KDF })
    expectIndexCurrent(w)
    w.lock()
  })
})

describe('a SIGKILL during writes', () => {
  const WRITER = fileURLToPath(new URL('./support/index-writer-child.ts', import.meta.url))

  /** Starts the writer and kills it `afterMs` after it is ready (mid-write, nearly always). */
  function killWriterAfter(path: string, afterMs: number): Promise<NodeJS.Signals | null> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [WRITER, path, PASSWORD], { stdio: 'pipe' })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs))
      child.on('exit', (_code, signal) =>
        signal ? resolve(signal) : reject(new Error(`writer ended: ${stderr}`)),
      )
    })
  }

  it('never leaves an index that lies: after each kill it describes the state exactly', async () => {
    const { path, v } = await vaultWith(400)
    v.lock()
    // The first kill may land in the upgrade of a format-2 file (index built in that transaction).
    sql(path, (db) => {
      db.exec('DROP TABLE search_head; DROP TABLE search_buckets')
      db.pragma('user_version = 2')
      db.prepare('UPDATE vault_header SET format_version = 2').run()
    })
    const states = new Set<string>()
    for (const afterMs of [5, 60, 140, 230, 330]) {
      expect(await killWriterAfter(path, afterMs)).toBe('SIGKILL')
      const r = await unlock(path)
      expect(r.list({ includeTrash: true }).damaged).toEqual([])
      states.add(JSON.stringify(fullReadEntries(r)))
      if (r.header.formatVersion === 2) {
        expect(r.searchIndex()).toBeNull()
      } else {
        expectIndexCurrent(r)
      }
      r.lock()
    }
    expect(sql(path, (db) => db.pragma('user_version', { simple: true }))).toBe(3)
    // The writer did write between the kills: the rounds ended in different states.
    expect(states.size).toBeGreaterThanOrEqual(3)
  }, 60_000)
})
