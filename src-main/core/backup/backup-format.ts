// The fixed layout of a backup file, version 1 (docs/backup-format.md is its prose form):
//
//   "CAIRNBAK" | u32 version | u32 header length H | header JSON (H bytes) | SHA-256 of all before
//   chunk 0 | chunk 1 | ... | final chunk          (each: AES-256-GCM ciphertext + 16-byte tag)
//
// Every chunk's nonce is noncePrefix (7 bytes) | u32 index | u8 final flag, and its associated
// data is the header hash, so reordering, dropping, appending or truncating chunks, and any change
// to the header, fails authentication.
import { createHash } from 'node:crypto'
import { CairnError } from '../errors.ts'
import { isSaneArgon2Params, type Argon2Params } from '../kdf/argon2-params.ts'
import { SLOT_KINDS, type SlotRow } from '../vault/key-slots.ts'

export const BACKUP_MAGIC = Buffer.from('CAIRNBAK', 'latin1')
export const BACKUP_FORMAT_VERSION = 1
/** magic + version + header length. */
export const PRELUDE_BYTES = 16
export const HEADER_HASH_BYTES = 32
export const MAX_HEADER_BYTES = 1024 * 1024
export const DEFAULT_CHUNK_SIZE = 64 * 1024
export const MIN_CHUNK_SIZE = 1024
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024
export const NONCE_PREFIX_BYTES = 7
export const CONTENT_SALT_BYTES = 32
export const KDF_SALT_BYTES = 16
export const TAG_BYTES = 16
/** HKDF info strings: the content key, and the passphrase check. */
export const CONTENT_KEY_INFO = 'cairn.backup.content.v1'
export const PASSPHRASE_CHECK_INFO = 'cairn.backup.check.v1'
/** Backups carry password and recovery-key slots; one-time codes could never be spent there. */
export const BACKUP_SLOT_KINDS = ['password', 'recovery-key'] as const

export type BackupProtection = 'vault-slots' | 'passphrase'

export interface PassphraseKdf {
  name: 'argon2id'
  params: Argon2Params
  salt: Buffer
  keyCheck: Buffer
}

export interface BackupHeader {
  protection: BackupProtection
  vaultId: string
  /** Unix ms when the backup was written. */
  createdAt: number
  chunkSize: number
  /** Plaintext bytes in all chunks together: the file's exact length follows from it. */
  payloadLength: number
  noncePrefix: Buffer
  /** HKDF salt of the content key. */
  salt: Buffer
  /** vault-slots: copies of the vault's password and recovery-key slots. */
  slots: SlotRow[]
  /** passphrase: how the passphrase becomes a key. */
  kdf: PassphraseKdf | null
}

export function malformed(message: string): CairnError {
  return new CairnError('MALFORMED_BACKUP', message)
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')

function slotJson(r: SlotRow): Record<string, unknown> {
  return {
    id: r.id,
    kind: r.kind,
    label: r.label,
    created_at: r.createdAt,
    last_used_at: r.lastUsedAt,
    kdf: r.kdf,
    kdf_params: r.kdfParams,
    salt: b64(r.salt),
    key_check: b64(r.keyCheck),
    nonce: b64(r.nonce),
    wrapped_key: b64(r.wrappedKey),
    digest: b64(r.digest),
  }
}

/** The header's JSON text; the member order is fixed, so the same header gives the same bytes. */
export function encodeHeader(h: BackupHeader): Buffer {
  const common = {
    format: BACKUP_FORMAT_VERSION,
    protection: h.protection,
    vaultId: h.vaultId,
    createdAt: h.createdAt,
    chunkSize: h.chunkSize,
    payloadLength: h.payloadLength,
    noncePrefix: b64(h.noncePrefix),
    salt: b64(h.salt),
  }
  const json =
    h.protection === 'vault-slots'
      ? { ...common, slots: h.slots.map(slotJson) }
      : {
          ...common,
          kdf: {
            name: 'argon2id',
            memoryKiB: h.kdf!.params.memoryKiB,
            iterations: h.kdf!.params.iterations,
            parallelism: h.kdf!.params.parallelism,
            salt: b64(h.kdf!.salt),
            keyCheck: b64(h.kdf!.keyCheck),
          },
        }
  return Buffer.from(JSON.stringify(json), 'utf8')
}

/** The bytes before the first chunk: prelude, header and header hash. */
export function encodeFileHead(h: BackupHeader): { head: Buffer; headerHash: Buffer } {
  const header = encodeHeader(h)
  const prelude = Buffer.alloc(PRELUDE_BYTES)
  BACKUP_MAGIC.copy(prelude, 0)
  prelude.writeUInt32BE(BACKUP_FORMAT_VERSION, 8)
  prelude.writeUInt32BE(header.length, 12)
  const headerHash = createHash('sha256').update(prelude).update(header).digest()
  return { head: Buffer.concat([prelude, header, headerHash]), headerHash }
}

/** How many chunks a payload takes: at least one (the final chunk), even when empty. */
export function chunkCount(payloadLength: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(payloadLength / chunkSize))
}

