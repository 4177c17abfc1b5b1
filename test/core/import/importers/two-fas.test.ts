// 2FAS backups, schema 1 (no groups, no token type) to 4 (groups, HOTP, Steam), plain and
// encrypted, written from 2FAS's backup layout.
import { describe, expect } from 'vitest'
import { twoFasImporter } from '../../../../src-main/core/import/importers/two-fas.ts'
import { twoFasServicesEncrypted } from './fixtures/export-crypto.ts'
import {
  expectKeys,
  EXPORT_PASSWORD,
  formatChecks,
  KEY_DEFAULTS,
  keysOf,
} from './importer-harness.ts'

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2))

const SERVICES_V4 = [
  {
    name: 'GitHub',
    secret: 'JBSWY3DPEHPK3PXP',
    updatedAt: 1_700_000_000_000,
    otp: {
      label: 'GitHub:octo',
      account: 'octo',
      issuer: 'GitHub',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
      tokenType: 'TOTP',
      source: 'Link',
    },
    order: { position: 0 },
    icon: {
      selected: 'IconCollection',
      iconCollection: { id: 'a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad' },
    },
    groupId: 'g-1',
  },
  {
    name: 'Bank',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    otp: {
      account: 'carol',
      issuer: 'Bank',
      digits: 8,
      period: 30,
      algorithm: 'SHA512',
      tokenType: 'HOTP',
      counter: 7,
    },
    order: { position: 1 },
  },
  {
    name: 'Steam',
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    otp: {
      account: 'gamer',
      issuer: 'Steam',
      digits: 5,
      period: 30,
      algorithm: 'SHA1',
      tokenType: 'STEAM',
    },
    order: { position: 2 },
  },
]
const KEYS_V4 = [
  {
    ...KEY_DEFAULTS,
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'octo',
    folder: 'Work',
  },
  {
    ...KEY_DEFAULTS,
    kind: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Bank',
    account: 'carol',
    algorithm: 'SHA512',
    digits: 8,
    counter: 7,
  },
  {
    ...KEY_DEFAULTS,
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    issuer: 'Steam',
    account: 'gamer',
    digits: 5,
    encoder: 'steam',
  },
]
const v4 = (services: unknown, extra: object = {}) => ({
  services,
  groups: [{ id: 'g-1', name: 'Work', isExpanded: true }],
  updatedAt: 1_700_000_000_000,
  schemaVersion: 4,
  appVersionCode: 5000000,
  appVersionName: '5.0.0',
  appOrigin: 'android',
  ...extra,
})

describe('2FAS schema 4, plain', () => {
  formatChecks({
    importer: twoFasImporter,
    fileName: '2fas-backup-20240101.2fas',
    bytes: utf8(v4(SERVICES_V4)),
    tamperAlwaysFails: false,
    expectEntries: expectKeys(KEYS_V4, { encrypted: false }),
  })
})

describe('2FAS schema 4, encrypted', () => {
  formatChecks({
    importer: twoFasImporter,
    fileName: '2fas-backup-20240101.2fas',
    bytes: utf8(
      v4([], {
        servicesEncrypted: twoFasServicesEncrypted(SERVICES_V4, EXPORT_PASSWORD),
        reference: 'opaque',
      }),
    ),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: true,
    fuzzRuns: 120,
    expectEntries: expectKeys(KEYS_V4, { encrypted: true }),
  })
})

describe('2FAS schema 1, plain', () => {
  formatChecks({
    importer: twoFasImporter,
    fileName: 'backup.2fas',
    bytes: utf8({
      services: [
        {
          name: 'Mail',
          secret: 'JBSWY3DPEHPK3PXP',
          otp: { label: 'me@mail.example', digits: 6, period: 30 },
          order: { position: 0 },
          type: 'ManualMicrosoft',
        },
      ],
      updatedAt: 1_600_000_000_000,
      schemaVersion: 1,
    }),
    tamperAlwaysFails: false,
    fuzzRuns: 100,
    expectEntries(file) {
      expect(keysOf(file)).toEqual([
        { ...KEY_DEFAULTS, secret: 'JBSWY3DPEHPK3PXP', issuer: 'Mail', account: 'me@mail.example' },
      ])
    },
  })
})
