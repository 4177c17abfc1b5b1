// Bitwarden's JSON export (Tools > Export vault > .json), plain or password protected.
// Plain: { encrypted: false, folders: [{id, name}], items: [...] } with item types 1 login,
// 2 secure note, 3 card, 4 identity, 5 SSH key; custom fields typed 0 text, 1 hidden,
// 2 boolean, 3 linked; login.uris[].uri, login.totp, passwordHistory[{lastUsedDate, password}].
// Password protected: { encrypted: true, passwordProtected: true, salt, kdfType (0 PBKDF2-SHA256,
// 1 Argon2id), kdfIterations, kdfMemory (MiB), kdfParallelism, encKeyValidation_DO_NOT_EDIT,
// data }: the KDF output is stretched with HKDF-Expand into an AES-256-CBC key ("enc") and an
// HMAC-SHA256 key ("mac"); each value is an EncString "2.iv|ciphertext|mac" in base64.
// Account-restricted exports are encrypted with the account's own key and cannot be read here.
import { createDecipheriv, createHash, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import { CairnError } from '../../errors.ts'
import { foreignArgon2 } from '../../kdf/argon2-foreign.ts'
import type { CustomField } from '../../vault/item-types.ts'
import { decodeUtf8Text } from '../csv.ts'
import { SNIFF, type AskSecret, type ImportedFile, type Importer } from '../importer.ts'
import { type Json, isObject, list, text } from './json-values.ts'
import { otpKeyFromText } from './otp-fields.ts'
import { EntryCollector, loginLabel } from './password-entries.ts'

const pbkdf2Async = promisify(pbkdf2)
const MAX_PBKDF2_ITERATIONS = 10_000_000
const MAX_ARGON2_MEMORY_MIB = 1024
const MAX_ARGON2_ITERATIONS = 100
const MAX_ARGON2_PARALLELISM = 64

function bad(message: string): never {
  throw new CairnError('MALFORMED_BACKUP', `the Bitwarden export ${message}`)
}

function parseJson(bytes: Uint8Array): Json {
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeUtf8Text(bytes, 'the Bitwarden export'))
  } catch (e) {
    if (e instanceof CairnError) throw e
    bad('is not valid JSON (is the file cut short?)')
  }
  if (!isObject(parsed)) bad('is not a JSON object')
  return parsed
}

function hkdfExpand(prk: Uint8Array, info: string): Buffer {
  // One block of RFC 5869 expand: T(1) = HMAC(PRK, info || 0x01), 32 bytes.
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
    .digest()
}

interface Keys {
  enc: Buffer
  mac: Buffer
}

async function deriveKeys(file: Json, password: string): Promise<Keys> {
  const salt = text(file.salt)
  const kdfType = file.kdfType
  const iterations = file.kdfIterations
  if (salt === '') bad('has no salt')
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1) {
    bad('has no usable kdfIterations')
  }
  let key: Uint8Array
  if (kdfType === 0) {
    if (iterations > MAX_PBKDF2_ITERATIONS) {
      throw new CairnError(
        'UNSUPPORTED',
        `the Bitwarden export asks for ${iterations} PBKDF2 iterations, more than Cairn allows`,
      )
    }
    key = await pbkdf2Async(
      Buffer.from(password, 'utf8'),
      Buffer.from(salt, 'utf8'),
      iterations,
      32,
      'sha256',
    )
  } else if (kdfType === 1) {
    const memory = file.kdfMemory
    const parallelism = file.kdfParallelism
    if (
      typeof memory !== 'number' ||
      typeof parallelism !== 'number' ||
      !Number.isInteger(memory) ||
      !Number.isInteger(parallelism) ||
      memory < 1 ||
      parallelism < 1
    ) {
      bad('has no usable Argon2 memory or parallelism')
    }
    if (
      memory > MAX_ARGON2_MEMORY_MIB ||
      iterations > MAX_ARGON2_ITERATIONS ||
      parallelism > MAX_ARGON2_PARALLELISM
    ) {
      throw new CairnError(
        'UNSUPPORTED',
        'the Bitwarden export asks for more Argon2 memory or passes than Cairn allows',
      )
    }
    key = await foreignArgon2({
      type: 'argon2id',
      version: 0x13,
      password: Buffer.from(password, 'utf8'),
      salt: createHash('sha256').update(salt, 'utf8').digest(),
      memoryKiB: memory * 1024,
      iterations,
      parallelism,
      length: 32,
    })
  } else {
    throw new CairnError(
      'UNSUPPORTED',
      'the Bitwarden export uses a key derivation Cairn does not know',
    )
  }
  return { enc: hkdfExpand(key, 'enc'), mac: hkdfExpand(key, 'mac') }
}

