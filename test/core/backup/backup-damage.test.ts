// A wrong credential, a truncated file and a flipped byte anywhere in a backup are each refused
// with their own clear CairnError, and a failed restore writes nothing.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  openBackup,
  readBackupInfo,
  type BackupCredential,
} from '../../../src-main/core/backup/backup-reader.ts'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { restoreBackup } from '../../../src-main/core/backup/restore.ts'
import { CairnError } from '../../../src-main/core/errors.ts'
import { tempDir } from '../vault/vault-fixtures.ts'
import { FAST_KDF, PASSPHRASE, listing, password, populatedVault } from './backup-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let slotsBackup: Buffer
let passBackup: Buffer
const passphrase = { kind: 'backup-passphrase', passphrase: PASSPHRASE } as const

beforeAll(async () => {
  tmp = tempDir()
  const v = await populatedVault(tmp.file('v.cairn'))
  await writeBackup(v, tmp.file('slots.cairnbackup'), {
    protection: { kind: 'vault-slots' },
    chunkSize: 1024,
  })
  await writeBackup(v, tmp.file('pass.cairnbackup'), {
    protection: { kind: 'passphrase', passphrase: PASSPHRASE, unsafeKdfParamsForTests: FAST_KDF },
    chunkSize: 1024,
  })
  v.lock()
  slotsBackup = readFileSync(tmp.file('slots.cairnbackup'))
  passBackup = readFileSync(tmp.file('pass.cairnbackup'))
})
afterAll(() => tmp.cleanup())

async function failure(p: Promise<unknown>): Promise<CairnError> {
  try {
    await p
  } catch (e) {
    if (e instanceof CairnError) return e
    throw e
  }
  throw new Error('expected a CairnError')
}

/** Restores `bytes` as a backup file and returns the error; asserts nothing was written. */
async function restoreFails(
  bytes: Buffer,
  credential: BackupCredential = password,
  name = 'damaged',
): Promise<CairnError> {
  const path = tmp.file(`${name}.cairnbackup`)
  writeFileSync(path, bytes)
  const before = listing(tmp.dir)
  const error = await failure(
    restoreBackup(path, tmp.file('restored.cairn'), credential, {
      newPassword: 'new',
      unsafeKdfParamsForTests: FAST_KDF,
    }),
  )
  expect(listing(tmp.dir)).toEqual(before)
  return error
}

