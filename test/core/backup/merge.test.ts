// Merging two copies of one vault file (and a backup into a vault): edits on one side, edits on
// both, the trash, purges against later edits, items created on both sides, and that repeating a
// merge or merging the other way round ends in the same items.
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openBackup } from '../../../src-main/core/backup/backup-reader.ts'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import {
  CONFLICT_TAG,
  mergeInto,
  planMerge,
  type MergeSummary,
} from '../../../src-main/core/backup/merge.ts'
import type { ItemRecord } from '../../../src-main/core/vault/item-types.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { readVaultState } from '../../../src-main/core/vault/vault-file.ts'
import { login, newVault, note, otp, tempDir } from '../vault/vault-fixtures.ts'
import { password, unlock } from './backup-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let clock = 1_700_000_000_000
/** Every call moves the clock on a second, so "edited later" is unambiguous. */
const tick = () => vi.setSystemTime((clock += 1000))

beforeEach(() => {
  tmp = tempDir()
  vi.useFakeTimers({ toFake: ['Date'] })
  tick()
})
afterEach(() => {
  vi.useRealTimers()
  tmp.cleanup()
})

/** A vault with three items, copied to a second file: two copies of one vault, both unlocked. */
async function twoCopies(): Promise<{ a: UnlockedVaultFile; b: UnlockedVaultFile; ids: string[] }> {
  const a = await newVault(tmp.file('a.cairn'))
  const ids = [
    a.add(login({ title: 'Mail' })).id,
    a.add(otp({ issuer: 'Bank', title: 'Bank' })).id,
    a.add(note({ title: 'Wifi', body: 'hunter2' })).id,
  ]
  a.lock()
  copyFileSync(tmp.file('a.cairn'), tmp.file('b.cairn'))
  return {
    a: await unlock(tmp.file('a.cairn'), password),
    b: await unlock(tmp.file('b.cairn'), password),
    ids,
  }
}

/** Merges the file of `from` into `into` (read through the file, as `cairn merge` does). */
async function merge(into: UnlockedVaultFile, from: UnlockedVaultFile): Promise<MergeSummary> {
  const { state } = await readVaultState(from.path, password)
  return mergeInto(into, state)
}

const byTitle = (v: UnlockedVaultFile) =>
  v
    .list({ includeTrash: true })
    .items.map((i) => `${i.data.title}${i.deletedAt ? ' [trash]' : ''}`)
    .sort()

/** Items as comparable content (revision and timestamps included, lineage too). */
const content = (v: UnlockedVaultFile) =>
  v
    .state()
    .items.map((i) => i)
    .sort((x, y) => x.record.id.localeCompare(y.record.id))

