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

/** The label and vault id fields, the same for every row of a vault: encoded once. */
let itemPrefix: { vaultUuid: string; bytes: Buffer } | null = null

function itemAadPrefix(vaultUuid: string): Buffer {
  if (itemPrefix?.vaultUuid !== vaultUuid) {
    itemPrefix = { vaultUuid, bytes: encodeFields(['cairn.item.v1', vaultUuid]) }
  }
  return itemPrefix.bytes
}

/** An 8-byte big-endian two's-complement field, written without a BigInt (list() runs this per row). */
function writeInt64Field(out: Buffer, at: number, n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`)
  out.writeUInt32BE(8, at)
  out.writeInt32BE(Math.floor(n / 2 ** 32), at + 4)
  out.writeUInt32BE(n >>> 0, at + 8)
  return at + 12
}

/** encodeFields(['cairn.item.v1', vault id, id, revision, created, updated, deleted or null]). */
export function itemAad(vaultUuid: string, row: ItemRowHeader): Buffer {
  const prefix = itemAadPrefix(vaultUuid)
  const idBytes = Buffer.byteLength(row.id, 'utf8')
  const size = prefix.length + 4 + idBytes + 3 * 12 + (row.deletedAt === null ? 4 : 12)
  const out = Buffer.allocUnsafe(size)
  let at = prefix.copy(out, 0)
  at = out.writeUInt32BE(idBytes, at)
  at += out.write(row.id, at, 'utf8')
  at = writeInt64Field(out, at, row.revision)
  at = writeInt64Field(out, at, row.createdAt)
  at = writeInt64Field(out, at, row.updatedAt)
  if (row.deletedAt === null) out.writeUInt32BE(0, at)
  else writeInt64Field(out, at, row.deletedAt)
  return out
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
