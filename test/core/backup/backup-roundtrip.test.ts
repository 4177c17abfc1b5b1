// Every item type, the trash, tombstones and each row's lineage survive backup and restore, under
// both protections; the restored vault opens with the credentials each protection promises.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readBackupInfo, openBackup } from '../../../src-main/core/backup/backup-reader.ts'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { restoreBackup } from '../../../src-main/core/backup/restore.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { tempDir } from '../vault/vault-fixtures.ts'
import {
  FAST_KDF,
  PASSPHRASE,
  password,
  populatedVault,
  recoveryKey,
  unlock,
} from './backup-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())

describe('backup and restore round trip', () => {
  it('vault-slots: same vault id, key slots, items (every type, trash), tombstones, lineage', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    const before = v.state()
    const header = v.header
    const phases = new Set<string>()
    const summary = await writeBackup(v, tmp.file('b.cairnbackup'), {
      protection: { kind: 'vault-slots' },
      chunkSize: 1024, // several chunks even for this small vault
      onProgress: (p) => phases.add(p.phase),
    })
    v.lock()
    expect(summary).toMatchObject({ protection: 'vault-slots', items: 4, tombstones: 1 })
    expect(summary.skippedDamaged).toEqual([])
    expect([...phases]).toEqual(['encrypting', 'writing', 'done'])
    expect(readFileSync(tmp.file('b.cairnbackup')).length).toBe(summary.bytes)
    expect(before.items.map((i) => i.record.data.type).sort()).toEqual([
      'login',
      'note',
      'otp',
      'recovery-codes',
    ])

    const info = readBackupInfo(tmp.file('b.cairnbackup'))
    expect(info.protection).toBe('vault-slots')
    expect(info.vaultUuid).toBe(header.vaultUuid)
    expect(info.slots.map((s) => s.kind)).toEqual(['password', 'recovery-key'])

    const restored = await restoreBackup(tmp.file('b.cairnbackup'), tmp.file('r.cairn'), password)
    expect(restored).toMatchObject({
      vaultUuid: header.vaultUuid,
      vaultName: header.name,
      items: 4,
    })
    expect(openVault(tmp.file('r.cairn')).header).toEqual(header)
    for (const credential of [password, recoveryKey]) {
      const r = await unlock(tmp.file('r.cairn'), credential)
      expect(r.state()).toEqual(before)
      r.lock()
    }
  })

  it('passphrase: restores into a vault with a new key and a new master password', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    const before = v.state()
    await writeBackup(v, tmp.file('b.cairnbackup'), {
      protection: { kind: 'passphrase', passphrase: PASSPHRASE, unsafeKdfParamsForTests: FAST_KDF },
    })
    v.lock()
    expect(readBackupInfo(tmp.file('b.cairnbackup'))).toMatchObject({
      protection: 'passphrase',
      slots: [],
    })
    await restoreBackup(
      tmp.file('b.cairnbackup'),
      tmp.file('r.cairn'),
      { kind: 'backup-passphrase', passphrase: PASSPHRASE.normalize('NFD') },
      { newPassword: 'a new master password', unsafeKdfParamsForTests: FAST_KDF },
    )
    const r = await unlock(tmp.file('r.cairn'), {
      kind: 'password',
      password: 'a new master password',
    })
    expect(r.state()).toEqual(before)
    expect(r.slots().map((s) => s.kind)).toEqual(['password'])
    r.lock()
    let error: unknown
    await unlock(tmp.file('r.cairn'), password).catch((e) => (error = e))
    expect(isCairnError(error, 'WRONG_PASSWORD')).toBe(true)
  })

  it('an empty vault and a large item (many chunks) round-trip too', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    for (const i of v.state().items) v.purge(i.record.id)
    const emptyState = v.state()
    await writeBackup(v, tmp.file('empty.cairnbackup'), { protection: { kind: 'vault-slots' } })
    const big = 'x'.repeat(200_000)
    v.add({ type: 'note', title: 'big', body: big, tags: [] })
    const bigState = v.state()
    await writeBackup(v, tmp.file('big.cairnbackup'), {
      protection: { kind: 'vault-slots' },
      chunkSize: 4096,
    })
    v.lock()
    const empty = await openBackup(tmp.file('empty.cairnbackup'), password)
    expect(empty.payload.items).toEqual([])
    expect(empty.payload.tombstones).toEqual(emptyState.tombstones)
    const opened = await openBackup(tmp.file('big.cairnbackup'), recoveryKey)
    expect(opened.openedWith?.kind).toBe('recovery-key')
    expect(opened.payload.items).toEqual(bigState.items)
    expect(opened.header.payloadLength).toBeGreaterThan(200_000)
  })

  it('refuses to overwrite: an existing backup or vault path is FILE_EXISTS and stays as it was', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    await writeBackup(v, tmp.file('b.cairnbackup'), { protection: { kind: 'vault-slots' } })
    const first = readFileSync(tmp.file('b.cairnbackup'))
    await expect(
      writeBackup(v, tmp.file('b.cairnbackup'), { protection: { kind: 'vault-slots' } }),
    ).rejects.toMatchObject({ code: 'FILE_EXISTS' })
    expect(readFileSync(tmp.file('b.cairnbackup'))).toEqual(first)
    await writeBackup(v, tmp.file('b.cairnbackup'), {
      protection: { kind: 'vault-slots' },
      replace: true,
    })
    expect(readFileSync(tmp.file('b.cairnbackup'))).not.toEqual(first)
    v.lock()
    const vaultBytes = readFileSync(tmp.file('v.cairn'))
    await expect(
      restoreBackup(tmp.file('b.cairnbackup'), tmp.file('v.cairn'), password),
    ).rejects.toMatchObject({ code: 'FILE_EXISTS' })
    expect(readFileSync(tmp.file('v.cairn'))).toEqual(vaultBytes)
  })

  it('a missing destination folder is FILE_NOT_FOUND, before any key derivation', async () => {
    const v = await populatedVault(tmp.file('v.cairn'))
    await expect(
      writeBackup(v, tmp.file('no/such/folder/b.cairnbackup'), {
        protection: { kind: 'passphrase', passphrase: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' })
    v.lock()
  })
})
