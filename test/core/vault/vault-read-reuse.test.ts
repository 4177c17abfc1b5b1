// state() reuses the session's last audited read while the file is unchanged (a sync pass reads
// the whole state several times). Any commit by another connection, and every write of the
// session's own, makes the next read judge every row again: a row put back or deleted meanwhile
// is reported.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { login, seededVault, type TempDir } from './vault-fixtures.ts'

let tmp: TempDir | undefined
afterEach(() => tmp?.cleanup())

describe('reusing the last audited read', () => {
  it('judges every row again after another connection changed the file', async () => {
    const s = await seededVault([login({ title: 'A' }), login({ title: 'B' })])
    tmp = s.tmp
    const [a, b] = s.v.state().items.map((v) => v.record)
    // An older copy of A's row, taken before it is edited.
    const other = new Database(s.path)
    const oldA = other.prepare('SELECT * FROM items WHERE id = ?').get(a!.id) as Record<
      string,
      unknown
    >
    s.v.update(a!.id, login({ title: 'A edited' }))
    expect(s.v.state().items.map((v) => (v.record.data as { title: string }).title)).toEqual([
      'A edited',
      'B',
    ])
    expect(s.v.state().damaged).toEqual([])

    // Put the old row back and delete B, from another connection, while the session is open.
    other
      .prepare(
        'UPDATE items SET revision = @revision, updated_at = @updated_at, nonce = @nonce, ciphertext = @ciphertext WHERE id = @id',
      )
      .run(oldA)
    other.prepare('DELETE FROM items WHERE id = ?').run(b!.id)
    other.close()

    const after = s.v.state()
    expect(after.items).toEqual([])
    expect(after.damaged.map((d) => d.id).sort()).toEqual([a!.id, b!.id].sort())
    expect(after.damaged.find((d) => d.id === a!.id)?.reason).toMatch(/rolled back/)
    expect(after.damaged.find((d) => d.id === b!.id)?.reason).toMatch(/missing/)
    s.v.lock()
  })

  it("shows the session's own writes at once and shares no array a caller could change", async () => {
    const s = await seededVault([login({ title: 'A' })])
    tmp = s.tmp
    const first = s.v.state()
    first.items.length = 0
    first.damaged.push({ id: 'x', reason: 'added by the caller' })
    const again = s.v.state()
    expect(again.items.map((v) => (v.record.data as { title: string }).title)).toEqual(['A'])
    expect(again.damaged).toEqual([])
    // Shared records are frozen, so no caller can alter what the next read returns.
    expect(() => {
      ;(again.items[0]!.record.data as { title: string }).title = 'changed'
    }).toThrow(TypeError)

    s.v.add(login({ title: 'B' }))
    expect(s.v.state().items.map((v) => (v.record.data as { title: string }).title)).toEqual([
      'A',
      'B',
    ])
    s.v.trash(again.items[0]!.record.id)
    expect(s.v.state().items.map((v) => v.record.deletedAt !== null)).toEqual([true, false])
    expect(s.v.list().items.map((r) => r.data.title)).toEqual(['B'])
    s.v.lock()
  })
})
