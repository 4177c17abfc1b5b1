// LUKS-style key slots: each credential wraps the same random vault key. A slot is one row; a new
// kind of credential is a new `kind` string plus, at most, a new `kdf` name. Nothing else changes.
//
//   ikm      = KDF(credential secret, salt, params)          (Argon2id, or HKDF for random keys)
//   wrapKey  = HKDF-SHA256(ikm, "", "cairn.slot.wrap.v1")
//   keyCheck = HKDF-SHA256(ikm, "", "cairn.slot.check.v1")   stored: tells a wrong credential
//                                                            apart from an altered wrapped key
//   wrapped  = AES-256-GCM(wrapKey, nonce, vaultKey, slotAad)
//   digest   = SHA-256 of every column but last_used_at      (detects edits before any KDF runs)
import { createHash, hkdfSync, timingSafeEqual } from 'node:crypto'
import { AuthenticationError, open, seal } from '../crypto/aes-gcm.ts'
import { randomBytes, randomId } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { isSaneArgon2Params, type Argon2Params } from '../kdf/argon2-params.ts'
import { deriveKey, passwordBytes } from '../kdf/derive-key.ts'
import { slotAad } from './associated-data.ts'
import { encodeFields, int64 } from './field-encoding.ts'
import { VAULT_KEY_BYTES } from './vault-format.ts'
import type { Credential, SlotInfo, SlotKind } from './vault-api.ts'

export const SLOT_KINDS: readonly SlotKind[] = ['password', 'recovery-key', 'one-time-code']

/**
 * argon2id for anything a person chooses or types; hkdf-sha256 only for credentials that are
 * themselves uniformly random with at least 128 bits (a generated recovery key).
 */
export type SlotKdf = { name: 'argon2id'; params: Argon2Params } | { name: 'hkdf-sha256' }

/** A key_slots row as stored. */
export interface SlotRow {
  id: string
  kind: string
  label: string
  createdAt: number
  lastUsedAt: number | null
  kdf: string
  kdfParams: string
  salt: Buffer
  keyCheck: Buffer
  nonce: Buffer
  wrappedKey: Buffer
  digest: Buffer
}

const SALT_BYTES = 16
const HKDF_SALT_BYTES = 32

/**
 * Unlock tries at most this many slots of the credential's kind, in stored order. Each try may be
 * a full Argon2id run, and a hostile file could hold thousands of slots.
 */
export const MAX_SLOTS_TRIED = 32

/** The slots an unlock tries, and how many of the kind it leaves untried. */
export function slotsTried<T>(candidates: readonly T[]): { tried: T[]; untried: number } {
  return {
    tried: candidates.slice(0, MAX_SLOTS_TRIED),
    untried: Math.max(0, candidates.length - MAX_SLOTS_TRIED),
  }
}

/**
 * The shortest secret an hkdf-sha256 slot takes: HKDF adds no work per guess, so it is only for a
 * generated recovery key (Cairn's has 56 characters: 256 random bits and a check). Anything a
 * person chooses, and the shorter one-time codes, go through Argon2id.
 */
export const HKDF_MIN_SECRET_BYTES = 32

/** The bytes a credential contributes. Typed codes are normalised so spacing and case never matter. */
export function credentialSecret(c: Credential): Buffer {
  switch (c.kind) {
    case 'password':
      return passwordBytes(c.password)
    case 'recovery-key':
      return Buffer.from(normaliseCode(c.key), 'utf8')
    case 'one-time-code':
      return Buffer.from(normaliseCode(c.code), 'utf8')
  }
}

/** NFKC, upper case, without whitespace or hyphens: "abcd-efgh ijkl" → "ABCDEFGHIJKL". */
export function normaliseCode(code: string): string {
  return code
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase()
}

export function kdfParamsText(kdf: SlotKdf): string {
  if (kdf.name === 'hkdf-sha256') return '{}'
  const { memoryKiB, iterations, parallelism } = kdf.params
  return JSON.stringify({ memoryKiB, iterations, parallelism })
}

