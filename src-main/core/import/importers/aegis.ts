// Aegis Authenticator's vault export (Settings → Import & Export → Export, JSON). Documented in
// Aegis's docs/vault.md: {version: 1, header: {slots, params}, db}, where db is the entries
// object in a plain export, and base64 AES-256-GCM ciphertext in an encrypted one. Each password
// slot holds the master key, encrypted under scrypt(password, salt, n, r, p) with AES-256-GCM.
// Kept: type (totp, hotp, steam), name, issuer, secret, algorithm, digits, period, counter, note,
// groups (the first as the Cairn group, the rest as tags; every group, empty ones too, is kept). Lost: icons, favourite marks, mOTP and Yandex keys.
import { scryptSync } from 'node:crypto'
import { CairnError } from '../../errors.ts'
import type { ImportedFile, Importer } from '../importer.ts'
import {
  base64Bytes,
  headText,
  hexBytes,
  int,
  isObject,
  malformed,
  parseJsonText,
  readJson,
  str,
} from './file-bytes.ts'
import type { JsonObject } from './file-bytes.ts'
import { exportPassword, openAesGcm, utf8, wrongPassword } from './import-crypto.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'Aegis'
const SLOT_PASSWORD = 1
/** Aegis writes n = 2^15, r = 8 (32 MiB); the caps keep a hostile file from asking for gigabytes. */
const MAX_SCRYPT_N = 2 ** 20
const MAX_SCRYPT_BYTES = 256 * 1024 * 1024

export const aegisImporter: Importer = {
  id: 'aegis',
  name: 'Aegis (JSON, plain or encrypted)',
  help: 'Aegis → Settings → Import & Export → Export, format JSON (encrypted or not).',
  sniff(bytes) {
    const head = headText(bytes, 2048)
    if (!/^\s*\{/.test(head)) return 0
    return /"header"\s*:/.test(head) && /"(slots|db)"\s*:/.test(head) ? 3 : 0
  },
  async read(bytes, askSecret) {
    const json = readJson(bytes, NAME)
    if (!isObject(json) || !isObject(json.header)) malformed(NAME, 'no header')
    if (json.version !== 1) {
      throw new CairnError(
        'UNSUPPORTED',
        `Aegis export version ${str(json.version).slice(0, 8)} is not one Cairn reads (1)`,
      )
    }
    const { header } = json
    if (typeof json.db === 'string') {
      const db = await decryptDb(json.db, header, await exportPassword(askSecret, NAME))
      return entriesOf(db, true)
    }
    if (!isObject(json.db)) malformed(NAME, 'no entries')
    return entriesOf(json.db, false)
  },
}

function decryptDb(db: string, header: JsonObject, password: string): JsonObject {
  const slots = Array.isArray(header.slots) ? header.slots.filter(isObject) : []
  const passwordSlots = slots.filter((s) => s.type === SLOT_PASSWORD)
  if (passwordSlots.length === 0) {
    throw new CairnError(
      'UNSUPPORTED',
      'This Aegis export can only be opened with a fingerprint, not a password',
    )
  }
  let masterKey: Uint8Array | null = null
  for (const slot of passwordSlots) {
    masterKey = openSlot(slot, password)
    if (masterKey) break
  }
  if (!masterKey) wrongPassword(NAME)
  const params = isObject(header.params) ? header.params : {}
  const nonce = hexBytes(params.nonce)
  const tag = hexBytes(params.tag)
  const ciphertext = base64Bytes(db)
  if (!nonce || !tag || !ciphertext) malformed(NAME, 'damaged encryption header')
  const plain = openAesGcm(masterKey, nonce, ciphertext, tag)
  if (!plain) malformed(NAME, 'the encrypted entries were altered or cut short')
  const text = utf8(plain)
  if (text === null) malformed(NAME, 'the decrypted content is not text')
  const parsed = parseJsonText(text, NAME)
  if (!isObject(parsed)) malformed(NAME, 'no entries')
  return parsed
}

function openSlot(slot: JsonObject, password: string): Uint8Array | null {
  const n = int(slot.n)
  const r = int(slot.r)
  const p = int(slot.p)
  const salt = hexBytes(slot.salt)
  const key = hexBytes(slot.key)
  const params = isObject(slot.key_params) ? slot.key_params : {}
  const nonce = hexBytes(params.nonce)
  const tag = hexBytes(params.tag)
  if (!n || !r || !p || !salt || !key || !nonce || !tag) malformed(NAME, 'damaged password slot')
  const memory = 128 * n * r
  if (n < 2 || n > MAX_SCRYPT_N || (n & (n - 1)) !== 0 || memory > MAX_SCRYPT_BYTES || p > 16) {
    malformed(NAME, 'password slot with unusable scrypt parameters')
  }
  let derived: Buffer
  try {
    derived = scryptSync(password, salt, 32, {
      N: n,
      r,
      p,
      maxmem: 2 * memory + 1024 * 1024,
    })
  } catch {
    return malformed(NAME, 'password slot with unusable scrypt parameters')
  }
  return openAesGcm(derived, nonce, key, tag)
}

function entriesOf(db: JsonObject, encrypted: boolean): ImportedFile {
  const collected = new EntryCollector()
  if (!Array.isArray(db.entries)) malformed(NAME, 'no list of entries')
  const groups = new Map<string, string>()
  if (Array.isArray(db.groups)) {
    for (const g of db.groups) if (isObject(g)) groups.set(str(g.uuid), str(g.name))
  }
  db.entries.forEach((raw, i) => {
    const where = `entry ${i + 1}`
    if (!isObject(raw) || !isObject(raw.info)) return collected.problem(where, 'not an entry')
    const type = str(raw.type).toLowerCase()
    if (type === 'motp' || type === 'yandex') {
      return collected.problem(
        where,
        `${type === 'motp' ? 'mOTP' : 'Yandex'} keys are not supported by Cairn`,
      )
    }
    const names = Array.isArray(raw.groups)
      ? raw.groups.map((id) => groups.get(str(id)) ?? '').filter(Boolean)
      : str(raw.group)
        ? [str(raw.group)]
        : []
    const { info } = raw
    collected.add(
      otpEntry(where, {
        kind: type,
        secret: str(info.secret),
        issuer: str(raw.issuer),
        account: str(raw.name),
        algorithm: str(info.algo),
        digits: int(info.digits),
        period: int(info.period),
        counter: int(info.counter),
        notes: str(raw.note),
        folder: names[0],
        tags: names.slice(1),
      }),
    )
  })
  return {
    format: 'aegis',
    formatName: NAME,
    ...collected,
    notes: [],
    groups: [...groups.values()].filter((name) => name !== ''),
    encrypted,
  }
}
