// The manifest: one row, sealed with the vault key, listing the id, kind and revision of every item
// row and tombstone. Each row authenticates on its own, so only the manifest can tell that a whole
// row was put back from an older copy, deleted, or added. Layout: docs/vault-format.md section 7.
import { AuthenticationError, open, seal, type AesKey, type Sealed } from '../crypto/aes-gcm.ts'
import { manifestAad } from './associated-data.ts'

/** 16-byte id, 1-byte kind, 8-byte big-endian revision. */
export const MANIFEST_ENTRY_BYTES = 25
const ID_BYTES = 16
const KIND_AT = 16
const REVISION_AT = 17
const KIND_CODES = { item: 1, tombstone: 2 } as const

export type ManifestKind = keyof typeof KIND_CODES

export interface ManifestEntry {
  kind: ManifestKind
  revision: number
}

const CANONICAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Item ids are UUIDs in canonical lower-case form: the only ids the manifest can hold. */
export function isCanonicalId(id: unknown): id is string {
  return typeof id === 'string' && CANONICAL_ID.test(id)
}

/**
 * A row's id as it may appear in what a person reads: the id is whatever the file says, so anything
 * but a canonical UUID (text written to mislead, say) is not repeated.
 */
export function shownId(id: string): string {
  return isCanonicalId(id) ? id : '(with an invalid id)'
}

