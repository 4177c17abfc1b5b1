// Stratum (Authenticator Pro) backups: plain JSON, the Argon2id + AES-GCM layout and the older
// PBKDF2 + AES-CBC one, written from Stratum's backup format description.
import { describe } from 'vitest'
import { stratumImporter } from '../../../../src-main/core/import/importers/stratum.ts'
import { stratumLegacy, stratumStrong } from './fixtures/export-crypto.ts'
import {
  expectKeys,
  EXPORT_PASSWORD,
  formatChecks,
  jsonBytes,
  KEY_DEFAULTS,
} from './importer-harness.ts'

const BACKUP = {
  Authenticators: [
    {
      Type: 2,
      Icon: 'github',
      Issuer: 'GitHub',
      Username: 'octo',
      Secret: 'JBSWY3DPEHPK3PXP',
      Pin: null,
      Algorithm: 1,
      Digits: 6,
      Period: 30,
      Counter: 0,
      CopyCount: 4,
      Ranking: 0,
    },
    {
      Type: 1,
      Icon: null,
      Issuer: 'Bank',
      Username: 'carol',
      Secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      Pin: null,
      Algorithm: 0,
      Digits: 9,
      Period: 30,
      Counter: 5,
      CopyCount: 0,
      Ranking: 1,
    },
    {
      Type: 4,
      Icon: 'steam',
      Issuer: 'Steam',
      Username: 'gamer',
      Secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
      Pin: null,
      Algorithm: 0,
      Digits: 5,
      Period: 30,
      Counter: 0,
      CopyCount: 0,
      Ranking: 2,
    },
  ],
  Categories: [{ Id: 'c1', Name: 'Work', Ranking: 0 }],
  AuthenticatorCategories: [
    { CategoryId: 'c1', AuthenticatorSecret: 'JBSWY3DPEHPK3PXP', Ranking: 0 },
  ],
  CustomIcons: [],
}
const KEYS = [
  {
    ...KEY_DEFAULTS,
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'octo',
    algorithm: 'SHA256',
    folder: 'Work',
  },
  {
    ...KEY_DEFAULTS,
    kind: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Bank',
    account: 'carol',
    digits: 9,
    counter: 5,
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

describe('Stratum plain', () => {
  formatChecks({
    importer: stratumImporter,
    fileName: 'stratum-backup.json',
    bytes: jsonBytes(BACKUP),
    tamperAlwaysFails: false,
    expectEntries: expectKeys(KEYS, { encrypted: false }),
  })
})

describe('Stratum encrypted (Argon2id + AES-GCM)', () => {
  formatChecks({
    importer: stratumImporter,
    fileName: 'stratum-backup.authpro',
    bytes: stratumStrong(BACKUP, EXPORT_PASSWORD),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: true,
    // Every mutated input that keeps the header costs a 64 MiB Argon2id: the parser behind it is
    // the plain one, fuzzed above; the legacy layout's framing is fuzzed below.
    fuzzRuns: 0,
    expectEntries: expectKeys(KEYS, { encrypted: true }),
  })
})

describe('Stratum encrypted, older layout (PBKDF2 + AES-CBC)', () => {
  formatChecks({
    importer: stratumImporter,
    fileName: 'stratum-backup.authpro',
    bytes: stratumLegacy(BACKUP, EXPORT_PASSWORD),
    password: EXPORT_PASSWORD,
    // CBC carries no authentication tag: a changed byte may still decrypt to valid JSON.
    tamperAlwaysFails: false,
    fuzzRuns: 40,
    expectEntries: expectKeys(KEYS),
  })
})
