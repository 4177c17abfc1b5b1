// Cairn → Aegis JSON → Cairn: every 2FA key comes back with every field, plain and encrypted,
// and the encrypted file follows Aegis's layout (checked by decrypting it independently).
import { createDecipheriv, scryptSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { AEGIS_SCRYPT, exportAegisJson } from '../../../src-main/core/export/aegis-export.ts'
import { planImport } from '../../../src-main/core/import/import-plan.ts'
import { aegisImporter } from '../../../src-main/core/import/importers/aegis.ts'
import type { ItemRecord, OtpData } from '../../../src-main/core/vault/item-types.ts'
import { shortSecretWarning } from '../../../src-main/core/otp/otp-key.ts'
import { login, otp } from '../vault/vault-fixtures.ts'

const record = (data: ItemRecord['data'], deletedAt: number | null = null): ItemRecord => ({
  id: crypto.randomUUID(),
  revision: 1,
  createdAt: 0,
  updatedAt: 0,
  deletedAt,
  data,
})

const KEYS: OtpData[] = [
  otp({
    issuer: 'GitHub',
    account: 'octo',
    notes: 'personal',
    group: ['Work'],
    tags: ['Dev'],
  }),
  otp({
    kind: 'hotp',
    issuer: '',
    account: 'Bank:carol',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA256',
    digits: 8,
    counter: 42,
  }),
  otp({
    issuer: 'Steam',
    account: 'gamer',
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    digits: 5,
    encoder: 'steam',
  }),
  otp({
    issuer: 'Old',
    account: 'short',
    secret: 'JBSWY3DP',
    algorithm: 'SHA512',
    digits: 10,
    period: 60,
    group: ['Work', 'Old'],
    tags: ['Work'],
  }),
]
/** What comes back: the short secret now carries its warning, as every import adds it. */
const IMPORTED = KEYS.map((k) => {
  const warning = shortSecretWarning(k)
  return warning ? { ...k, notes: warning } : k
})
const ITEMS = [
  ...KEYS.map((k) => record(k)),
  record(login()),
  record(otp({ account: 'trashed' }), 5),
]

async function roundTrip(bytes: Uint8Array, password: string | null) {
  const file = await aegisImporter.read(bytes, async () => password)
  expect(file.problems).toEqual([])
  return planImport([{ name: 'aegis.json', file }], []).add.map((p) => p.data)
}

describe('Aegis export', () => {
  it('plain: every live 2FA key comes back equal, tags included', async () => {
    const bytes = exportAegisJson(ITEMS, { acknowledgeUnencrypted: true })
    expect(await roundTrip(bytes, null)).toEqual(IMPORTED)
  })

  it('encrypted: comes back equal with the password, and only with it', async () => {
    const bytes = exportAegisJson(ITEMS, { password: 'phone transfer' })
    expect(new TextDecoder().decode(bytes)).not.toContain('JBSWY3DPEHPK3PXP')
    expect(await roundTrip(bytes, 'phone transfer')).toEqual(IMPORTED)
    await expect(aegisImporter.read(bytes, async () => 'wrong')).rejects.toSatisfy((e) =>
      isCairnError(e, 'WRONG_PASSWORD'),
    )
  })

  it('encrypted: uses Aegis’s scrypt parameters and slot layout, which an independent decryption opens', () => {
    const file = JSON.parse(new TextDecoder().decode(exportAegisJson(ITEMS, { password: 'pw' })))
    const slot = file.header.slots[0]
    expect([slot.type, slot.n, slot.r, slot.p]).toEqual([1, AEGIS_SCRYPT.N, 8, 1])
    const open = (key: Buffer, hexNonce: string, hexTag: string, data: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(hexNonce, 'hex'))
      d.setAuthTag(Buffer.from(hexTag, 'hex'))
      return Buffer.concat([d.update(data), d.final()])
    }
    const derived = scryptSync('pw', Buffer.from(slot.salt, 'hex'), 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 2 ** 20,
    })
    const master = open(
      derived,
      slot.key_params.nonce,
      slot.key_params.tag,
      Buffer.from(slot.key, 'hex'),
    )
    const db = JSON.parse(
      open(
        master,
        file.header.params.nonce,
        file.header.params.tag,
        Buffer.from(file.db, 'base64'),
      ).toString(),
    )
    expect(db.entries.map((e: { type: string; issuer: string }) => [e.type, e.issuer])).toEqual([
      ['totp', 'GitHub'],
      ['hotp', ''],
      ['steam', 'Steam'],
      ['totp', 'Old'],
    ])
    // The Cairn group first (the path as one name), then the tags.
    expect(db.groups.map((g: { name: string }) => g.name)).toEqual(['Work', 'Dev', 'Work/Old'])
  })

  it('refuses a plain export without the acknowledgement, and an empty password', () => {
    expect(() => exportAegisJson(ITEMS, { acknowledgeUnencrypted: false })).toThrow(/acknowledged/)
    expect(() => exportAegisJson(ITEMS, { password: '' })).toThrow(/needs a password/)
  })
})