describe('merge', () => {
  it('an edit on one side is taken; the other side is unchanged by merging back', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    b.update(ids[0]!, login({ title: 'Mail', password: 'changed on b' }))
    const summary = await merge(a, b)
    expect(summary).toMatchObject({ updated: 1, added: 0, conflicts: [], unchanged: 2 })
    expect((a.get(ids[0]!).data as { password: string }).password).toBe('changed on b')
    expect(await merge(b, a)).toMatchObject({ updated: 0, added: 0, conflicts: [] })
    expect(content(a)).toEqual(content(b))
  })

  it('both changed: both versions are kept, the later one in place, the other as a conflict copy', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    a.update(ids[0]!, login({ title: 'Mail', password: 'from a (earlier)' }))
    tick()
    b.update(ids[0]!, login({ title: 'Mail', password: 'from b (later)' }))
    const summary = await merge(a, b)
    expect(summary.conflicts).toHaveLength(1)
    const [conflict] = summary.conflicts
    expect(conflict!.id).toBe(ids[0])
    const inPlace = a.get(ids[0]!) as ItemRecord & { data: { password: string } }
    expect(inPlace.data.password).toBe('from b (later)')
    const copy = a.get(conflict!.copyId) as ItemRecord & { data: { password: string } }
    expect(copy.data.password).toBe('from a (earlier)')
    expect(copy.data.title).toBe('Mail (conflict copy)')
    expect(copy.data.tags).toContain(CONFLICT_TAG)

    // Merging again changes nothing; merging the other way gives the very same items.
    expect(await merge(a, b)).toMatchObject({ updated: 0, added: 0, conflicts: [] })
    const back = await merge(b, a)
    expect(back).toMatchObject({ updated: 1, added: 1 })
    expect(content(b)).toEqual(content(a))
    expect(await merge(a, b)).toMatchObject({ updated: 0, added: 0, conflicts: [] })
    // Every merged row is in each vault's manifest: nothing reads as damaged.
    expect(a.list({ includeTrash: true }).damaged).toEqual([])
    expect(b.list({ includeTrash: true }).damaged).toEqual([])
  })

  it('concurrent merges in both directions converge to the same items', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    a.update(ids[2]!, note({ title: 'Wifi', body: 'a' }))
    tick()
    b.update(ids[2]!, note({ title: 'Wifi', body: 'b' }))
    a.lock()
    copyFileSync(tmp.file('a.cairn'), tmp.file('a-before.cairn'))
    const a2 = await unlock(tmp.file('a.cairn'), password)
    await merge(a2, b) // a takes b's changes...
    const aBefore = await readVaultState(tmp.file('a-before.cairn'), password)
    mergeInto(b, aBefore.state) // ...while b takes a's earlier state
    expect(content(a2)).toEqual(content(b))
    expect(byTitle(a2)).toEqual(['Bank', 'Mail', 'Wifi', 'Wifi (conflict copy)'].sort())
  })

  it('the same change made on both sides merges without a copy', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    a.update(ids[2]!, note({ title: 'Wifi', body: 'same' }))
    tick()
    b.update(ids[2]!, note({ title: 'Wifi', body: 'same' }))
    const summary = await merge(a, b)
    expect(summary.conflicts).toEqual([])
    expect(byTitle(a)).toEqual(['Bank', 'Mail', 'Wifi'].sort())
    expect(await merge(b, a)).toMatchObject({ updated: 1, conflicts: [] })
    expect(content(a)).toEqual(content(b))
  })

  it('moved to the trash on one side: trashed after the merge', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    b.trash(ids[1]!)
    await merge(a, b)
    expect(a.get(ids[1]!).deletedAt).not.toBeNull()
    expect(a.list().items.map((i) => i.id)).not.toContain(ids[1])
  })

  it('purged on one side: deleted on the other, and the tombstone travels on', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    const tomb = b.purge(ids[1]!)
    const summary = await merge(a, b)
    expect(summary).toMatchObject({ deleted: 1 })
    expect(() => a.get(ids[1]!)).toThrow(/No item/)
    expect(a.tombstones()).toEqual([tomb])
    expect(a.list({ includeTrash: true }).damaged).toEqual([])
    // A third copy that never had the item still learns of the deletion.
    const c = await newVault(tmp.file('c.cairn'))
    expect(mergeInto(c, { items: [], tombstones: a.tombstones() })).toMatchObject({ tombstones: 1 })
    expect(c.tombstones()).toEqual([tomb])
  })

  it('an edit made after a purge elsewhere survives it, and comes back to the purging side', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    a.purge(ids[0]!)
    tick()
    b.update(ids[0]!, login({ title: 'Mail', password: 'edited after the purge' }))
    expect(await merge(b, a)).toMatchObject({ deleted: 0 })
    expect(b.get(ids[0]!).data.title).toBe('Mail')
    expect(await merge(a, b)).toMatchObject({ revived: 1 })
    expect(a.get(ids[0]!).data.title).toBe('Mail')
    expect(a.tombstones()).toEqual([])
  })

  it('created on both sides: both kept', async () => {
    const { a, b } = await twoCopies()
    tick()
    a.add(note({ title: 'only on a' }))
    b.add(note({ title: 'only on b' }))
    expect(await merge(a, b)).toMatchObject({ added: 1, conflicts: [] })
    expect(await merge(b, a)).toMatchObject({ added: 1, conflicts: [] })
    expect(byTitle(a)).toEqual(['Bank', 'Mail', 'Wifi', 'only on a', 'only on b'].sort())
    expect(content(a)).toEqual(content(b))
  })

  it('merges a backup into a vault, and a merge writes nothing when nothing differs', async () => {
    const { a, b, ids } = await twoCopies()
    tick()
    b.update(ids[2]!, note({ title: 'Wifi', body: 'new' }))
    await writeBackup(b, tmp.file('b.cairnbackup'), { protection: { kind: 'vault-slots' } })
    const opened = await openBackup(tmp.file('b.cairnbackup'), password)
    opened.vaultKey?.fill(0)
    expect(mergeInto(a, opened.payload)).toMatchObject({ updated: 1 })
    const plan = planMerge(a.state(), opened.payload)
    expect(plan.records).toEqual([])
    expect(plan.tombstones).toEqual([])
  })
})
