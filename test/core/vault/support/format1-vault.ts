// Writes a version-1 vault file as docs/vault-format.md section 11 describes it (the rows and the
// manifest sealed with the vault key itself, no slot set), so the upgrade to version 2 can be
// tested on real files.
import Database from 'better-sqlite3'
import { aesKey } from '../../../../src-main/core/crypto/aes-gcm.ts'
import { randomBytes, randomId } from '../../../../src-main/core/crypto/random.ts'
import type { ItemData } from '../../../../src-main/core/vault/item-types.ts'
import { newVersionId, sealItem } from '../../../../src-main/core/vault/item-rows.ts'
import {
  INSERT_SLOT_SQL,
  createSlot,
  credentialSecret,
} from '../../../../src-main/core/vault/key-slots.ts'
import { Manifest, UPSERT_MANIFEST_SQL } from '../../../../src-main/core/vault/manifest.ts'
import { CAIRN_APPLICATION_ID, SCHEMA_V1 } from '../../../../src-main/core/vault/vault-format.ts'

export const FORMAT1_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }

export async function writeFormat1Vault(
  path: string,
  password: string,
  items: ItemData[],
): Promise<{ vaultId: string; ids: string[] }> {
  const vaultId = randomId()
  const key = randomBytes(32)
  const rowKey = aesKey(key)
  const slot = await createSlot(vaultId, key, {
    kind: 'password',
    label: 'Master password',
    secret: credentialSecret({ kind: 'password', password }),
    kdf: { name: 'argon2id', params: FORMAT1_KDF },
    createdAt: Date.now(),
  })
  const db = new Database(path)
  try {
    db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`)
    db.pragma('user_version = 1')
    db.pragma('journal_mode = WAL')
    const ids: string[] = []
    db.transaction(() => {
      db.exec(SCHEMA_V1)
      db.prepare(
        'INSERT INTO vault_header (singleton, vault_id, name, format_version, created_at) VALUES (1, ?, ?, 1, ?)',
      ).run(vaultId, 'Format 1 vault', Date.now())
      db.prepare(INSERT_SLOT_SQL).run(slot)
      const entries = new Map<string, { kind: 'item'; revision: number }>()
      for (const data of items) {
        const now = Date.now()
        const header = {
          id: randomId(),
          revision: 1,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        }
        db.prepare(
          `INSERT INTO items (id, revision, created_at, updated_at, deleted_at, nonce, ciphertext)
           VALUES (@id, @revision, @createdAt, @updatedAt, @deletedAt, @nonce, @ciphertext)`,
        ).run(sealItem(rowKey, vaultId, header, data, [newVersionId()]))
        entries.set(header.id, { kind: 'item', revision: 1 })
        ids.push(header.id)
      }
      db.prepare(UPSERT_MANIFEST_SQL).run(Manifest.fromEntries(entries).seal(rowKey, vaultId))
    })()
    return { vaultId, ids }
  } finally {
    db.close()
    key.fill(0)
  }
}
