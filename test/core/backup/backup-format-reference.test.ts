// docs/backup-format.md must be enough to read a backup without Cairn: the reference decryptor in
// docs/reference (Python, standard library plus `cryptography`) decrypts what Cairn wrote.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { tempDir } from '../vault/vault-fixtures.ts'
import { FAST_KDF, PASSPHRASE, PASSWORD, RECOVERY_KEY, populatedVault } from './backup-fixtures.ts'
import { needReferenceDecryptor, referenceDecryptor } from '../../support/python-reference.ts'

const decrypt = referenceDecryptor('cairn_backup_decrypt.py')

let tmp: ReturnType<typeof tempDir>
beforeEach(needReferenceDecryptor('cairn_backup_decrypt.py'))
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())

describe('reference decryptor (docs/reference/cairn_backup_decrypt.py)', () => {
  it('decrypts both protections to exactly the payload Cairn wrote', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    const state = v.state()
    const header = v.header
    await writeBackup(v, tmp.file('slots.cairnbackup'), {
      protection: { kind: 'vault-slots' },
      chunkSize: 1024,
    })
    await writeBackup(v, tmp.file('pass.cairnbackup'), {
      protection: {
        kind: 'passphrase',
        passphrase: PASSPHRASE,
        unsafeKdfParamsForTests: FAST_KDF,
      },
    })
    v.lock()
    const expected = {
      vault: { id: header.vaultId, name: header.name, createdAt: header.createdAt },
      items: state.items.map(({ record, lineage }) => ({ ...record, lineage })),
      tombstones: state.tombstones,
    }
    const runs: [string, Record<string, string>][] = [
      ['slots.cairnbackup', { CAIRN_PASSWORD: PASSWORD }],
      ['slots.cairnbackup', { CAIRN_RECOVERY_KEY: RECOVERY_KEY.toLowerCase() }],
      ['pass.cairnbackup', { CAIRN_BACKUP_PASSPHRASE: PASSPHRASE }],
    ]
    for (const [file, env] of runs) {
      const out = decrypt(tmp.file(file), env)
      expect(out.stderr).toBe('')
      expect(out.status).toBe(0)
      const payload = JSON.parse(out.stdout)
      expect(payload).toMatchObject(expected)
      expect(payload.items).toEqual(expected.items)
      expect(typeof payload.exportedAt).toBe('number')
    }
  })

  it('refuses a wrong passphrase, a wrong password, a flipped byte and a truncated file', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    await writeBackup(v, tmp.file('b.cairnbackup'), {
      protection: {
        kind: 'passphrase',
        passphrase: PASSPHRASE,
        unsafeKdfParamsForTests: FAST_KDF,
      },
    })
    await writeBackup(v, tmp.file('s.cairnbackup'), { protection: { kind: 'vault-slots' } })
    v.lock()
    expect(decrypt(tmp.file('b.cairnbackup'), { CAIRN_BACKUP_PASSPHRASE: 'no' }).stderr).toMatch(
      /wrong backup passphrase/,
    )
    expect(decrypt(tmp.file('s.cairnbackup'), { CAIRN_PASSWORD: 'no' }).stderr).toMatch(
      /wrong password/,
    )
    const bytes = readFileSync(tmp.file('b.cairnbackup'))
    const flipped = Buffer.from(bytes)
    flipped[bytes.length - 20] = flipped[bytes.length - 20]! ^ 1
    writeFileSync(tmp.file('f.cairnbackup'), flipped)
    const f = decrypt(tmp.file('f.cairnbackup'), { CAIRN_BACKUP_PASSPHRASE: PASSPHRASE })
    expect(f.status).not.toBe(0)
    expect(f.stderr).toMatch(/failed authentication/)
    writeFileSync(tmp.file('t.cairnbackup'), bytes.subarray(0, bytes.length - 3))
    const t = decrypt(tmp.file('t.cairnbackup'), { CAIRN_BACKUP_PASSPHRASE: PASSPHRASE })
    expect(t.stderr).toMatch(/truncated/)
  })
})
