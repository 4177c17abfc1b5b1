// Encrypting and decrypting item and tombstone rows. An item's whole ItemData (type included) is
// one JSON document sealed with the vault key; its associated data binds the vault id and every
// clear column, so an edited, swapped or replayed row fails authentication.
import { AuthenticationError, open, seal, type AesKey } from '../crypto/aes-gcm.ts'
import { wipe } from '../crypto/wipe.ts'
import { itemAad, tombstoneAad, type ItemRowHeader } from './associated-data.ts'
import { checkStoredItem } from './item-validation.ts'
import type { DamagedRow, ItemData, ItemRecord, Tombstone } from './item-types.ts'

export interface ItemRow extends ItemRowHeader {
  nonce: Buffer
  ciphertext: Buffer
}

export interface TombstoneRow extends Tombstone {
  nonce: Buffer
  tag: Buffer
}

export const ITEM_COLUMNS =
  'id, revision, created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt, nonce, ciphertext'

export const TOMBSTONE_COLUMNS = 'id, revision, purged_at AS purgedAt, nonce, tag'

export function sealItem(
  key: AesKey,
  vaultId: string,
  header: ItemRowHeader,
  data: ItemData,
): ItemRow {
  const plaintext = Buffer.from(JSON.stringify(data), 'utf8')
  try {
    const { nonce, ciphertext } = seal(key, plaintext, itemAad(vaultId, header))
    return { ...header, nonce, ciphertext }
  } finally {
    wipe(plaintext)
  }
}

const AUTH_FAILED =
  'failed authentication: the row was edited, swapped, replayed from an older revision or damaged'

export function openItem(key: AesKey, vaultId: string, row: ItemRow): ItemRecord | DamagedRow {
  let plaintext: Buffer
  try {
    plaintext = open(key, row.nonce, row.ciphertext, itemAad(vaultId, row))
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError)
      return { id: row.id, reason: AUTH_FAILED }
    throw e
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(plaintext.toString('utf8'))
  } catch {
    return { id: row.id, reason: 'decrypted but is not JSON' }
  } finally {
    wipe(plaintext)
  }
  const data = checkStoredItem(parsed)
  if ('invalid' in data)
    return { id: row.id, reason: `decrypted but is not a valid item: ${data.invalid}` }
  return {
    id: row.id,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    data,
  }
}

/** True when the row authenticates, whatever its JSON holds (resealManifest keeps such rows). */
export function itemAuthentic(key: AesKey, vaultId: string, row: ItemRow): boolean {
  try {
    wipe(open(key, row.nonce, row.ciphertext, itemAad(vaultId, row)))
    return true
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError) return false
    throw e
  }
}

export function isDamaged(r: ItemRecord | DamagedRow): r is DamagedRow {
  return 'reason' in r
}

export function sealTombstone(key: AesKey, vaultId: string, t: Tombstone): TombstoneRow {
  const { nonce, ciphertext } = seal(key, Buffer.alloc(0), tombstoneAad(vaultId, t))
  return { ...t, nonce, tag: ciphertext }
}

export function tombstoneAuthentic(key: AesKey, vaultId: string, row: TombstoneRow): boolean {
  try {
    open(key, row.nonce, row.tag, tombstoneAad(vaultId, row))
    return true
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError) return false
    throw e
  }
}