describe('backup damage and wrong credentials', () => {
  it('a wrong vault password or recovery key is WRONG_PASSWORD / WRONG_CREDENTIAL', async () => {
    const e = await restoreFails(slotsBackup, { kind: 'password', password: 'not it' })
    expect(e.code).toBe('WRONG_PASSWORD')
    const k = await restoreFails(slotsBackup, { kind: 'recovery-key', key: 'AAAA-BBBB' })
    expect(k.code).toBe('WRONG_CREDENTIAL')
  })

  it('a wrong backup passphrase is WRONG_PASSWORD, naming the backup passphrase', async () => {
    const e = await restoreFails(passBackup, { kind: 'backup-passphrase', passphrase: 'nope' })
    expect(e.code).toBe('WRONG_PASSWORD')
    expect(e.message).toMatch(/backup passphrase/)
  })

  it('the wrong kind of secret for the protection says which one is needed', async () => {
    expect((await restoreFails(passBackup, password)).message).toMatch(/backup passphrase/)
    expect((await restoreFails(slotsBackup, passphrase)).message).toMatch(/master password/)
  })

  it('a truncated file is MALFORMED_BACKUP "truncated", at every kind of cut', async () => {
    const cuts = [0, 5, 15, 40, 200, slotsBackup.length - 1100, slotsBackup.length - 1040]
    cuts.push(slotsBackup.length - 17, slotsBackup.length - 1)
    for (const cut of cuts) {
      const e = await restoreFails(slotsBackup.subarray(0, cut))
      expect(e.code, `cut at ${cut}`).toBe('MALFORMED_BACKUP')
      expect(e.message, `cut at ${cut}`).toMatch(cut === 0 ? /not a Cairn backup/ : /truncated/)
    }
  })

  it('a chunk-aligned truncation with a doctored header and checksum is still caught', async () => {
    // Rewrite the header as if the payload ended one chunk earlier, with a matching checksum: the
    // header hash is every chunk's associated data (and the last chunk left is not flagged final).
    const { createHash } = await import('node:crypto')
    const headerLength = slotsBackup.readUInt32BE(12)
    const header = JSON.parse(slotsBackup.subarray(16, 16 + headerLength).toString('utf8'))
    const chunks = Math.ceil(header.payloadLength / header.chunkSize)
    expect(chunks).toBeGreaterThan(1)
    const keptChunks = chunks - 1
    const forged = { ...header, payloadLength: keptChunks * header.chunkSize }
    const json = Buffer.from(JSON.stringify(forged))
    const prelude = Buffer.from(slotsBackup.subarray(0, 16))
    prelude.writeUInt32BE(json.length, 12)
    const hash = createHash('sha256').update(prelude).update(json).digest()
    const body = slotsBackup.subarray(16 + headerLength + 32)
    const kept = body.subarray(0, keptChunks * (header.chunkSize + 16))
    const e = await restoreFails(Buffer.concat([prelude, json, hash, kept]))
    // The changed header hash is the chunks' associated data: they no longer authenticate.
    expect(e.code).toBe('MALFORMED_BACKUP')
  })

  it('appended bytes are MALFORMED_BACKUP', async () => {
    const e = await restoreFails(Buffer.concat([slotsBackup, Buffer.from([0])]))
    expect(e.code).toBe('MALFORMED_BACKUP')
    expect(e.message).toMatch(/unexpected bytes/)
  })

  it.each([
    ['vault-slots', () => slotsBackup, password],
    ['passphrase', () => passBackup, passphrase],
  ] as const)(
    'every single flipped byte of a %s backup is MALFORMED_BACKUP',
    async (_, bytes, credential) => {
      const original = bytes()
      const path = tmp.file('flipped.cairnbackup')
      const codes = new Map<string, number>()
      for (let i = 0; i < original.length; i++) {
        const copy = Buffer.from(original)
        copy[i] = copy[i]! ^ 0x01
        writeFileSync(path, copy)
        const e = await failure(openBackup(path, credential))
        codes.set(e.code, (codes.get(e.code) ?? 0) + 1)
        if (e.code !== 'MALFORMED_BACKUP') throw new Error(`byte ${i}: ${e.code} ${e.message}`)
      }
      expect([...codes.keys()]).toEqual(['MALFORMED_BACKUP'])
      const e = await restoreFails(
        Buffer.from(original).fill(0x55, original.length - 5),
        credential,
      )
      expect(e.message).toMatch(/damaged: part \d+ of \d+ failed authentication/)
    },
  )

  it('a foreign file and a missing file are named as such', async () => {
    const e = await restoreFails(Buffer.from('SQLite format 3\0 and so on'))
    expect(e.message).toMatch(/not a Cairn backup/)
    expect(() => readBackupInfo(tmp.file('missing'))).toThrow(/No backup file/)
  })

  it('a newer format version is NEWER_FORMAT when its header is intact', async () => {
    const { createHash } = await import('node:crypto')
    const headerLength = slotsBackup.readUInt32BE(12)
    const head = Buffer.from(slotsBackup.subarray(0, 16 + headerLength))
    head.writeUInt32BE(2, 8)
    const hash = createHash('sha256').update(head).digest()
    const e = await restoreFails(
      Buffer.concat([head, hash, slotsBackup.subarray(16 + headerLength + 32)]),
    )
    expect(e.code).toBe('NEWER_FORMAT')
  })
})
