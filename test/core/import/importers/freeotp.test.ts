// FreeOTP 2 backups, written as FreeOTP for Android writes them (fixtures/freeotp-backup.ts):
// TOTP, HOTP and Steam tokens, edited names, an older token without `algo`, both key
// derivations FreeOTP uses, and what an unusable token or a damaged map does.
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../../src-main/core/errors.ts'
import { decodeBase32 } from '../../../../src-main/core/otp/base32.ts'
import { freeOtpImporter } from '../../../../src-main/core/import/importers/freeotp.ts'
import { readJavaStringMap } from '../../../../src-main/core/import/importers/java-string-map.ts'
import { freeOtpBackup, javaSerializedMap, type FreeOtpToken } from './fixtures/freeotp-backup.ts'
import {
  answer,
  errorOfAsync,
  expectKeys,
  EXPORT_PASSWORD,
  formatChecks,
  KEY_DEFAULTS,
  keysOf,
} from './importer-harness.ts'

const secret = (base32: string) => decodeBase32(base32)

const TOKENS: FreeOtpToken[] = [
  {
    uuid: '0b1c2d3e-0000-4000-8000-000000000001',
    secret: secret('JBSWY3DPEHPK3PXP'),
    token: {
      algo: 'SHA1',
      issuerExt: 'GitHub',
      issuerInt: 'GitHub',
      label: 'octo',
      digits: 6,
      period: 60,
      type: 'TOTP',
    },
  },
  {
    uuid: '0b1c2d3e-0000-4000-8000-000000000002',
    secret: secret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
    // Renamed in FreeOTP: the edited names (…Alt) are the ones shown.
    token: {
      algo: 'SHA512',
      issuerExt: 'Bank',
      issuerAlt: 'My bank',
      label: 'carol',
      labelAlt: 'carol (savings)',
      digits: 8,
      type: 'HOTP',
      counter: 7,
      lock: true,
      color: '3f51b5',
    },
  },
  {
    uuid: '0b1c2d3e-0000-4000-8000-000000000003',
    secret: secret('63BEDWCQZKTQWPESARIERL5DTTQFCJTK'),
    token: { issuerExt: 'Steam', label: 'gamer', type: 'TOTP' },
  },
  {
    uuid: '0b1c2d3e-0000-4000-8000-000000000004',
    secret: secret('KRSXG5CTMVRXEZLUKRSXG5CT'),
    // An older token without `algo`, digits or period: FreeOTP's defaults (SHA-1, 6, 30 s).
    token: { label: 'Shop:dan', type: 'TOTP' },
  },
]

const KEYS = [
  { ...KEY_DEFAULTS, secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', account: 'octo', period: 60 },
  {
    ...KEY_DEFAULTS,
    kind: 'hotp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'My bank',
    account: 'carol (savings)',
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
  // No issuer: the name stays whole.
  { ...KEY_DEFAULTS, secret: 'KRSXG5CTMVRXEZLUKRSXG5CT', issuer: '', account: 'Shop:dan' },
]

describe('FreeOTP 2 backup (PBKDF2-HMAC-SHA512, 100,000 rounds as FreeOTP makes it)', () => {
  formatChecks({
    importer: freeOtpImporter,
    fileName: 'freeotp-backup',
    bytes: freeOtpBackup(TOKENS, EXPORT_PASSWORD),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: false,
    fuzzRuns: 0,
    expectEntries: expectKeys(KEYS, { encrypted: true }),
  })
})

describe('FreeOTP 2 backup (PBKDF2-HMAC-SHA1, few rounds: the fuzzed twin)', () => {
  formatChecks({
    importer: freeOtpImporter,
    fileName: 'freeotp-backup',
    bytes: freeOtpBackup(TOKENS, EXPORT_PASSWORD, {
      iterations: 10,
      kdf: 'PBKDF2withHmacSHA1',
    }),
    password: EXPORT_PASSWORD,
    tamperAlwaysFails: false,
    expectEntries: expectKeys(KEYS, { encrypted: true }),
  })
})

describe('FreeOTP 2 backup, what cannot be used', () => {
  const cheap = { iterations: 10 }

  it('a token with an algorithm Cairn lacks is a problem naming it; the others still read', async () => {
    const odd: FreeOtpToken = {
      uuid: 'odd',
      secret: secret('JBSWY3DPEHPK3PXP'),
      token: { algo: 'SHA224', label: 'legacy', type: 'TOTP' },
    }
    const file = await freeOtpImporter.read(
      freeOtpBackup([TOKENS[0]!, odd], EXPORT_PASSWORD, cheap),
      answer(EXPORT_PASSWORD),
    )
    expect(keysOf(file)).toEqual([KEYS[0]])
    expect(file.problems).toEqual([
      { where: 'token 2', reason: "the algorithm 'SHA224' is not supported" },
    ])
  })

  it('a key without its details is a problem; a key sealed under another master key is damage', async () => {
    const good = freeOtpBackup([TOKENS[0]!], EXPORT_PASSWORD, cheap)
    const other = freeOtpBackup([TOKENS[1]!], 'another password', cheap)
    const fail = (reason: string): never => {
      throw new Error(reason)
    }
    const goodMap = readJavaStringMap(good, fail)
    const otherMap = readJavaStringMap(other, fail)
    const master = goodMap.find(([k]) => k === 'masterKey')!
    const orphan = goodMap.filter(([k]) => !k.endsWith('-token'))
    const missingDetails = await freeOtpImporter.read(
      javaSerializedMap(orphan),
      answer(EXPORT_PASSWORD),
    )
    expect(missingDetails.entries).toEqual([])
    expect(missingDetails.problems).toEqual([
      { where: 'token 1', reason: 'its details (name, type, digits) are missing' },
    ])
    const foreign = [master, ...otherMap.filter(([k]) => k !== 'masterKey')]
    const e = await errorOfAsync(() =>
      freeOtpImporter.read(javaSerializedMap(foreign), answer(EXPORT_PASSWORD)),
    )
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    expect(String(e)).toMatch(/token 1's key does not open with the master key/)
  })

  it('skips a preference that is not text, such as the Boolean FreeOTP sets while restoring', async () => {
    const fail = (reason: string): never => {
      throw new Error(reason)
    }
    const entries = readJavaStringMap(freeOtpBackup(TOKENS, EXPORT_PASSWORD, cheap), fail)
    const withFlags = javaSerializedMap([
      ['restoreComplete', true],
      ...entries.slice(0, 3),
      ['otherFlag', false],
      ...entries.slice(3),
    ])
    const file = await freeOtpImporter.read(withFlags, answer(EXPORT_PASSWORD))
    expect(keysOf(file)).toEqual(KEYS)
    expect(file.problems).toEqual([])
  })

  it('a Java map of something else, or without a master key, is one clear error', async () => {
    const noMaster = javaSerializedMap([['theme', 'dark']])
    const e = await errorOfAsync(() => freeOtpImporter.read(noMaster, answer(EXPORT_PASSWORD)))
    expect(isCairnError(e, 'MALFORMED_BACKUP')).toBe(true)
    expect(String(e)).toMatch(/Not a readable FreeOTP file: it holds no master key/)
    expect(freeOtpImporter.sniff(noMaster, 'prefs.bin')).toBe(2)
    expect(freeOtpImporter.sniff(new TextEncoder().encode('{"a":1}'), 'x.json')).toBe(0)
  })
})
