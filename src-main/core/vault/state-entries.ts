// The version-2 vault state: one plain row per item row or tombstone (id, kind, revision) in
// state_entries, and one sealed head in the manifest table holding the entry count, a write counter
// and a keyed, order-independent digest over every entry. A write changes its entries and the head
// only, so its cost does not grow with the vault; opening recomputes the digest over all entries
// once. The digest's terms are never stored, so no one without the state key can make a changed
// set of entries (a row put back, deleted or added, an older head) match. Layout:
// docs/vault-format.md section 7.
import { createCipheriv, createHmac } from 'node:crypto'
import { AuthenticationError, open, seal, type AesKey } from '../crypto/aes-gcm.ts'
import { encodeFields } from './field-encoding.ts'
import {
  MANIFEST_ENTRY_BYTES,
  Manifest,
  type ManifestEntry,
  type ManifestKind,
} from './manifest.ts'
import type { Db } from './sqlite-file.ts'

export const DIGEST_BYTES = 16
const HEAD_BYTES = 8 + 8 + DIGEST_BYTES
const KIND_CODES: Record<ManifestKind, number> = { item: 1, tombstone: 2 }

export interface StateHead {
  /** Entries in state_entries. */
  count: number
  /** Incremented by every write: a head put back from an older copy has a smaller one. */
  counter: number
  /** XOR of every entry's term (see entryTerms). */
  digest: Buffer
}

export interface VerifiedState {
  manifest: Manifest
  head: StateHead
}

export function stateHeadAad(vaultUuid: string): Buffer {
  return encodeFields(['cairn.state-head.v2', vaultUuid])
}

/** The AES-256 key of the digest: HMAC-SHA256(state key, fields("cairn.state-digest.v2", vault id)). */
export function digestKey(stateKey: AesKey, vaultUuid: string): Buffer {
  return createHmac('sha256', stateKey)
    .update(encodeFields(['cairn.state-digest.v2', vaultUuid]))
    .digest()
}

function ecb(key: Buffer, blocks: Buffer): Buffer {
  const c = createCipheriv('aes-256-ecb', key, null)
  c.setAutoPadding(false)
  return Buffer.concat([c.update(blocks), c.final()])
}

/**
 * XOR of the terms of the 25-byte entries in `bytes` (manifest layout). An entry's term is the
 * two-block CBC-MAC AES(k, AES(k, id) XOR (kind || revision || 7 zero bytes)): a PRF on the fixed
 * 32-byte input, computed for all entries with two batched AES calls.
 */
export function digestOf(key: Buffer, bytes: Buffer): Buffer {
  const n = bytes.length / MANIFEST_ENTRY_BYTES
  const first = Buffer.allocUnsafe(n * 16)
  const second = Buffer.alloc(n * 16)
  for (let i = 0; i < n; i++) {
    const at = i * MANIFEST_ENTRY_BYTES
    bytes.copy(first, i * 16, at, at + 16)
    bytes.copy(second, i * 16, at + 16, at + MANIFEST_ENTRY_BYTES)
  }
  const chained = ecb(key, first)
  for (let i = 0; i < chained.length; i++) chained[i]! ^= second[i]!
  const terms = ecb(key, chained)
  const digest = Buffer.alloc(DIGEST_BYTES)
  for (let i = 0; i < terms.length; i++) digest[i & 15]! ^= terms[i]!
  return digest
}

function entryBytes(id: string, e: ManifestEntry): Buffer {
  return Manifest.fromEntries(new Map([[id, e]])).bytes()
}

function encodeHead(h: StateHead): Buffer {
  const out = Buffer.alloc(HEAD_BYTES)
  out.writeBigUInt64BE(BigInt(h.count), 0)
  out.writeBigUInt64BE(BigInt(h.counter), 8)
  h.digest.copy(out, 16)
  return out
}

function decodeHead(b: Buffer): StateHead | null {
  if (b.length !== HEAD_BYTES) return null
  const count = b.readBigUInt64BE(0)
  const counter = b.readBigUInt64BE(8)
  if (count > BigInt(Number.MAX_SAFE_INTEGER) || counter > BigInt(Number.MAX_SAFE_INTEGER)) {
    return null
  }
  return { count: Number(count), counter: Number(counter), digest: Buffer.from(b.subarray(16)) }
}

const SELECT_HEAD_SQL = 'SELECT nonce, ciphertext FROM manifest WHERE singleton = 1'
const UPSERT_HEAD_SQL =
  'INSERT OR REPLACE INTO manifest (singleton, nonce, ciphertext) VALUES (1, @nonce, @ciphertext)'
const UPSERT_ENTRY_SQL =
  'INSERT OR REPLACE INTO state_entries (id, kind, revision) VALUES (?, ?, ?)'

/** The head row if it authenticates and is well-formed, with the nonce it is stored under. */
export function readHead(
  db: Db,
  stateKey: AesKey,
  vaultUuid: string,
): { head: StateHead; nonce: Buffer } | null {
  const row = db.prepare(SELECT_HEAD_SQL).get() as { nonce: Buffer; ciphertext: Buffer } | undefined
  if (!row) return null
  try {
    const head = decodeHead(open(stateKey, row.nonce, row.ciphertext, stateHeadAad(vaultUuid)))
    return head && { head, nonce: row.nonce }
  } catch (e) {
    if (e instanceof AuthenticationError) return null
    throw e
  }
}

