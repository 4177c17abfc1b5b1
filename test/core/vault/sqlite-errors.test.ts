// SQLite's failures reach a person as CairnErrors that say what to do and that nothing saved was
// lost: a full disk (on a real small tmpfs), a vault locked by another writer, a damaged schema,
// and bit flips that used to answer "wrong password" or "changed while being unlocked".
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { isCairnError, type CairnErrorCode } from '../../../src-main/core/errors.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, newVault, note, tempDir, type TempDir } from './vault-fixtures.ts'
import {
  fillDisk,
  mountSmallDisk,
  smallDiskUnavailable,
  type SmallDisk,
} from './faults/sqlite-faults.ts'

const unlock = (path: string) => openVault(path).unlock({ kind: 'password', password: PASSWORD })

async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a failure')
}

function expectCode(error: unknown, code: CairnErrorCode, message: RegExp): void {
  expect(isCairnError(error, code), `expected CairnError ${code}, got ${String(error)}`).toBe(true)
  expect((error as Error).message).toMatch(message)
}

/** Flips one bit of the first occurrence of `text` inside the pages of `object`. */
function flipInside(path: string, object: string, text: string, bit = 0x01): void {
  const db = new Database(path, { readonly: true })
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const pages = db
    .prepare('SELECT pageno FROM dbstat WHERE name = ?')
    .pluck()
    .all(object) as number[]
  db.close()
  const bytes = readFileSync(path)
  for (const page of pages) {
    const at = bytes.indexOf(text, (page - 1) * pageSize, 'latin1')
    if (at >= 0 && at < page * pageSize) {
      bytes[at + text.length - 2] = bytes[at + text.length - 2]! ^ bit
      writeFileSync(path, bytes)
      return
    }
  }
  throw new Error(`${text} not found in ${object}`)
}

describe('a damaged vault is DAMAGED_FILE, never a misleading refusal', () => {
  let tmp: TempDir
  let path: string
  afterEach(() => tmp.cleanup())

  async function lockedVault(): Promise<{ slotId: string }> {
    tmp = tempDir()
    path = tmp.file('v.cairn')
    const v = await newVault(path)
    v.add(note())
    const slotId = v.unlockedWith.id
    v.lock()
    return { slotId }
  }

  it("a bit flipped in the password slot's kind: DAMAGED_FILE, not WRONG_PASSWORD", async () => {
    await lockedVault()
    flipInside(path, 'key_slots', 'password')
    expectCode(await caught(() => unlock(path)), 'DAMAGED_FILE', /key slot.* damaged/)
  })

  it('a bit flipped in the key-slot index: DAMAGED_FILE, not "changed while unlocking"', async () => {
    const { slotId } = await lockedVault()
    flipInside(path, 'sqlite_autoindex_key_slots_1', slotId)
    expectCode(await caught(() => unlock(path)), 'DAMAGED_FILE', /damaged \(SQLite's check/)
  })

  it("a bit flipped in the header's write version: DAMAGED_FILE, not a read-only drive", async () => {
    await lockedVault()
    const bytes = readFileSync(path)
    bytes[18] = bytes[18]! ^ 0x04
    writeFileSync(path, bytes)
    expectCode(await caught(() => unlock(path)), 'DAMAGED_FILE', /no longer allows writing/)
  })

  it("a renamed column: the file is refused naming the table, not SQLite's no such column", async () => {
    await lockedVault()
    const db = new Database(path)
    db.exec('ALTER TABLE items RENAME COLUMN nonce TO nonce2')
    db.close()
    expectCode(await caught(() => openVault(path)), 'DAMAGED_FILE', /columns of items differ/)
  })

  it('a column renamed under an open session: DAMAGED_FILE naming it', async () => {
    await lockedVault()
    const v = await unlock(path)
    const db = new Database(path)
    db.exec('ALTER TABLE items RENAME COLUMN ciphertext TO ciphertexu')
    db.close()
    expectCode(await caught(() => v.list()), 'DAMAGED_FILE', /no such column: ciphertext/)
    v.lock()
  })
})

describe('a vault another writer holds', () => {
  let tmp: TempDir
  afterEach(() => tmp.cleanup())

  it('BUSY after the 5 s wait, saying nothing was lost', async () => {
    tmp = tempDir()
    const path = tmp.file('v.cairn')
    const v = await newVault(path)
    v.add(note({ title: 'before' }))
    const other = new Database(path)
    other.exec('BEGIN IMMEDIATE')
    expectCode(
      await caught(() => v.add(note({ title: 'blocked' }))),
      'BUSY',
      /another Cairn window or command.*try again.*Nothing already saved/,
    )
    other.exec('ROLLBACK')
    other.close()
    expect(v.list().items.map((i) => i.data.title)).toEqual(['before'])
    v.lock()
  })
})

describe('a full disk', () => {
  const unavailable = smallDiskUnavailable()
  if (unavailable) console.log(`Skipping the full-disk tests: ${unavailable}`)
  let disk: SmallDisk | null = null
  afterEach(() => {
    disk?.unmount()
    disk = null
  })

  function smallDisk(): string {
    const mounted = mountSmallDisk(4)
    if (typeof mounted === 'string') throw new Error(mounted)
    disk = mounted
    return join(disk.dir, 'v.cairn')
  }

  it.skipIf(unavailable !== null)(
    'a write is refused as DISK_FULL and everything saved before stays',
    async () => {
      const path = smallDisk()
      const v = await newVault(path)
      v.add(note({ title: 'kept' }))
      fillDisk(join(disk!.dir, 'filler'))
      expectCode(
        await caught(() => v.add(note({ title: 'big', body: 'x'.repeat(200_000) }))),
        'DISK_FULL',
        /is full: the change was not saved.*Nothing already saved in the vault was lost/,
      )
      v.lock()
      rmSync(join(disk!.dir, 'filler'))
      const again = await unlock(path)
      expect(again.list().items.map((i) => i.data.title)).toEqual(['kept'])
      again.lock()
    },
  )

  it.skipIf(unavailable !== null)(
    'under 32 KiB free the vault cannot even be read, and the error says so',
    async () => {
      const path = smallDisk()
      const v = await newVault(path)
      v.add(note({ title: 'kept' }))
      v.lock()
      fillDisk(join(disk!.dir, 'filler'))
      expectCode(
        await caught(() => unlock(path)),
        'DISK_FULL',
        /cannot even read the vault.*32 KiB.*Nothing already saved/,
      )
      rmSync(join(disk!.dir, 'filler'))
      const again = await unlock(path)
      expect(again.list().items).toHaveLength(1)
      again.lock()
    },
  )
})