/** The slot's KDF if its name and params are ones we can run safely, else null. */
export function parseSlotKdf(row: Pick<SlotRow, 'kdf' | 'kdfParams'>): SlotKdf | null {
  let params: unknown
  try {
    params = JSON.parse(row.kdfParams)
  } catch {
    return null
  }
  if (row.kdf === 'argon2id' && isSaneArgon2Params(params)) {
    return { name: 'argon2id', params: params as Argon2Params }
  }
  if (row.kdf === 'hkdf-sha256' && row.kdfParams === '{}') return { name: 'hkdf-sha256' }
  return null
}

function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32))
}

async function slotKeys(
  kdf: SlotKdf,
  salt: Uint8Array,
  secret: Uint8Array,
): Promise<{ wrapKey: Buffer; keyCheck: Buffer }> {
  const ikm =
    kdf.name === 'argon2id'
      ? await deriveKey(secret, salt, kdf.params)
      : hkdf(secret, salt, 'cairn.slot.hkdf.v1')
  try {
    const empty = Buffer.alloc(0)
    return {
      wrapKey: hkdf(ikm, empty, 'cairn.slot.wrap.v1'),
      keyCheck: hkdf(ikm, empty, 'cairn.slot.check.v1'),
    }
  } finally {
    wipe(ikm)
  }
}

export function slotDigest(vaultUuid: string, r: Omit<SlotRow, 'digest' | 'lastUsedAt'>): Buffer {
  const fields = encodeFields([
    'cairn.slot-digest.v1',
    vaultUuid,
    r.id,
    r.kind,
    r.label,
    int64(r.createdAt),
    r.kdf,
    r.kdfParams,
    r.salt,
    r.keyCheck,
    r.nonce,
    r.wrappedKey,
  ])
  return createHash('sha256').update(fields).digest()
}

/** Structure and digest intact: nothing in the row was edited or damaged (keyless check). */
export function slotIntact(vaultUuid: string, r: SlotRow): boolean {
  const typed =
    [r.id, r.kind, r.label, r.kdf, r.kdfParams].every((t) => typeof t === 'string') &&
    Number.isSafeInteger(r.createdAt) &&
    [r.salt, r.keyCheck, r.nonce, r.wrappedKey, r.digest].every((b) => Buffer.isBuffer(b))
  // HKDF adds no work per guess: never for a credential a person chooses or types.
  if (typed && r.kdf === 'hkdf-sha256' && r.kind !== 'recovery-key') return false
  return (
    typed &&
    r.nonce.length === 12 &&
    r.wrappedKey.length === VAULT_KEY_BYTES + 16 &&
    r.keyCheck.length === 32 &&
    r.salt.length >= 8 &&
    r.digest.length === 32 &&
    parseSlotKdf(r) !== null &&
    timingSafeEqual(slotDigest(vaultUuid, r), r.digest)
  )
}

export interface NewSlot {
  /** Preset id (a one-time code's locator names it); random when absent. */
  id?: string
  kind: SlotKind
  label: string
  secret: Uint8Array
  kdf: SlotKdf
  createdAt: number
}

export async function createSlot(
  vaultUuid: string,
  vaultKey: Uint8Array,
  s: NewSlot,
): Promise<SlotRow> {
  if (s.kdf.name === 'hkdf-sha256') {
    if (s.kind !== 'recovery-key') {
      throw new CairnError('INVALID_ARGUMENT', 'Only a recovery-key slot may use hkdf-sha256')
    }
    if (s.secret.length < HKDF_MIN_SECRET_BYTES) {
      throw new CairnError(
        'INVALID_ARGUMENT',
        `A recovery key behind hkdf-sha256 needs at least ${HKDF_MIN_SECRET_BYTES} characters (a generated key); use argon2id for a shorter one`,
      )
    }
  }
  const salt = randomBytes(s.kdf.name === 'argon2id' ? SALT_BYTES : HKDF_SALT_BYTES)
  const binding = {
    id: s.id ?? randomId(),
    kind: s.kind,
    kdf: s.kdf.name,
    kdfParams: kdfParamsText(s.kdf),
    salt,
  }
  const { wrapKey, keyCheck } = await slotKeys(s.kdf, salt, s.secret)
  try {
    const { nonce, ciphertext } = seal(wrapKey, vaultKey, slotAad(vaultUuid, binding))
    const row = {
      ...binding,
      label: s.label,
      createdAt: s.createdAt,
      keyCheck,
      nonce,
      wrappedKey: ciphertext,
    }
    return { ...row, lastUsedAt: null, digest: slotDigest(vaultUuid, row) }
  } finally {
    wipe(wrapKey)
  }
}

