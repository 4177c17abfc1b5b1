// The sidecar link holds nothing secret and a forged one gains nothing; writes are debounced.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DebouncedWriter } from '../../../src-main/core/sync/debounced-writer.ts'
import { deviceFilePath, writeDeviceFile } from '../../../src-main/core/sync/device-file.ts'
import {
  linkPathFor,
  linkVault,
  readSyncLink,
  saveSyncLink,
} from '../../../src-main/core/sync/sync-link.ts'
import { classifyName } from '../../../src-main/core/sync/sync-names.ts'
import { syncNow } from '../../../src-main/core/sync/sync-pass.ts'
import { PASSWORD, newVault, note, tempDir, type TempDir } from '../vault/vault-fixtures.ts'

let tmp: TempDir | null = null
afterEach(() => {
  vi.useRealTimers()
  tmp?.cleanup()
  tmp = null
})

describe('sync link and device file', () => {
  it('the sidecar holds no secret, and a malformed one is refused clearly', async () => {
    tmp = tempDir()
    mkdirSync(tmp.file('f'))
    const path = tmp.file('v.cairn')
    const v = await newVault(path)
    v.add(note({ title: 'Secret title', body: 'secret body' }))
    const link = linkVault(path, tmp.file('f'), v.header.vaultUuid)
    writeDeviceFile(path, v, link)
    const text = readFileSync(linkPathFor(path), 'utf8')
    for (const s of ['Secret title', 'secret body', PASSWORD]) expect(text).not.toContain(s)
    writeFileSync(linkPathFor(path), '{"format":1,"folder":"relative"}')
    expect(() => readSyncLink(path)).toThrow(/not a valid sync link/)
    v.lock()
  })

  it('a vault made later under the same file name does not inherit the old link', async () => {
    tmp = tempDir()
    mkdirSync(tmp.file('f'))
    const path = tmp.file('v.cairn')
    const old = await newVault(path)
    const oldLink = linkVault(path, tmp.file('f'), old.header.vaultUuid)
    old.lock()
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
    const fresh = await newVault(path)
    expect(readSyncLink(path, old.header.vaultUuid)?.deviceId).toBe(oldLink.deviceId)
    expect(readSyncLink(path, fresh.header.vaultUuid)).toBeNull()
    expect(() => syncNow(path, fresh)).toThrow(/not linked to a sync folder/)
    // Linking it gives it a device id of its own.
    const link = linkVault(path, tmp.file('f'), fresh.header.vaultUuid)
    expect(link.deviceId).not.toBe(oldLink.deviceId)
    fresh.lock()
  })

  it('a forged "already written" record does not stop a needed write', async () => {
    tmp = tempDir()
    mkdirSync(tmp.file('f'))
    const path = tmp.file('v.cairn')
    const v = await newVault(path)
    const link = linkVault(path, tmp.file('f'), v.header.vaultUuid)
    expect(writeDeviceFile(path, v, link)).toBe(true)
    expect(writeDeviceFile(path, v, link)).toBe(false) // unchanged: no write
    const file = deviceFilePath(link, v.header.vaultUuid)
    writeFileSync(file, 'replaced by someone else')
    expect(writeDeviceFile(path, v, readSyncLink(path)!)).toBe(true)
    // A forged digest (anyone can write the sidecar) does not match the keyed one.
    const forged = readSyncLink(path)!
    v.add(note({ title: 'new' }))
    saveSyncLink(path, { ...forged, written: { ...forged.written!, digest: '00'.repeat(32) } })
    expect(writeDeviceFile(path, v, readSyncLink(path)!)).toBe(true)
    expect(existsSync(file)).toBe(true)
    v.lock()
  })

  it('recognises device files and sync tools’ copies, never temporaries', () => {
    const id = '6f1f0a52-3c1e-4d0b-9a57-0c3b1f2e4d5a'
    const dev = '0123456789abcdef'
    expect(classifyName(id, `${id}.${dev}.cairnsync`)).toMatchObject({ conflictCopy: false })
    for (const copy of [
      `${id}.${dev}.sync-conflict-20260101-120000-ABCDEFG.cairnsync`,
      `${id}.${dev} (Laptop's conflicted copy 2026-01-01).cairnsync`,
      `${id}.${dev}.cairnsync.orig`,
    ]) {
      expect(classifyName(id, copy)).toMatchObject({ deviceId: dev, conflictCopy: true })
    }
    expect(classifyName(id, `.${id}.${dev}.cairnsync.1a2b.backup`)).toBeNull()
    expect(classifyName(id, `.syncthing.${id}.${dev}.cairnsync.tmp`)).toBeNull()
    expect(classifyName(id, `other.${dev}.cairnsync`)).toBeNull()
  })

  it('a burst of changes makes one write', () => {
    vi.useFakeTimers()
    let writes = 0
    const w = new DebouncedWriter(() => writes++, 500)
    for (let i = 0; i < 10; i++) {
      w.changed()
      vi.advanceTimersByTime(100)
    }
    expect(writes).toBe(0)
    vi.advanceTimersByTime(500)
    expect(writes).toBe(1)
    w.changed()
    w.flush()
    expect(writes).toBe(2)
    expect(w.pending).toBe(false)
  })
})