/** The exact number of bytes after the header hash. */
export function bodyLength(h: Pick<BackupHeader, 'payloadLength' | 'chunkSize'>): number {
  return h.payloadLength + chunkCount(h.payloadLength, h.chunkSize) * TAG_BYTES
}

export function chunkNonce(prefix: Uint8Array, index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12)
  nonce.set(prefix, 0)
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES)
  nonce[11] = final ? 1 : 0
  return nonce
}

// ---- Reading ------------------------------------------------------------------------------

type Obj = Record<string, unknown>

function field<T>(o: Obj, key: string, check: (v: unknown) => v is T, what: string): T {
  const v = o[key]
  if (!check(v)) throw malformed(`The backup header is damaged (${what})`)
  return v
}
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)

function bytes(o: Obj, key: string, length: number | [number, number], what: string): Buffer {
  const text = field(o, key, isStr, what)
  const [min, max] = typeof length === 'number' ? [length, length] : length
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text))
    throw malformed(`The backup header is damaged (${what})`)
  const out = Buffer.from(text, 'base64')
  if (out.length < min || out.length > max) {
    throw malformed(`The backup header is damaged (${what})`)
  }
  return out
}

function parseSlot(v: unknown, i: number): SlotRow {
  if (!isObj(v)) throw malformed(`The backup header is damaged (slot ${i})`)
  const what = `slot ${i}`
  const kind = field(v, 'kind', isStr, what)
  if (!(SLOT_KINDS as readonly string[]).includes(kind)) {
    throw malformed(`The backup header is damaged (slot ${i} has an unknown kind)`)
  }
  const lastUsed = v.last_used_at
  if (lastUsed !== null && !isInt(lastUsed))
    throw malformed(`The backup header is damaged (${what})`)
  return {
    id: field(v, 'id', isStr, what),
    kind,
    label: field(v, 'label', isStr, what),
    createdAt: field(v, 'created_at', isInt, what),
    lastUsedAt: lastUsed,
    kdf: field(v, 'kdf', isStr, what),
    kdfParams: field(v, 'kdf_params', isStr, what),
    salt: bytes(v, 'salt', [8, 64], what),
    keyCheck: bytes(v, 'key_check', 32, what),
    nonce: bytes(v, 'nonce', 12, what),
    wrappedKey: bytes(v, 'wrapped_key', 48, what),
    digest: bytes(v, 'digest', 32, what),
  }
}

/** Parses and checks the header JSON (already known to match its hash). */
export function decodeHeader(text: Buffer): BackupHeader {
  let json: unknown
  try {
    json = JSON.parse(text.toString('utf8'))
  } catch {
    throw malformed('The backup header is damaged (not JSON)')
  }
  if (!isObj(json)) throw malformed('The backup header is damaged (not an object)')
  if (json.format !== BACKUP_FORMAT_VERSION) {
    throw malformed('The backup header is damaged (format number)')
  }
  const protection = field(
    json,
    'protection',
    (v): v is BackupProtection => v === 'vault-slots' || v === 'passphrase',
    'protection',
  )
  const chunkSize = field(json, 'chunkSize', isInt, 'chunk size')
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw malformed('The backup header is damaged (chunk size)')
  }
  const header: BackupHeader = {
    protection,
    vaultId: field(json, 'vaultId', (v): v is string => isStr(v) && v.length > 0, 'vault id'),
    createdAt: field(json, 'createdAt', isInt, 'time'),
    chunkSize,
    payloadLength: field(json, 'payloadLength', (v): v is number => isInt(v) && v >= 0, 'length'),
    noncePrefix: bytes(json, 'noncePrefix', NONCE_PREFIX_BYTES, 'nonce prefix'),
    salt: bytes(json, 'salt', CONTENT_SALT_BYTES, 'salt'),
    slots: [],
    kdf: null,
  }
  if (protection === 'vault-slots') {
    const slots = field(json, 'slots', Array.isArray, 'slots')
    header.slots = slots.map(parseSlot)
    if (header.slots.length === 0) throw malformed('The backup header is damaged (no key slots)')
    if (new Set(header.slots.map((s) => s.id)).size !== header.slots.length) {
      throw malformed('The backup header is damaged (a key slot is listed twice)')
    }
  } else {
    const kdf = field(json, 'kdf', isObj, 'key derivation')
    const params = {
      memoryKiB: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
    }
    if (kdf.name !== 'argon2id' || !isSaneArgon2Params(params)) {
      throw malformed('The backup header is damaged (key derivation parameters)')
    }
    header.kdf = {
      name: 'argon2id',
      params,
      salt: bytes(kdf, 'salt', KDF_SALT_BYTES, 'key derivation salt'),
      keyCheck: bytes(kdf, 'keyCheck', 32, 'passphrase check'),
    }
  }
  return header
}
