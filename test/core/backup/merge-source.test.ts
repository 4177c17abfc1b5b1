// The other side of a merge is recognised by its first bytes and read without being changed.
import { copyFileSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { describeMergeSource, readMergeSource } from '../../../src-main/core/backup/merge-source.ts'
import { tempDir } from '../vault/vault-fixtures.ts'
import { FAST_KDF, PASSPHRASE, password, populatedVault, unlock } from './backup-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())

describe('merge sources', () => {
  it('reads a vault copy and both kinds of backup to the same state, changing none of them', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    const expected = v.state()
    await writeBackup(v, tmp.file('s.cairnbackup'), { protection: { kind: 'vault-slots' } })
    await writeBackup(v, tmp.file('p.cairnbackup'), {
      protection: { kind: 'passphrase', passphrase: PASSPHRASE, unsafeKdfParamsForTests: FAST_KDF },
    })
    v.lock()
    copyFileSync(tmp.file('v.cairn'), tmp.file('copy.cairn'))
    const files = ['copy.cairn', 's.cairnbackup', 'p.cairnbackup'].map((f) => tmp.file(f))
    const before = files.map((f) => readFileSync(f))

    expect(describeMergeSource(files[0]!)).toEqual({ kind: 'vault' })
    expect(describeMergeSource(files[2]!)).toMatchObject({
      kind: 'backup',
      protection: 'passphrase',
    })
    const a = await readMergeSource(files[0]!, { credential: password })
    const b = await readMergeSource(files[1]!, { credential: password })
    const c = await readMergeSource(files[2]!, { passphrase: PASSPHRASE })
    expect(a.side.items).toEqual(expected.items)
    expect(b.side.items).toEqual(expected.items)
    expect(c.side.items).toEqual(expected.items)
    expect(c.side.tombstones).toEqual(expected.tombstones)
    expect(files.map((f) => readFileSync(f))).toEqual(before)

    await expect(readMergeSource(files[2]!, { credential: password })).rejects.toThrow(
      /needs its backup passphrase/,
    )
  })

  it('copies and vault-slots backups of the open vault open with its key; after a rotation they need a credential', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    const expected = v.state()
    await writeBackup(v, tmp.file('s.cairnbackup'), { protection: { kind: 'vault-slots' } })
    v.lock()
    copyFileSync(tmp.file('v.cairn'), tmp.file('copy.cairn'))
    const own = await unlock(tmp.file('v.cairn'), password)
    for (const f of ['copy.cairn', 's.cairnbackup']) {
      const read = await readMergeSource(tmp.file(f), {}, own)
      expect(read.side.items).toEqual(expected.items)
    }
    await own.rotateVaultKey('rotated', { unsafeKdfParamsForTests: FAST_KDF })
    for (const f of ['copy.cairn', 's.cairnbackup']) {
      await expect(readMergeSource(tmp.file(f), {}, own)).rejects.toMatchObject({
        code: 'WRONG_CREDENTIAL',
      })
      const read = await readMergeSource(tmp.file(f), { credential: password }, own)
      expect(read.side.items).toEqual(expected.items)
    }
    own.lock()
  })
})
