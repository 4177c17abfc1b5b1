// planMerge on its own: rows without recorded history, histories longer than a row remembers,
// and tombstones against versions the purge could or could not have seen.
import { describe, expect, it } from 'vitest'
import { derivedUuid, planMerge } from '../../../src-main/core/backup/merge.ts'
import { MAX_LINEAGE, type VersionedRecord } from '../../../src-main/core/vault/item-rows.ts'
import { note } from '../vault/vault-fixtures.ts'

const ID = '6f1f0a52-3c1e-4d0b-9a57-0c3b1f2e4d5a'

function version(
  revision: number,
  updatedAt: number,
  body: string,
  lineage: string[] = [],
): VersionedRecord {
  return {
    record: { id: ID, revision, createdAt: 1, updatedAt, deletedAt: null, data: note({ body }) },
    lineage,
  }
}

const ids = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag}${String(i).padStart(10, '0')}`)

describe('planMerge', () => {
  it('rows without lineage: identical is unchanged, different is a conflict', () => {
    const same = planMerge(
      { items: [version(2, 10, 'x')], tombstones: [] },
      { items: [version(2, 10, 'x')], tombstones: [] },
    )
    expect(same.records).toEqual([])
    const differ = planMerge(
      { items: [version(2, 10, 'x')], tombstones: [] },
      { items: [version(3, 20, 'y')], tombstones: [] },
    )
    expect(differ.summary.conflicts).toHaveLength(1)
    const copyId = differ.summary.conflicts[0]!.copyId
    expect(copyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(differ.records.map((r) => r.id).sort()).toEqual([ID, copyId].sort())
    // The copy's id is derived from the item and the version that lost its place.
    expect(derivedUuid(ID, 'x')).toBe(derivedUuid(ID, 'x'))
    expect(derivedUuid(ID, 'x')).not.toBe(derivedUuid(ID, 'y'))
  })

  it('a side that moved on more than the remembered history merges as a conflict (safe)', () => {
    const base = 'base0000000'
    const ours = version(2, 10, 'ours', ['ours0000000', base])
    const longRun = ids(MAX_LINEAGE, 'run') // base has fallen out of their lineage
    const theirs = version(2 + MAX_LINEAGE, 50, 'theirs', longRun)
    const plan = planMerge({ items: [ours], tombstones: [] }, { items: [theirs], tombstones: [] })
    expect(plan.summary.conflicts).toHaveLength(1)
    // Within the remembered history the longer side simply wins.
    const near = version(5, 50, 'theirs', ['t3000000000', 't2000000000', 'ours0000000', base])
    const plan2 = planMerge({ items: [ours], tombstones: [] }, { items: [near], tombstones: [] })
    expect(plan2.summary).toMatchObject({ updated: 1, conflicts: [] })
    expect(plan2.records[0]!.lineage).toEqual(near.lineage)
  })

  it('a tombstone deletes only a version the purge could have seen', () => {
    const seen = version(3, 100, 'x', ['v3000000000'])
    const tomb = { id: ID, revision: 4, purgedAt: 200 }
    expect(
      planMerge({ items: [seen], tombstones: [] }, { items: [], tombstones: [tomb] }).tombstones,
    ).toEqual([tomb])
    const laterEdit = version(4, 300, 'x', ['v4000000000'])
    const kept = planMerge(
      { items: [laterEdit], tombstones: [] },
      { items: [], tombstones: [tomb] },
    )
    expect(kept.tombstones).toEqual([])
    expect(kept.summary.deleted).toBe(0)
    const higherRevision = version(5, 150, 'x', ['v5000000000'])
    expect(
      planMerge({ items: [higherRevision], tombstones: [] }, { items: [], tombstones: [tomb] })
        .tombstones,
    ).toEqual([])
  })

  it('an older tombstone does not replace a newer one', () => {
    const ours = { id: ID, revision: 9, purgedAt: 900 }
    const theirs = { id: ID, revision: 4, purgedAt: 400 }
    expect(
      planMerge({ items: [], tombstones: [ours] }, { items: [], tombstones: [theirs] }).tombstones,
    ).toEqual([])
    expect(
      planMerge({ items: [], tombstones: [theirs] }, { items: [], tombstones: [ours] }).tombstones,
    ).toEqual([ours])
  })
})
