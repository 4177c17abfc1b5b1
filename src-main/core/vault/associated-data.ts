// Associated data for every AES-GCM operation in the file. Each starts with a distinct label, so a
// ciphertext can never be moved between roles; see docs/vault-format.md for the byte layout.
import { encodeFields, int64 } from './field-encoding.ts'

export interface ItemRowHeader {
  id: string
  revision: number
  createdAt: number
  updatedAt: number
  deletedAt: number | null
}

export function itemAad(vaultUuid: string, row: ItemRowHeader): Buffer {
  return encodeFields([
    'cairn.item.v1',
    vaultUuid,
    row.id,
    int64(row.revision),
    int64(row.createdAt),
    int64(row.updatedAt),
    row.deletedAt === null ? null : int64(row.deletedAt),
  ])
}

export function tombstoneAad(
  vaultUuid: string,
  t: { id: string; revision: number; purgedAt: number },
): Buffer {
  return encodeFields(['cairn.tombstone.v1', vaultUuid, t.id, int64(t.revision), int64(t.purgedAt)])
}

export interface SlotBinding {
  id: string
  kind: string
  kdf: string
  /** The kdf_params column text, byte for byte. */
  kdfParams: string
  salt: Uint8Array
}

export function slotAad(vaultUuid: string, s: SlotBinding): Buffer {
  return encodeFields(['cairn.slot.v1', vaultUuid, s.id, s.kind, s.kdf, s.kdfParams, s.salt])
}

export function manifestAad(vaultUuid: string): Buffer {
  return encodeFields(['cairn.manifest.v1', vaultUuid])
}