/** Decrypts an EncString; null when its MAC does not verify (wrong key or altered). */
function decryptEncString(value: unknown, keys: Keys): Buffer | null {
  const match = /^2\.([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(text(value))
  if (!match) bad('holds a value that is not a Bitwarden encrypted string (type 2)')
  const [iv, data, mac] = match.slice(1).map((p) => Buffer.from(p, 'base64')) as [
    Buffer,
    Buffer,
    Buffer,
  ]
  if (iv.length !== 16 || mac.length !== 32 || data.length === 0 || data.length % 16 !== 0) {
    bad('holds an encrypted value of the wrong size (is the file cut short?)')
  }
  const expected = createHmac('sha256', keys.mac).update(iv).update(data).digest()
  if (!timingSafeEqual(expected, mac)) return null
  try {
    const decipher = createDecipheriv('aes-256-cbc', keys.enc, iv)
    return Buffer.concat([decipher.update(data), decipher.final()])
  } catch {
    return bad('holds an encrypted value that does not decrypt')
  }
}

async function decryptExport(file: Json, askSecret: AskSecret): Promise<Json> {
  if (file.passwordProtected !== true) {
    throw new CairnError(
      'UNSUPPORTED',
      'this Bitwarden export is "account restricted": only that Bitwarden account can read it. Export again choosing "Password protected"',
    )
  }
  const password = await askSecret('Bitwarden export password')
  if (password === null) {
    throw new CairnError(
      'WRONG_PASSWORD',
      'the Bitwarden export is password protected and needs its password',
    )
  }
  const keys = await deriveKeys(file, password)
  if (decryptEncString(file.encKeyValidation_DO_NOT_EDIT, keys) === null) {
    throw new CairnError('WRONG_PASSWORD', 'the password does not open this Bitwarden export')
  }
  const plain = decryptEncString(file.data, keys)
  if (plain === null) bad('has been altered: its data fails its integrity check')
  return parseJson(plain)
}

function details(label: string, value: unknown, keys: string[]): string {
  if (!isObject(value)) return ''
  const lines = keys
    .map((k) => [k, value[k]] as const)
    .filter(([, v]) => typeof v === 'string' && v !== '')
    .map(([k, v]) => `${k}: ${v as string}`)
  return lines.length ? `${label}\n${lines.join('\n')}` : ''
}

const CARD_KEYS = ['cardholderName', 'brand', 'number', 'expMonth', 'expYear', 'code']
const IDENTITY_KEYS = [
  'title',
  'firstName',
  'middleName',
  'lastName',
  'address1',
  'address2',
  'address3',
  'city',
  'state',
  'postalCode',
  'country',
  'company',
  'email',
  'phone',
  'ssn',
  'username',
  'passportNumber',
  'licenseNumber',
]
const SSH_KEYS = ['privateKey', 'publicKey', 'keyFingerprint']

function readItems(vault: Json, encrypted: boolean): ImportedFile {
  if (!Array.isArray(vault.items)) bad('has no items list')
  const folders = new Map<string, string>()
  for (const f of [...list(vault.folders), ...list(vault.collections)]) {
    if (isObject(f)) folders.set(text(f.id), text(f.name))
  }
  const collector = new EntryCollector()
  let trashed = 0
  let skippedFields = 0
  list(vault.items).forEach((raw, index) => {
    const where = `item ${index + 1}`
    if (!isObject(raw)) bad(`${where} is not an object`)
    if (raw.deletedDate) {
      trashed++
      return
    }
    const title = text(raw.name)
    const folder =
      folders.get(text(raw.folderId)) ?? folders.get(text(list(raw.collectionIds)[0])) ?? ''
    const fields: CustomField[] = []
    for (const f of list(raw.fields)) {
      if (!isObject(f) || f.type === 3) {
        skippedFields++
        continue
      }
      fields.push({ name: text(f.name), value: text(f.value), secret: f.type === 1 })
    }
    const notes = text(raw.notes)
    const type = raw.type
    if (type === 3 || type === 4 || type === 5) {
      const block =
        type === 3
          ? details('Card', raw.card, CARD_KEYS)
          : type === 4
            ? details('Identity', raw.identity, IDENTITY_KEYS)
            : details('SSH key', raw.sshKey, SSH_KEYS)
      const extra = fields.map((f) => `${f.name}: ${f.value}`).join('\n')
      collector.add({
        where,
        folder,
        title,
        notes: [block, extra, notes].filter((t) => t).join('\n\n'),
      })
      return
    }
    const login = isObject(raw.login) ? raw.login : {}
    const username = text(login.username)
    const totp = text(login.totp)
    collector.add({
      where,
      folder,
      title,
      username,
      password: text(login.password),
      urls: list(login.uris).map((u) => (isObject(u) ? text(u.uri) : '')),
      notes,
      fields,
      passwordHistory: list(raw.passwordHistory)
        .filter(isObject)
        .map((h) => ({
          password: text(h.password),
          replacedAt: Date.parse(text(h.lastUsedDate)) || 0,
        }))
        .filter((h) => h.password !== '')
        .sort((a, b) => a.replacedAt - b.replacedAt),
      readOtp: () => (totp.trim() ? otpKeyFromText(totp, loginLabel(title, username)) : null),
      otpAsFields: [{ name: 'TOTP', value: totp, secret: true }],
    })
  })
  const notes: string[] = []
  if (trashed) notes.push(`${trashed} items in Bitwarden's trash were left out`)
  if (skippedFields)
    notes.push(
      `${skippedFields} linked custom fields were left out (they only point at another field)`,
    )
  return {
    ...collector.file(
      'bitwarden-json',
      encrypted ? 'Bitwarden JSON (password protected)' : 'Bitwarden JSON',
      notes,
    ),
    groups: [...folders.values()].filter((name) => name !== ''),
    encrypted,
  }
}

/** By content only: ".json" says nothing, many formats share it. */
function sniffBitwarden(bytes: Uint8Array) {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096))
  if (/^\s*\{/.test(head)) {
    if (/"encKeyValidation_DO_NOT_EDIT"/.test(head)) return SNIFF.certain
    if (/"encrypted"\s*:\s*false/.test(head) && /"items"\s*:/.test(head)) return SNIFF.certain
    if (/"folders"\s*:/.test(head) && /"items"\s*:/.test(head)) return SNIFF.shape
  }
  return SNIFF.no
}

export const bitwardenJsonImporter: Importer = {
  id: 'bitwarden-json',
  name: 'Bitwarden JSON (plain or password protected)',
  help: 'Bitwarden: Tools > Export vault > .json, or .json (Encrypted) with "Password protected". Carries folders, logins, notes, custom fields, password history and TOTP; cards, identities and SSH keys become notes.',
  sniff: sniffBitwarden,
  async read(bytes, askSecret) {
    const file = parseJson(bytes)
    if (file.encrypted === true) return readItems(await decryptExport(file, askSecret), true)
    return readItems(file, false)
  },
}
