// The item associated data is written by a dedicated encoder (it runs once per row on every
// list); it must stay byte-identical to the generic field encoding the format documents.
import { describe, expect, it } from 'vitest'
import { itemAad } from '../../../src-main/core/vault/associated-data.ts'
import { encodeFields, int64 } from '../../../src-main/core/vault/field-encoding.ts'

const VAULTS = ['3f1c0a4e-9b7d-4f2e-8a61-0c5d2e7b9f10', '00000000-0000-4000-8000-000000000001']

function generic(vault: string, r: Parameters<typeof itemAad>[1]): Buffer {
  return encodeFields([
    'cairn.item.v1',
    vault,
    r.id,
    int64(r.revision),
    int64(r.createdAt),
    int64(r.updatedAt),
    r.deletedAt === null ? null : int64(r.deletedAt),
  ])
}

describe('item associated data', () => {
  const values = [0, 1, 255, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 1_765_000_000_000, -1, -(2 ** 40) - 7]
  const edges = [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]
  it('equals the generic field encoding for every integer range and a null deletion time', () => {
    let compared = 0
    for (const vault of VAULTS) {
      for (const n of [...values, ...edges]) {
        for (const deletedAt of [null, n]) {
          const row = {
            id: 'a1b2c3d4-0000-4000-8000-00000000000f',
            revision: n,
            createdAt: 1,
            updatedAt: n,
            deletedAt,
          }
          expect(itemAad(vault, row).equals(generic(vault, row))).toBe(true)
          compared++
        }
      }
    }
    // A non-ASCII id is measured in UTF-8 bytes, not characters.
    const odd = { id: 'é-item', revision: 3, createdAt: 2, updatedAt: 2, deletedAt: null }
    expect(itemAad(VAULTS[0]!, odd).equals(generic(VAULTS[0]!, odd))).toBe(true)
    expect(compared).toBe(VAULTS.length * (values.length + edges.length) * 2)
  })

  it('refuses a value that is not a safe integer, as the generic encoding does', () => {
    const row = { id: 'x', revision: 2 ** 53, createdAt: 1, updatedAt: 1, deletedAt: null }
    expect(() => itemAad(VAULTS[0]!, row)).toThrow(RangeError)
    expect(() => itemAad(VAULTS[0]!, { ...row, revision: 1.5 })).toThrow(RangeError)
  })
})
