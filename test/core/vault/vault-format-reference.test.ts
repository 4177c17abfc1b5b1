// docs/vault-format.md must be enough to decrypt a vault without Cairn's code: the reference
// decryptor in docs/reference (Python, written from the document) reads what Cairn wrote.
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, everyType, newVault, note, tempDir } from './vault-fixtures.ts'
import { needReferenceDecryptor, referenceDecryptor } from '../../support/python-reference.ts'

const decrypt = referenceDecryptor('cairn_vault_decrypt.py')

let tmp: ReturnType<typeof tempDir>
beforeEach(needReferenceDecryptor('cairn_vault_decrypt.py'))
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())

describe('reference decryptor (docs/reference/cairn_vault_decrypt.py)', () => {
  it('decrypts every item, the trash, damaged rows and tombstones exactly as Cairn does', async () => {
    const path = tmp.file('reference.cairn')
    const v = await newVault(path)
    const added = everyType.map((d) => v.add(d))
    v.update(added[0]!.id, { ...everyType[0]!, title: 'edited ✓ ünïcödé' } as never)
    v.trash(added[2]!.id)
    const victim = v.add(note({ title: 'will be damaged' }))
    const purged = v.add(note({ title: 'purged' }))
    v.purge(purged.id)
    const recoveryKey = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MN'
    await v.addSlot({ kind: 'recovery-key', key: recoveryKey })
    const expected = v.list({ includeTrash: true })
    const tombstones = v.tombstones()
    v.lock()

    const db = new Database(path)
    const c = db
      .prepare('SELECT ciphertext FROM items WHERE id = ?')
      .pluck()
      .get(victim.id) as Buffer
    c[0] = c[0]! ^ 1
    db.prepare('UPDATE items SET ciphertext = ? WHERE id = ?').run(c, victim.id)
    db.close()

    const header = openVault(path).header
    const envs: Record<string, string>[] = [
      { CAIRN_PASSWORD: PASSWORD },
      { CAIRN_RECOVERY_KEY: recoveryKey.toLowerCase() },
    ]
    for (const env of envs) {
      const out = decrypt(path, env)
      expect(out.stderr).toBe('')
      expect(out.status).toBe(0)
      const result = JSON.parse(out.stdout)
      expect(result.header).toEqual({
        singleton: 1,
        vault_id: header.vaultUuid,
        name: header.name,
        format_version: 3,
        created_at: header.createdAt,
      })
      expect(result.items).toEqual(expected.items.filter((i) => i.id !== victim.id))
      expect(result.damaged).toEqual([victim.id])
      expect(result.tombstones).toEqual(tombstones)
    }
  })

  it('checks the manifest as Cairn does: rolled back, missing, purged and unexpected rows', async () => {
    const path = tmp.file('manifest.cairn')
    const v = await newVault(path)
    const [a, b, c, d] = [1, 2, 3, 4].map((n) => v.add(note({ title: `note ${n}` })))
    v.lock()
    const copy = tmp.file('copy.cairn')
    copyFileSync(path, copy)
    const stranger = await (async () => {
      const other = await openVault(copy).unlock({ kind: 'password', password: PASSWORD })
      const s = other.add(note({ title: 'only in the copy' }))
      other.lock()
      return s
    })()
    const rowOf = (file: string, id: string) => {
      const db = new Database(file, { readonly: true })
      const row = db.prepare('SELECT * FROM items WHERE id = ?').get(id)
      db.close()
      return row
    }
    const oldA = rowOf(path, a!.id)
    const headBefore = (() => {
      const db = new Database(path, { readonly: true })
      const row = db.prepare('SELECT nonce, ciphertext FROM manifest').get()
      db.close()
      return row
    })()
    const u = (await openVault(path).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
    u.update(a!.id, note({ title: 'newer' }))
    u.purge(c!.id)
    u.lock()
    const db = new Database(path)
    const put = db.prepare(
      'INSERT OR REPLACE INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext) VALUES (@id, @revision, @created_at, @updated_at, @deleted_at, @nonce, @ciphertext)',
    )
    put.run(oldA)
    put.run(rowOf(copy, stranger.id))
    db.prepare('DELETE FROM items WHERE id = ?').run(b!.id)
    db.prepare('DELETE FROM tombstones WHERE id = ?').run(c!.id)
    db.close()

    const check = async () => {
      const w = await openVault(path).unlock(
        { kind: 'password', password: PASSWORD },
        { recordUse: false },
      )
      const expected = w.list({ includeTrash: true })
      const tombstones = w.tombstones()
      w.lock()
      const out = decrypt(path, { CAIRN_PASSWORD: PASSWORD })
      expect(out.stderr).toBe('')
      const result = JSON.parse(out.stdout)
      expect(result.items).toEqual(expected.items)
      expect(result.damaged).toEqual(expected.damaged.map((r) => r.id))
      expect(result.tombstones).toEqual(tombstones)
      return result.damaged as string[]
    }
    expect((await check()).sort()).toEqual([a!.id, b!.id, c!.id, stranger.id].sort())
    expect(await check()).not.toContain(d!.id)

    const sql = (text: string, ...params: unknown[]) => {
      const db = new Database(path)
      db.prepare(text).run(...params)
      db.close()
    }
    // An entry changed outside Cairn, then set back: the digest over the entries decides.
    sql('UPDATE state_entries SET revision = revision + 1 WHERE id = ?', d!.id)
    expect(await check()).toEqual(['manifest'])
    sql('UPDATE state_entries SET revision = revision - 1 WHERE id = ?', d!.id)
    expect((await check()).sort()).toEqual([a!.id, b!.id, c!.id, stranger.id].sort())
    const reader = new Database(path, { readonly: true })
    const headNow = reader.prepare('SELECT nonce, ciphertext FROM manifest').get()
    reader.close()
    sql('UPDATE manifest SET nonce = @nonce, ciphertext = @ciphertext', headBefore)
    expect(await check()).toEqual(['manifest'])
    sql('UPDATE manifest SET nonce = @nonce, ciphertext = @ciphertext', headNow)

    const db2 = new Database(path)
    db2.prepare('DELETE FROM manifest').run()
    db2.close()
    expect(await check()).toEqual(['manifest'])
  })

  it('refuses a wrong password and an altered slot', async () => {
    const path = tmp.file('wrong.cairn')
    ;(await newVault(path)).lock()
    const wrong = decrypt(path, { CAIRN_PASSWORD: 'nope' })
    expect(wrong.status).not.toBe(0)
    expect(wrong.stderr).toMatch(/wrong password/)

    const db = new Database(path)
    db.prepare("UPDATE key_slots SET label = 'changed'").run()
    db.close()
    const altered = decrypt(path, { CAIRN_PASSWORD: PASSWORD })
    expect(altered.stderr).toMatch(/key slot .* has been altered/)
  })

  it('never uses a revoked recovery key put back into the file (the sealed slot set), as Cairn does not', async () => {
    const path = tmp.file('revoked.cairn')
    const v = await newVault(path)
    v.add(note({ title: 'kept' }))
    const recoveryKey = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MN'
    const slot = await v.addSlot({ kind: 'recovery-key', key: recoveryKey })
    const db = new Database(path)
    const row = db.prepare('SELECT * FROM key_slots WHERE id = ?').get(slot.id)
    db.close()
    v.removeSlot(slot.id)
    v.lock()
    expect(decrypt(path, { CAIRN_RECOVERY_KEY: recoveryKey }).stderr).toMatch(/wrong recovery-key/)

    const put = new Database(path)
    put
      .prepare(
        'INSERT INTO key_slots VALUES (@id, @kind, @label, @created_at, @last_used_at, @kdf, @kdf_params, @salt, @key_check, @nonce, @wrapped_key, @digest)',
      )
      .run(row)
    put.close()
    const refused = decrypt(path, { CAIRN_RECOVERY_KEY: recoveryKey })
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/wrong recovery-key/)
    const owner = decrypt(path, { CAIRN_PASSWORD: PASSWORD })
    expect(owner.status).toBe(0)
    expect(JSON.parse(owner.stdout).items).toHaveLength(1)
  })

  it('reads the search index exactly as Cairn does, and refuses the same stale or damaged ones', async () => {
    const path = tmp.file('search.cairn')
    const v = await newVault(path)
    const added = everyType.map((d) => v.add(d))
    v.update(added[0]!.id, { ...everyType[0]!, title: 'edited ✓ ünïcödé' } as never)
    v.trash(added[2]!.id)
    v.purge(added[3]!.id)
    v.regroup({ add: [['Work', 'Servers']] })
    const index = [...v.searchIndex()!].sort((a, b) => (a.id < b.id ? -1 : 1))
    v.lock()
    const stored = index.map((e) => {
      const f = e.fields
      const fields =
        f.type === 'otp'
          ? [f.title, f.issuer, f.account]
          : f.type === 'login'
            ? [f.title, f.username]
            : f.type === 'recovery-codes'
              ? [f.title, f.issuer]
              : f.type === 'note'
                ? [f.title]
                : []
      return [e.id, e.revision, e.trashed, f.type, ...fields]
    })
    const read = () => JSON.parse(decrypt(path, { CAIRN_PASSWORD: PASSWORD }).stdout).search
    expect(stored).toHaveLength(4)
    expect(read()).toEqual(stored)

    // The index from before a write, put back after it: both refuse it.
    const db = new Database(path)
    const old = db.prepare('SELECT * FROM search_head').get() as Record<string, unknown>
    db.close()
    const w = (await openVault(path).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
    w.add(note({ title: 'later' }))
    w.lock()
    const put = new Database(path)
    put.prepare('UPDATE search_head SET nonce = @nonce, ciphertext = @ciphertext').run(old)
    put.close()
    expect(read()).toBeNull()
    const r = (await openVault(path).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
    expect(r.searchIndex()).toBeNull()
    r.lock()
  })
})
