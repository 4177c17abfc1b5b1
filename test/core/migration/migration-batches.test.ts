import { describe, expect, it } from 'vitest'
import { batchStatuses, describeParts } from '../../../src-main/core/migration/migration-batches.ts'

describe('batchStatuses', () => {
  it('reports the parts still missing from each multi-part export', () => {
    const statuses = batchStatuses([
      { batchId: 7, batchIndex: 0, batchSize: 2 },
      { batchId: 9, batchIndex: 1, batchSize: 4 },
      { batchId: 9, batchIndex: 3, batchSize: 4 },
      { batchId: 5, batchIndex: 0, batchSize: 1 },
    ])
    expect(statuses).toEqual([
      { batchId: 7, size: 2, seen: [1], missing: [2] },
      { batchId: 9, size: 4, seen: [2, 4], missing: [1, 3] },
    ])
  })

  it('has nothing missing once every part was seen, even twice', () => {
    const parts = [0, 1, 1, 2].map((batchIndex) => ({ batchId: 3, batchIndex, batchSize: 3 }))
    expect(batchStatuses(parts)).toEqual([{ batchId: 3, size: 3, seen: [1, 2, 3], missing: [] }])
  })

  it('skips parts whose size or number the decoder would refuse, sizing nothing by them', () => {
    const statuses = batchStatuses([
      { batchId: 1, batchIndex: 0, batchSize: 2 ** 31 - 1 },
      { batchId: 2, batchIndex: 5, batchSize: 3 },
      { batchId: 3, batchIndex: -1, batchSize: 3 },
      { batchId: 4, batchIndex: 0, batchSize: 100 },
    ])
    expect(statuses).toHaveLength(1)
    expect(statuses[0]).toMatchObject({ batchId: 4, size: 100, seen: [1] })
    expect(statuses[0]!.missing).toHaveLength(99)
  })
})

describe('describeParts', () => {
  it('lists part numbers in words', () => {
    expect(describeParts([2])).toBe('part 2')
    expect(describeParts([2, 3])).toBe('parts 2 and 3')
    expect(describeParts([1, 3, 4])).toBe('parts 1, 3 and 4')
  })

  it('writes runs of three or more as ranges', () => {
    expect(describeParts([2, 3, 4])).toBe('parts 2 to 4')
    expect(describeParts([1, 3, 4, 5, 6, 9, 10])).toBe('parts 1, 3 to 6, 9 and 10')
    const all = Array.from({ length: 99 }, (_, i) => i + 2)
    expect(describeParts(all)).toBe('parts 2 to 100')
  })
})
