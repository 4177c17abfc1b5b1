// The plaintext inside a backup: one UTF-8 JSON document with the vault's header, every item
// (trash included, with its lineage) and the tombstones. Decoding checks every item like the vault
// does, so a restore can never write something the vault would not.
import { CairnError } from '../errors.ts'
import type { RowData, StoredRecord, Tombstone } from '../vault/item-types.ts'
import { parseLineage, type VersionedRecord } from '../vault/item-rows.ts'
import { isCanonicalId as isId } from '../vault/manifest.ts'
import { validateRowData } from '../vault/item-validation.ts'
import { malformed } from './backup-format.ts'

export interface BackupVaultInfo {
  id: string
  name: string
  createdAt: number
}

export interface BackupPayload {
  vault: BackupVaultInfo
  /** Unix ms when the backup was made. */
  exportedAt: number
  items: VersionedRecord[]
  tombstones: Tombstone[]
}

/** The payload's JSON bytes (the caller wipes them once encrypted). */
export function encodePayload(p: BackupPayload): Buffer {
  const doc = {
    format: 1,
    vault: { id: p.vault.id, name: p.vault.name, createdAt: p.vault.createdAt },
    exportedAt: p.exportedAt,
    items: p.items.map(({ record: r, lineage }) => ({
      id: r.id,
      revision: r.revision,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      deletedAt: r.deletedAt,
      lineage,
      data: r.data,
    })),
    tombstones: p.tombstones.map((t) => ({ id: t.id, revision: t.revision, purgedAt: t.purgedAt })),
  }
  return Buffer.from(JSON.stringify(doc), 'utf8')
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

function item(v: unknown, i: number): VersionedRecord {
  if (
    !isObj(v) ||
    !isId(v.id) ||
    !isInt(v.revision) ||
    v.revision < 1 ||
    !isInt(v.createdAt) ||
    !isInt(v.updatedAt) ||
    !(v.deletedAt === null || isInt(v.deletedAt))
  ) {
    throw malformed(`The backup's item ${i + 1} is malformed`)
  }
  const lineage = parseLineage(v.lineage)
  if (
    !Array.isArray(v.lineage) ||
    lineage.length !== v.lineage.length ||
    new Set(lineage).size !== lineage.length
  ) {
    throw malformed(`The backup's item ${v.id} has a malformed lineage`)
  }
  let data: RowData
  try {
    data = validateRowData(v.data)
  } catch (e) {
    const why = e instanceof CairnError ? `: ${e.message}` : ''
    throw malformed(`The backup's item ${v.id} is not a valid item${why}`)
  }
  return {
    record: {
      id: v.id,
      revision: v.revision,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      deletedAt: v.deletedAt as number | null,
      data,
    } as StoredRecord,
    lineage,
  }
}

function tombstone(v: unknown, i: number): Tombstone {
  if (!isObj(v) || !isId(v.id) || !isInt(v.revision) || !isInt(v.purgedAt)) {
    throw malformed(`The backup's tombstone ${i + 1} is malformed`)
  }
  return { id: v.id, revision: v.revision, purgedAt: v.purgedAt }
}

/**
 * Every id once: an item twice, a tombstone twice, or an id that is both an item and a tombstone
 * cannot come from a vault (its tables key rows by id), so the backup is malformed, not restorable.
 */
function refuseDuplicates(
  items: readonly VersionedRecord[],
  tombstones: readonly Tombstone[],
): void {
  const itemIds = new Set<string>()
  for (const { record } of items) {
    if (itemIds.has(record.id)) throw malformed(`The backup lists item ${record.id} twice`)
    itemIds.add(record.id)
  }
  const tombIds = new Set<string>()
  for (const t of tombstones) {
    if (tombIds.has(t.id)) throw malformed(`The backup lists the deletion of ${t.id} twice`)
    if (itemIds.has(t.id)) {
      throw malformed(`The backup lists ${t.id} both as an item and as deleted`)
    }
    tombIds.add(t.id)
  }
}

/** Parses authenticated payload bytes; `vaultId` is the header's (they must agree). */
export function decodePayload(bytes: Buffer, vaultId: string): BackupPayload {
  let doc: unknown
  try {
    doc = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw malformed('The backup decrypted, but its contents are not JSON')
  }
  if (
    !isObj(doc) ||
    doc.format !== 1 ||
    !isObj(doc.vault) ||
    !Array.isArray(doc.items) ||
    !Array.isArray(doc.tombstones) ||
    !isInt(doc.exportedAt)
  ) {
    throw malformed('The backup decrypted, but its contents are not a Cairn backup')
  }
  const v = doc.vault
  if (!isId(v.id) || typeof v.name !== 'string' || !isInt(v.createdAt) || v.id !== vaultId) {
    throw malformed("The backup's vault description is malformed")
  }
  const items = doc.items.map(item)
  const tombstones = doc.tombstones.map(tombstone)
  refuseDuplicates(items, tombstones)
  return {
    vault: { id: v.id, name: v.name, createdAt: v.createdAt },
    exportedAt: doc.exportedAt,
    items,
    tombstones,
  }
}