const HEX_VALUE = Int8Array.from({ length: 128 }, (_, c) => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10
  return -1
})

/**
 * Writes the 16 bytes of a canonical lower-case UUID at `at`; false (and nothing meaningful
 * written) when `id` is not one. Equivalent to isCanonicalId plus a hex decode, in one pass: the
 * state of a large vault holds an entry per row.
 */
function writeCanonicalId(out: Buffer, at: number, id: unknown): boolean {
  if (typeof id !== 'string' || id.length !== 36) return false
  let w = at
  for (let i = 0; i < 36;) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== 0x2d) return false
      i++
      continue
    }
    const hi = HEX_VALUE[id.charCodeAt(i)] ?? -1
    const lo = HEX_VALUE[id.charCodeAt(i + 1)] ?? -1
    if (hi < 0 || lo < 0) return false
    out[w++] = (hi << 4) | lo
    i += 2
  }
  return true
}

/**
 * Every entry, if the head authenticates and its count and digest match the entries exactly;
 * null otherwise (a row put back, deleted or added, or an older head).
 */
export function readVerifiedState(
  db: Db,
  stateKey: AesKey,
  vaultUuid: string,
): (VerifiedState & { nonce: Buffer }) | null {
  const read = readHead(db, stateKey, vaultUuid)
  if (!read) return null
  // In id order (the primary key's index); the order is checked below, never trusted.
  let rows = db.prepare('SELECT id, kind, revision FROM state_entries ORDER BY id').raw().all() as [
    unknown,
    unknown,
    unknown,
  ][]
  if (rows.length !== read.head.count) return null
  if (!ascendingIds(rows)) {
    // A damaged index can hand the rows back out of order: sort them here instead.
    if (!rows.every(([id]) => typeof id === 'string')) return null
    rows = [...rows].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
    if (!ascendingIds(rows)) return null
  }
  const bytes = Buffer.allocUnsafe(rows.length * MANIFEST_ENTRY_BYTES)
  const ids: string[] = new Array<string>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const [id, kind, revision] = rows[i]!
    const at = i * MANIFEST_ENTRY_BYTES
    if (!writeCanonicalId(bytes, at, id) || (kind !== 1 && kind !== 2)) return null
    if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) return null
    bytes[at + 16] = kind
    bytes.writeUInt32BE(Math.floor(revision / 2 ** 32), at + 17)
    bytes.writeUInt32BE(revision % 2 ** 32, at + 21)
    ids[i] = id as string
  }
  if (!digestOf(digestKey(stateKey, vaultUuid), bytes).equals(read.head.digest)) return null
  return { manifest: Manifest.fromSorted(ids, bytes), head: read.head, nonce: read.nonce }
}

/** Canonical ids sort as text like their bytes, so ascending text means ascending entries. */
function ascendingIds(rows: readonly [unknown, unknown, unknown][]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]![0]
    const b = rows[i]![0]
    if (typeof a !== 'string' || typeof b !== 'string' || !(a < b)) return false
  }
  return true
}

function putHead(db: Db, stateKey: AesKey, vaultUuid: string, head: StateHead): Buffer {
  const row = seal(stateKey, encodeHead(head), stateHeadAad(vaultUuid))
  db.prepare(UPSERT_HEAD_SQL).run(row)
  return row.nonce
}

/** Replaces every entry and the head (new vault, accepting the current rows, new state key). */
export function writeWholeState(
  db: Db,
  stateKey: AesKey,
  vaultUuid: string,
  manifest: Manifest,
  counter: number,
): VerifiedState & { nonce: Buffer } {
  db.prepare('DELETE FROM state_entries').run()
  const put = db.prepare(UPSERT_ENTRY_SQL)
  for (const [id, e] of manifest.ids()) put.run(id, KIND_CODES[e.kind], e.revision)
  const head: StateHead = {
    count: manifest.size,
    counter,
    digest: digestOf(digestKey(stateKey, vaultUuid), manifest.bytes()),
  }
  return { manifest, head, nonce: putHead(db, stateKey, vaultUuid, head) }
}

/**
 * Sets `changes` on a verified state: one row per change and the head, with the digest updated
 * by removing each replaced entry's term and adding the new one.
 */
export function writeStateChanges(
  db: Db,
  stateKey: AesKey,
  vaultUuid: string,
  current: VerifiedState,
  changes: ReadonlyMap<string, ManifestEntry>,
): VerifiedState & { nonce: Buffer } {
  const key = digestKey(stateKey, vaultUuid)
  const digest = Buffer.from(current.head.digest)
  let count = current.head.count
  const put = db.prepare(UPSERT_ENTRY_SQL)
  for (const [id, e] of changes) {
    const old = current.manifest.get(id)
    const term = digestOf(key, entryBytes(id, e))
    if (old) {
      const oldTerm = digestOf(key, entryBytes(id, old))
      for (let i = 0; i < DIGEST_BYTES; i++) term[i]! ^= oldTerm[i]!
    } else {
      count++
    }
    for (let i = 0; i < DIGEST_BYTES; i++) digest[i]! ^= term[i]!
    put.run(id, KIND_CODES[e.kind], e.revision)
  }
  const head: StateHead = { count, counter: current.head.counter + 1, digest }
  return {
    manifest: current.manifest.with(changes),
    head,
    nonce: putHead(db, stateKey, vaultUuid, head),
  }
}
