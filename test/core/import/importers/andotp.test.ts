// andOTP backups: plain JSON, and .json.aes in the old SHA-256-key and the PBKDF2 layouts.
import { describe } from 'vitest'
import { andOtpImporter } from '../../../../src-main/core/import/importers/andotp.ts'
import { andOtpPbkdf2, andOtpSha256 } from './fixtures/export-crypto.ts'
import { expectKeys, EXPORT_PASSWORD, formatChecks, KEY_DEFAULTS } from './importer-harness.ts'

const ENTRIES = [
  {
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    label: 'octo',
    digits: 6,
    type: 'TOTP',
    algorithm: 'SHA1',
    thumbnail: 'Default',
    last_used: 1_700_000_000_000,
    used_frequency: 3,
    period: 30,
    tags: ['Work', 'Dev'],
  },
  {
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: '',
    label: 'Bank: carol',
    digits: 7,
    type: 'HOTP',
    algorithm: 'SHA256',
    thumbnail: 'Default',
    last_used: 0,
    counter: 3,
    tags: [],
  },
  {
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    issuer: 'Steam',
    label: 'gamer',
    digits: 5,
    type: 'STEAM',
    algorithm: 'SHA1',
    thumbnail: 'Steam',
    last_used: 0,
    period: 30,
    tags: [],
  },
]
const KEYS = [
  {
    ...KEY_DEFAULTS,
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'GitHub',
    account: 'octo',
    tags: ['Work', 'Dev'],
  },
  {
    ...KEY_DEFAULTS,
    kind: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: '',
    account: 'Bank: carol',
    algorithm: 'SHA256',
    digits: 7,
    counter: 3,
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

describe('andOTP plain', () => {
  formatChecks({
    importer: andOtpImporter,
    fileName: 'otp_accounts.json',
    bytes: new TextEncoder().encode(JSON.stringify(ENTRIES)),
    tamperAlwaysFails: false,
    expectEntries: expectKeys(KEYS),
  })
})

describe('andOTP encrypted, PBKDF2 layout', () => {
  formatChecks({
    importer: andOtpImporter,
    fileName: 'otp_accounts_2024-01-01.json.aes',
    bytes: andOtpPbkdf2(ENTRIES, EXPORT_PASSWORD),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: true,
    fuzzRuns: 0,
    expectEntries: expectKeys(KEYS, { encrypted: true }),
  })
})

describe('andOTP encrypted, PBKDF2 layout with few iterations for the fuzz', () => {
  formatChecks({
    importer: andOtpImporter,
    fileName: 'otp_accounts.json.aes',
    bytes: andOtpPbkdf2(ENTRIES, EXPORT_PASSWORD, 1_000),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: true,
    fuzzRuns: 150,
    expectEntries: expectKeys(KEYS),
  })
})

describe('andOTP encrypted, old SHA-256 key layout', () => {
  formatChecks({
    importer: andOtpImporter,
    fileName: 'otp_accounts.json.aes',
    bytes: andOtpSha256(ENTRIES, EXPORT_PASSWORD),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: true,
    fuzzRuns: 150,
    expectEntries: expectKeys(KEYS),
  })
})
