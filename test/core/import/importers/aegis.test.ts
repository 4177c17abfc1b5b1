// Aegis vault exports, plain and encrypted, written from Aegis's vault format description.
import { describe, expect, it } from 'vitest'
import { aegisImporter } from '../../../../src-main/core/import/importers/aegis.ts'
import { AEGIS_DB } from './fixtures/aegis-db.ts'
import { aegisEncrypted } from './fixtures/export-crypto.ts'
import { EXPORT_PASSWORD, formatChecks, KEY_DEFAULTS, keysOf } from './importer-harness.ts'

const plain = new TextEncoder().encode(
  JSON.stringify({ version: 1, header: { slots: null, params: null }, db: AEGIS_DB }, null, 4),
)

export const AEGIS_KEYS = [
  {
    ...KEY_DEFAULTS,
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'octo@example.com',
    notes: 'personal account',
    folder: 'Work',
  },
  // No issuer: the name keeps its colon, no issuer is invented.
  {
    ...KEY_DEFAULTS,
    kind: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: '',
    account: 'Bank:carol',
    algorithm: 'SHA256',
    digits: 8,
    counter: 42,
  },
  {
    ...KEY_DEFAULTS,
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    issuer: 'Steam',
    account: 'gamer',
    digits: 5,
    encoder: 'steam',
  },
  {
    ...KEY_DEFAULTS,
    secret: 'JBSWY3DP',
    issuer: 'Old Forum',
    account: 'short',
    algorithm: 'SHA512',
    digits: 10,
    period: 60,
  },
]

describe('Aegis plain', () => {
  formatChecks({
    importer: aegisImporter,
    fileName: 'aegis-export-plain.json',
    bytes: plain,
    tamperAlwaysFails: false,
    expectEntries(file) {
      expect(file.encrypted).toBe(false)
      expect(keysOf(file)).toEqual(AEGIS_KEYS)
      expect(file.problems).toEqual([])
    },
  })
})

describe('Aegis encrypted', () => {
  formatChecks({
    importer: aegisImporter,
    fileName: 'aegis-export.json',
    bytes: aegisEncrypted(AEGIS_DB, EXPORT_PASSWORD),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: true,
    fuzzRuns: 0,
    expectEntries(file) {
      expect(file.encrypted).toBe(true)
      expect(keysOf(file)).toEqual(AEGIS_KEYS)
    },
  })
})

describe('Aegis encrypted, cheap scrypt for the fuzz', () => {
  formatChecks({
    importer: aegisImporter,
    fileName: 'aegis-export.json',
    bytes: aegisEncrypted(AEGIS_DB, EXPORT_PASSWORD, 2 ** 4),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: true,
    fuzzRuns: 150,
    expectEntries(file) {
      expect(keysOf(file)).toEqual(AEGIS_KEYS)
    },
  })
})

describe('Aegis password slots from a hostile file', () => {
  it('refuses scrypt parameters that would ask for gigabytes, before deriving anything', async () => {
    const file = JSON.parse(new TextDecoder().decode(aegisEncrypted(AEGIS_DB, 'pw', 2 ** 4)))
    for (const [n, r] of [
      [2 ** 20, 32],
      [2 ** 24, 8],
      [3, 8],
    ] as const) {
      Object.assign(file.header.slots[1], { n, r })
      const bytes = new TextEncoder().encode(JSON.stringify(file))
      await expect(aegisImporter.read(bytes, async () => 'pw')).rejects.toThrow(
        /unusable scrypt parameters/,
      )
    }
  })
})
