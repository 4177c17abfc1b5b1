// 2FA keys as an Aegis vault file, which Aegis (Android) and the apps that read Aegis exports
// (2FAS, Ente Auth, Proton Authenticator, Stratum) import. Encrypted by default, the way Aegis
// encrypts its own vault: a random master key seals the entries with AES-256-GCM, and a password
// slot holds that master key sealed under scrypt(password) with Aegis's parameters. Plain output
// needs the explicit acknowledgement plain exports need. Pure: bytes out; whether the person may
// export (master password checks) is the caller's policy.
import { createCipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto'
import { UNENCRYPTED_WARNING } from '../backup/plain-export.ts'
import type { PlainExportOptions } from '../backup/plain-export.ts'
import { groupPathText } from '../../../src-shared/group-path.ts'
import { CairnError } from '../errors.ts'
import type { ItemRecord, OtpData } from '../vault/item-types.ts'

export { UNENCRYPTED_WARNING }

/** Aegis's own scrypt parameters (n = 2^15, r = 8, p = 1). */
export const AEGIS_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const

export type AegisExportOptions = { password: string } | PlainExportOptions

interface AegisEntry {
  type: 'totp' | 'hotp' | 'steam'
  uuid: string
  name: string
  issuer: string
  note: string
  favorite: boolean
  icon: null
  info: { secret: string; algo: string; digits: number; period?: number; counter?: number }
  groups: string[]
}

function entryOf(data: OtpData, groupIds: Map<string, string>): AegisEntry {
  const type = data.encoder === 'steam' ? 'steam' : data.kind
  const info: AegisEntry['info'] = {
    secret: data.secret,
    algo: data.algorithm,
    digits: data.digits,
  }
  if (data.kind === 'hotp') info.counter = data.counter
  else info.period = data.period
  const notes = data.title ? [data.title, data.notes].filter(Boolean).join('\n\n') : data.notes
  return {
    type,
    uuid: randomUUID(),
    name: data.account,
    issuer: data.issuer,
    note: notes,
    favorite: false,
    icon: null,
    info,
    groups: aegisGroupNames(data).map((name) => groupIds.get(name)!),
  }
}

/**
 * Aegis has one flat list of groups per entry: the key's Cairn group first (its path as one name,
 * "Work/Servers"), which is what Cairn's Aegis import reads back as the group, then its tags.
 */
function aegisGroupNames(data: OtpData): string[] {
  const group = data.group ? [groupPathText(data.group)] : []
  return [...new Set([...group, ...data.tags])]
}

/** The Aegis "db" object: every live 2FA key, its group and tags as Aegis groups. */
export function aegisDb(items: readonly ItemRecord[]) {
  const keys = items.flatMap((i) => (i.deletedAt === null && i.data.type === 'otp' ? [i.data] : []))
  const groupIds = new Map<string, string>()
  for (const name of keys.flatMap(aegisGroupNames)) {
    if (!groupIds.has(name)) groupIds.set(name, randomUUID())
  }
  return {
    version: 3,
    entries: keys.map((k) => entryOf(k, groupIds)),
    groups: [...groupIds].map(([name, uuid]) => ({ uuid, name })),
  }
}

function seal(key: Uint8Array, plain: Uint8Array) {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()])
  return { nonce: nonce.toString('hex'), tag: cipher.getAuthTag().toString('hex'), ciphertext }
}

/** The Aegis vault file of the live 2FA keys among `items`, as UTF-8 JSON. */
export function exportAegisJson(
  items: readonly ItemRecord[],
  options: AegisExportOptions,
  scrypt: { N: number; r: number; p: number } = AEGIS_SCRYPT,
): Uint8Array {
  const db = aegisDb(items)
  if (!('password' in options)) {
    if (options.acknowledgeUnencrypted !== true) {
      throw new CairnError(
        'INVALID_ARGUMENT',
        'A plain export is unencrypted: it must be acknowledged explicitly',
      )
    }
    const file = { version: 1, header: { slots: null, params: null }, db }
    return new TextEncoder().encode(JSON.stringify(file, null, 4))
  }
  if (options.password === '') {
    throw new CairnError('INVALID_ARGUMENT', 'An encrypted export needs a password')
  }
  const masterKey = randomBytes(32)
  const salt = randomBytes(32)
  const derived = scryptSync(options.password, salt, 32, {
    ...scrypt,
    maxmem: 256 * scrypt.N * scrypt.r + 1024 * 1024,
  })
  const slot = seal(derived, masterKey)
  const sealed = seal(masterKey, new TextEncoder().encode(JSON.stringify(db)))
  derived.fill(0)
  masterKey.fill(0)
  const file = {
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: randomUUID(),
          key: slot.ciphertext.toString('hex'),
          key_params: { nonce: slot.nonce, tag: slot.tag },
          n: scrypt.N,
          r: scrypt.r,
          p: scrypt.p,
          salt: salt.toString('hex'),
          repaired: true,
          is_backup: false,
        },
      ],
      params: { nonce: sealed.nonce, tag: sealed.tag },
    },
    db: sealed.ciphertext.toString('base64'),
  }
  return new TextEncoder().encode(JSON.stringify(file, null, 4))
}