/**
 * The vault key if `secret` opens this slot, null if it is simply the wrong credential. Throws
 * TAMPERED_SLOT when the credential is right but the wrapped key no longer authenticates.
 * The caller checks slotIntact first.
 */
export async function unwrapSlot(
  vaultUuid: string,
  r: SlotRow,
  secret: Uint8Array,
): Promise<Buffer | null> {
  const kdf = parseSlotKdf(r)
  if (!kdf) throw tamperedSlot(r)
  const { wrapKey, keyCheck } = await slotKeys(kdf, r.salt, secret)
  try {
    if (!timingSafeEqual(keyCheck, r.keyCheck)) return null
    const key = open(wrapKey, r.nonce, r.wrappedKey, slotAad(vaultUuid, r))
    if (key.length !== VAULT_KEY_BYTES) {
      wipe(key)
      throw tamperedSlot(r)
    }
    return key
  } catch (e) {
    if (e instanceof AuthenticationError) throw tamperedSlot(r)
    throw e
  } finally {
    wipe(wrapKey, keyCheck)
  }
}

export function tamperedSlot(r: Pick<SlotRow, 'id' | 'kind'>): CairnError {
  return new CairnError(
    'TAMPERED_SLOT',
    `Key slot ${r.id} (${r.kind}) has been altered or damaged: it cannot be used to unlock`,
  )
}

export function isKnownSlotKind(kind: string): kind is SlotKind {
  return (SLOT_KINDS as readonly string[]).includes(kind)
}

export function slotInfo(r: SlotRow): SlotInfo {
  return {
    id: r.id,
    kind: r.kind as SlotKind,
    label: r.label,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
  }
}

/** Column order used by every INSERT/SELECT of key_slots. */
export const SLOT_COLUMNS =
  'id, kind, label, created_at AS createdAt, last_used_at AS lastUsedAt, kdf, kdf_params AS kdfParams, salt, key_check AS keyCheck, nonce, wrapped_key AS wrappedKey, digest'

export const INSERT_SLOT_SQL = `INSERT INTO key_slots (id, kind, label, created_at, last_used_at, kdf, kdf_params, salt, key_check, nonce, wrapped_key, digest)
  VALUES (@id, @kind, @label, @createdAt, @lastUsedAt, @kdf, @kdfParams, @salt, @keyCheck, @nonce, @wrappedKey, @digest)`

/** Password slots first (the one a password change keeps the label of), then by creation. */
export const SELECT_SLOTS_SQL = `SELECT ${SLOT_COLUMNS} FROM key_slots ORDER BY kind <> 'password', created_at, id`
/** The order unlock tries slots in. */
export const SELECT_SLOTS_BY_AGE_SQL = `SELECT ${SLOT_COLUMNS} FROM key_slots ORDER BY created_at, id`
export const SELECT_SLOT_SQL = `SELECT ${SLOT_COLUMNS} FROM key_slots WHERE id = ?`
export const DELETE_SLOT_SQL = 'DELETE FROM key_slots WHERE id = ?'
export const DELETE_ALL_SLOTS_SQL = 'DELETE FROM key_slots'
export const RECORD_SLOT_USE_SQL = 'UPDATE key_slots SET last_used_at = ? WHERE id = ?'
