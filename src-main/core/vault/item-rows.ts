// Encrypting and decrypting item and tombstone rows. An item's whole ItemData (type included) is
// one JSON document sealed with the vault key; its associated data binds the vault id and every
// clear column, so an edited, swapped or replayed row fails authentication.
//
// Next to the item's members the JSON carries `lineage`: random ids of the row's latest versions,
// newest first. A merge uses it to tell "one copy only moved ahead" from "both copies changed".
import { AuthenticationError, open, seal, type AesKey } from '../crypto/aes-gcm.ts'
import { randomBytes } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { itemAad, tombstoneAad, type ItemRowHeader } from './associated-data.ts'
import { checkStoredItem } from './item-validation.ts'
import type { DamagedRow, RowData, StoredRecord, Tombstone } from './item-types.ts'

export interface ItemRow extends ItemRowHeader {
  nonce: Buffer
  ciphertext: Buffer
}

export interface TombstoneRow extends Tombstone {
  nonce: Buffer
  tag: Buffer
}

/** Version ids of an item, newest first (the first names the stored version). */
export type Lineage = readonly string[]

/** An item together with its lineage: what backups carry and merges compare. */
export interface VersionedRecord {
  record: StoredRecord
  lineage: Lineage
}

/** How many versions back a row remembers; a longer divergence merges as a conflict (safe). */
export const MAX_LINEAGE = 20

const VERSION_ID = /^[A-Za-z0-9_-]{8,32}$/

/** A fresh random version id (64 bits, base64url). */
export function newVersionId(): string {
  return randomBytes(8).toString('base64url')
}

/** The lineage of the next version of a row whose lineage is `previous`. */
export function nextLineage(previous: Lineage): string[] {
  return [newVersionId(), ...previous].slice(0, MAX_LINEAGE)
}

/** A stored lineage if well-formed; anything else counts as no history (merge then keeps both). */
export function parseLineage(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_LINEAGE) return []
  return value.every((v) => typeof v === 'string' && VERSION_ID.test(v)) ? [...value] : []
}

/**
 * Item plaintext is padded with ASCII spaces (which JSON ignores) to a whole number of buckets, so
 * the file shows an item's size only to the nearest bucket: a password a few characters longer
 * leaves the ciphertext length unchanged.
 */
export const PAD_BUCKET_BYTES = 256

function padded(json: string): Buffer {
  const bytes = Buffer.byteLength(json, 'utf8')
  const size = Math.max(1, Math.ceil(bytes / PAD_BUCKET_BYTES)) * PAD_BUCKET_BYTES
  const out = Buffer.alloc(size, 0x20)
  out.write(json, 0, 'utf8')
  return out
}

/** Where the trailing padding starts: JSON ignores it, so it is neither decoded nor parsed. */
function withoutPadding(plaintext: Buffer): number {
  let end = plaintext.length
  while (end > 0 && plaintext[end - 1] === 0x20) end--
  return end
}

export function sealItem(
  key: AesKey,
  vaultUuid: string,
  header: ItemRowHeader,
  data: RowData,
  lineage: Lineage,
): ItemRow {
  const doc = lineage.length ? { ...data, lineage } : data
  const plaintext = padded(JSON.stringify(doc))
  try {
    const { nonce, ciphertext } = seal(key, plaintext, itemAad(vaultUuid, header))
    return { ...header, nonce, ciphertext }
  } finally {
    wipe(plaintext)
  }
}

let rowsDecrypted = 0

/**
 * How many item rows this process has decrypted: what shows that a lookup through the search
 * index opened only the items it needed.
 */
export function itemRowsDecrypted(): number {
  return rowsDecrypted
}

const AUTH_FAILED =
  'failed authentication: the row was edited, swapped, replayed from an older revision or damaged'

export function openItem(key: AesKey, vaultUuid: string, row: ItemRow): StoredRecord | DamagedRow {
  const opened = openVersionedItem(key, vaultUuid, row)
  return 'reason' in opened ? opened : opened.record
}

const isInt = (n: unknown): n is number => Number.isSafeInteger(n)

/**
 * Every column of the type the schema gives it. A damaged page can turn a blob into text or an
 * integer into a real, even in a STRICT table; such a row is damaged, never a crash.
 */
export function itemRowWellFormed(row: ItemRow): boolean {
  return (
    typeof row.id === 'string' &&
    isInt(row.revision) &&
    isInt(row.createdAt) &&
    isInt(row.updatedAt) &&
    (row.deletedAt === null || isInt(row.deletedAt)) &&
    Buffer.isBuffer(row.nonce) &&
    Buffer.isBuffer(row.ciphertext)
  )
}

export function openVersionedItem(
  key: AesKey,
  vaultUuid: string,
  row: ItemRow,
): VersionedRecord | DamagedRow {
  if (!itemRowWellFormed(row)) return { id: String(row.id), reason: AUTH_FAILED }
  let plaintext: Buffer
  rowsDecrypted++
  try {
    plaintext = open(key, row.nonce, row.ciphertext, itemAad(vaultUuid, row))
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError)
      return { id: row.id, reason: AUTH_FAILED }
    throw e
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(plaintext.toString('utf8', 0, withoutPadding(plaintext)))
  } catch {
    return { id: row.id, reason: 'decrypted but is not JSON' }
  } finally {
    wipe(plaintext)
  }
  const data = checkStoredItem(parsed)
  if ('invalid' in data)
    return { id: row.id, reason: `decrypted but is not a valid item: ${data.invalid}` }
  const record = {
    id: row.id,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    data,
  } as StoredRecord
  return { record, lineage: parseLineage((parsed as { lineage?: unknown }).lineage) }
}

/** True when the row authenticates, whatever its JSON holds (resealManifest keeps such rows). */
export function itemAuthentic(key: AesKey, vaultUuid: string, row: ItemRow): boolean {
  if (!itemRowWellFormed(row)) return false
  rowsDecrypted++
  try {
    wipe(open(key, row.nonce, row.ciphertext, itemAad(vaultUuid, row)))
    return true
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError) return false
    throw e
  }
}

export function isDamaged<T extends object>(r: T | DamagedRow): r is DamagedRow {
  return 'reason' in r
}

export function sealTombstone(key: AesKey, vaultUuid: string, t: Tombstone): TombstoneRow {
  const { nonce, ciphertext } = seal(key, Buffer.alloc(0), tombstoneAad(vaultUuid, t))
  return { ...t, nonce, tag: ciphertext }
}

export function tombstoneAuthentic(key: AesKey, vaultUuid: string, row: TombstoneRow): boolean {
  const wellFormed =
    typeof row.id === 'string' &&
    isInt(row.revision) &&
    isInt(row.purgedAt) &&
    Buffer.isBuffer(row.nonce) &&
    Buffer.isBuffer(row.tag)
  if (!wellFormed) return false
  try {
    open(key, row.nonce, row.tag, tombstoneAad(vaultUuid, row))
    return true
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError) return false
    throw e
  }
}
