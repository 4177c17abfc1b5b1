// Every single-bit flip of a small vault's items table page and items-id index page (except the
// unallocated gap between a page's cell pointers and its cells, which SQLite never reads): each
// one either reads back exactly what was stored or is reported (a damaged row, a refused read, a
// CairnError naming the damage). Never another item's data, never a silently missing item, never
// an error that is not a CairnError.
import Database from 'better-sqlite3'
import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CairnError } from '../../../src-main/core/errors.ts'
import { closeKdf } from '../../../src-main/core/kdf/derive-key.ts'
import type { ItemRecord } from '../../../src-main/core/vault/item-types.ts'
import { openSlot } from '../../../src-main/core/vault/slot-unlock.ts'
import { checkCairnFile, openReadOnly } from '../../../src-main/core/vault/sqlite-file.ts'
import { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, login, newVault, note, tempDir } from './vault-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())
afterAll(() => closeKdf())

type Outcome = 'intact' | 'reported' | 'silent-wrong' | 'not-cairn-error'

describe('single-bit damage to the items table and its index', () => {
  it('never yields wrong data: every flip reads back intact or is reported', async () => {
    const path = tmp.file('flip.cairn')
    const v = await newVault(path)
    v.add(note({ title: 'alpha', body: 'first' }))
    v.add(login({ title: 'beta', password: 'second' }))
    const expected = new Map(v.list().items.map((r) => [r.id, r]))
    v.lock()

    // Small pages, so the two pages under test hold 16,384 bits, and a rollback journal instead of
    // the log, so each read-only open touches no side file: the run takes seconds.
    const shrink = new Database(path)
    shrink.pragma('journal_mode = DELETE')
    shrink.pragma('page_size = 1024')
    shrink.exec('VACUUM')
    const pages = shrink
      .prepare(
        "SELECT name, pageno FROM dbstat WHERE name IN ('items', 'sqlite_autoindex_items_1') ORDER BY pageno",
      )
      .all() as { name: string; pageno: number }[]
    const pageSize = shrink.pragma('page_size', { simple: true }) as number
    shrink.close()
    expect(pages.map((p) => p.name).sort()).toEqual(['items', 'sqlite_autoindex_items_1'])

    // The vault key, once, through the real slot (each flip then opens the file without a KDF).
    const locked = openVault(path)
    const { slot, key } = await openSlot(locked.header.vaultUuid, readSlotRows(path), {
      kind: 'password',
      password: PASSWORD,
    })

    const counts: Record<Outcome, number> = {
      intact: 0,
      reported: 0,
      'silent-wrong': 0,
      'not-cairn-error': 0,
    }
    const failures: string[] = []
    let skipped = 0
    const fd = openSync(path, 'r+')
    try {
      for (const { pageno } of pages) {
        const start = (pageno - 1) * pageSize
        const gap = unallocatedGap(fd, start)
        for (let byte = 0; byte < pageSize; byte++) {
          if (byte >= gap.from && byte < gap.to) {
            skipped += 8
            continue
          }
          const at = start + byte
          const original = Buffer.alloc(1)
          readSync(fd, original, 0, 1, at)
          for (let bit = 0; bit < 8; bit++) {
            writeSync(fd, Buffer.from([original[0]! ^ (1 << bit)]), 0, 1, at)
            const { outcome, detail } = judge(path, locked.header, key, slot, expected)
            counts[outcome]++
            if (outcome === 'silent-wrong' || outcome === 'not-cairn-error') {
              failures.push(`page ${pageno} byte ${byte} bit ${bit}: ${outcome} ${detail}`)
            }
            writeSync(fd, original, 0, 1, at)
          }
        }
      }
    } finally {
      closeSync(fd)
      key.fill(0)
    }
    console.log(
      `bit flips over ${pages.length} pages of ${pageSize} bytes: ${JSON.stringify(counts)}, ${skipped} bits of unallocated gap not flipped`,
    )
    expect(failures).toEqual([])
    expect(counts.intact + counts.reported + skipped).toBe(pages.length * pageSize * 8)
    expect(counts.reported).toBeGreaterThan(0)
  }, 300_000)
})

/**
 * The byte range of a b-tree page that no cell or pointer uses: from the end of the cell pointer
 * array to the start of the cell content area (SQLite file format, section 1.6).
 */
function unallocatedGap(fd: number, pageStart: number): { from: number; to: number } {
  const header = Buffer.alloc(12)
  readSync(fd, header, 0, 12, pageStart)
  const leaf = header[0] === 0x0a || header[0] === 0x0d
  const cells = header.readUInt16BE(3)
  const contentStart = header.readUInt16BE(5) || 65536
  return { from: (leaf ? 8 : 12) + 2 * cells, to: contentStart }
}

function readSlotRows(path: string) {
  const db = new Database(path, { readonly: true })
  try {
    return db
      .prepare(
        'SELECT id, kind, label, created_at AS createdAt, last_used_at AS lastUsedAt, kdf, kdf_params AS kdfParams, salt, key_check AS keyCheck, nonce, wrapped_key AS wrappedKey, digest FROM key_slots',
      )
      .all() as Parameters<typeof openSlot>[1] extends readonly (infer R)[] ? R[] : never
  } finally {
    db.close()
  }
}

function same(a: ItemRecord, b: ItemRecord | undefined): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b)
}

/** Opens the damaged file with the key and reads everything list() and get() return. */
function judge(
  path: string,
  header: UnlockedVaultFile['header'],
  key: Buffer,
  slot: Parameters<typeof slotInfoOf>[0],
  expected: ReadonlyMap<string, ItemRecord>,
): { outcome: Outcome; detail: string } {
  try {
    return { outcome: judgeReads(path, header, key, slot, expected), detail: '' }
  } catch (e) {
    if (e instanceof CairnError) return { outcome: 'reported', detail: '' }
    return { outcome: 'not-cairn-error', detail: String(e) }
  }
}

function judgeReads(
  path: string,
  header: UnlockedVaultFile['header'],
  key: Buffer,
  slot: Parameters<typeof slotInfoOf>[0],
  expected: ReadonlyMap<string, ItemRecord>,
): Outcome {
  let vault: UnlockedVaultFile | null = null
  let reported = false
  try {
    const db = openReadOnly(path)
    try {
      checkCairnFile(db, path)
    } catch (e) {
      db.close()
      throw e
    }
    vault = new UnlockedVaultFile(path, header, db, Buffer.from(key), slotInfoOf(slot))
    const { items, damaged } = vault.list({ includeTrash: true })
    if (damaged.length) reported = true
    for (const item of items) if (!same(item, expected.get(item.id))) return 'silent-wrong'
    const listed = new Set([...items.map((i) => i.id), ...damaged.map((d) => d.id)])
    for (const id of expected.keys()) if (!listed.has(id)) return 'silent-wrong'
    for (const [id, want] of expected) {
      try {
        if (!same(vault.get(id), want)) return 'silent-wrong'
      } catch (e) {
        if (!(e instanceof CairnError)) throw e
        reported = true
      }
    }
    return reported ? 'reported' : 'intact'
  } finally {
    try {
      vault?.lock()
    } catch {
      // Closing a damaged file may fail too; the outcome is already decided.
    }
  }
}

function slotInfoOf(slot: { id: string; kind: string; label: string; createdAt: number }) {
  return {
    id: slot.id,
    kind: slot.kind as 'password',
    label: slot.label,
    createdAt: slot.createdAt,
    lastUsedAt: null,
  }
}