function idBytes(id: string): Buffer {
  if (!isCanonicalId(id)) throw new RangeError('not a canonical UUID')
  return Buffer.from(id.replace(/-/g, ''), 'hex')
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1')
const UUID_CHARS = 36

/** The canonical text of every entry's id, written into one buffer (list() needs all of them). */
function idTexts(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe((bytes.length / MANIFEST_ENTRY_BYTES) * UUID_CHARS)
  let w = 0
  for (let at = 0; at < bytes.length; at += MANIFEST_ENTRY_BYTES) {
    for (let i = 0; i < ID_BYTES; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out[w++] = 0x2d // '-'
      const b = bytes[at + i]!
      out[w++] = HEX_DIGITS[b >> 4]!
      out[w++] = HEX_DIGITS[b & 15]!
    }
  }
  return out
}

function entryAt(bytes: Buffer, at: number): ManifestEntry {
  // Two 32-bit halves: revisions are safe integers, and this avoids a BigInt per entry.
  const revision = bytes.readUInt32BE(at + REVISION_AT) * 2 ** 32 + bytes.readUInt32BE(at + 21)
  return { kind: bytes[at + KIND_AT] === KIND_CODES.item ? 'item' : 'tombstone', revision }
}

function writeEntry(out: Buffer, at: number, id: Buffer, e: ManifestEntry): void {
  if (!Number.isSafeInteger(e.revision) || e.revision < 0) {
    throw new RangeError(`not a revision: ${e.revision}`)
  }
  id.copy(out, at)
  out[at + KIND_AT] = KIND_CODES[e.kind]
  out.writeUInt32BE(Math.floor(e.revision / 2 ** 32), at + REVISION_AT)
  out.writeUInt32BE(e.revision % 2 ** 32, at + 21)
}

/** An authenticated manifest: entries sorted by id bytes, each id once. Immutable. */
export class Manifest {
  readonly #bytes: Buffer
  /** Id → byte offset of its entry; built on first use. */
  #index: Map<string, number> | null = null

  private constructor(bytes: Buffer) {
    this.#bytes = bytes
  }

  static empty(): Manifest {
    return new Manifest(Buffer.alloc(0))
  }

  /** A decrypted manifest if it is well-formed (whole entries, known kinds, ids ascending). */
  static parse(bytes: Buffer): Manifest | null {
    if (bytes.length % MANIFEST_ENTRY_BYTES !== 0) return null
    for (let at = 0; at < bytes.length; at += MANIFEST_ENTRY_BYTES) {
      const kind = bytes[at + KIND_AT]
      if (kind !== KIND_CODES.item && kind !== KIND_CODES.tombstone) return null
      if (bytes.readUInt32BE(at + REVISION_AT) >= 2 ** 21) return null
      const previous = at - MANIFEST_ENTRY_BYTES
      if (
        previous >= 0 &&
        bytes.compare(bytes, at, at + ID_BYTES, previous, previous + ID_BYTES) >= 0
      )
        return null
    }
    return new Manifest(bytes)
  }

  /**
   * A manifest from entries already in id order, each once: `ids[i]` is the canonical id whose
   * 25-byte entry is at `i * 25` in `bytes`. The caller has checked both; the id index comes free.
   */
  static fromSorted(ids: readonly string[], bytes: Buffer): Manifest {
    const m = new Manifest(bytes)
    m.#index = new Map(ids.map((id, i) => [id, i * MANIFEST_ENTRY_BYTES]))
    return m
  }

  static fromEntries(entries: ReadonlyMap<string, ManifestEntry>): Manifest {
    return Manifest.empty().with(entries)
  }

  get size(): number {
    return this.#bytes.length / MANIFEST_ENTRY_BYTES
  }

  /** How many entries are of `kind`. */
  countOf(kind: ManifestKind): number {
    const code = KIND_CODES[kind]
    let n = 0
    for (let at = KIND_AT; at < this.#bytes.length; at += MANIFEST_ENTRY_BYTES) {
      if (this.#bytes[at] === code) n++
    }
    return n
  }

  /** Every id, in byte order. */
  *ids(): Generator<[string, ManifestEntry]> {
    for (const [id, at] of this.#indexed()) yield [id, entryAt(this.#bytes, at)]
  }

  /** The entry for an id: from the index once list() built it, else by binary search. */
  get(id: string): ManifestEntry | undefined {
    if (this.#index) {
      const at = this.#index.get(id)
      return at === undefined ? undefined : entryAt(this.#bytes, at)
    }
    if (!isCanonicalId(id)) return undefined
    const target = idBytes(id)
    const at = this.#lowerBound(target)
    return at < this.#bytes.length && this.#compareAt(at, target) === 0
      ? entryAt(this.#bytes, at)
      : undefined
  }

  /** A new manifest with `changes` set (each replaces the entry for its id, or is inserted). */
  with(changes: ReadonlyMap<string, ManifestEntry>): Manifest {
    const ids = [...changes.keys()].sort() // canonical UUID text sorts like its bytes
    const out = Buffer.allocUnsafe(this.#bytes.length + ids.length * MANIFEST_ENTRY_BYTES)
    let read = 0
    let written = 0
    for (const id of ids) {
      const target = idBytes(id)
      const at = this.#lowerBound(target, read)
      written += this.#bytes.copy(out, written, read, at)
      read = at
      if (at < this.#bytes.length && this.#compareAt(at, target) === 0) read += MANIFEST_ENTRY_BYTES
      writeEntry(out, written, target, changes.get(id)!)
      written += MANIFEST_ENTRY_BYTES
    }
    written += this.#bytes.copy(out, written, read)
    return new Manifest(out.subarray(0, written))
  }

  /** The 25-byte entries, sorted by id. */
  bytes(): Buffer {
    return this.#bytes
  }

  seal(key: AesKey, vaultUuid: string): Sealed {
    return seal(key, this.#bytes, manifestAad(vaultUuid))
  }

  /** For list(), which looks up every row: one map instead of a binary search per row. */
  #indexed(): Map<string, number> {
    if (!this.#index) {
      const texts = idTexts(this.#bytes)
      const index = new Map<string, number>()
      for (
        let at = 0, t = 0;
        at < this.#bytes.length;
        at += MANIFEST_ENTRY_BYTES, t += UUID_CHARS
      ) {
        index.set(texts.toString('latin1', t, t + UUID_CHARS), at)
      }
      this.#index = index
    }
    return this.#index
  }

  /** Builds the id index now (list() is about to look up every row). */
  indexAll(): this {
    this.#indexed()
    return this
  }

  #compareAt(at: number, target: Buffer): number {
    return this.#bytes.compare(target, 0, ID_BYTES, at, at + ID_BYTES)
  }

  /** Byte offset of the first entry whose id is >= target, searching from `from`. */
  #lowerBound(target: Buffer, from = 0): number {
    let lo = from / MANIFEST_ENTRY_BYTES
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.#compareAt(mid * MANIFEST_ENTRY_BYTES, target) < 0) lo = mid + 1
      else hi = mid
    }
    return lo * MANIFEST_ENTRY_BYTES
  }
}

export interface ManifestRow {
  nonce: Buffer
  ciphertext: Buffer
}

/** The manifest if the row authenticates under `key` and is well-formed, else null. */
export function openManifest(key: AesKey, vaultUuid: string, row: ManifestRow): Manifest | null {
  try {
    return Manifest.parse(open(key, row.nonce, row.ciphertext, manifestAad(vaultUuid)))
  } catch (e) {
    if (e instanceof AuthenticationError) return null
    throw e
  }
}

export const SELECT_MANIFEST_SQL = 'SELECT nonce, ciphertext FROM manifest WHERE singleton = 1'
/** The sealed row's nonce: a fresh one per seal, so it tells whether the row changed. */
export const SELECT_MANIFEST_NONCE_SQL = 'SELECT nonce FROM manifest WHERE singleton = 1'

export const UPSERT_MANIFEST_SQL =
  'INSERT OR REPLACE INTO manifest (singleton, nonce, ciphertext) VALUES (1, @nonce, @ciphertext)'

/**
 * Why an item row that authenticates still cannot be trusted, or null when the manifest agrees.
 * `entry` is the manifest's entry for the row's id.
 */
export function manifestDisagreement(
  row: { revision: number },
  entry: ManifestEntry | undefined,
): string | null {
  if (!entry) return 'unexpected: the row is not in the vault manifest (added outside Cairn)'
  if (entry.kind === 'tombstone') {
    return `was purged (revision ${entry.revision} in the vault manifest): an older copy of the row was put back`
  }
  if (row.revision < entry.revision) {
    return `rolled back: revision ${row.revision} is older than revision ${entry.revision} in the vault manifest (an older copy of the row was put back)`
  }
  if (row.revision > entry.revision) {
    return `revision ${row.revision} is newer than the vault manifest (revision ${entry.revision}): the manifest was replaced by an older copy`
  }
  return null
}

/** The DamagedRow id that stands for the manifest itself (never a UUID, so never an item's id). */
export const MANIFEST_ROW_ID = 'manifest'

export const MANIFEST_UNVERIFIED =
  'the vault manifest is missing or fails authentication: rolled-back, deleted or added rows cannot be detected until the current rows are accepted'
