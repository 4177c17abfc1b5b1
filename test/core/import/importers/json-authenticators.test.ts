// FreeOTP+, Proton Authenticator, Stratum, Steam Guard maFile, Duo and LastPass Authenticator
// exports, each written from the format's description.
import { describe, expect } from 'vitest'
import { duoImporter } from '../../../../src-main/core/import/importers/duo.ts'
import { freeOtpPlusImporter } from '../../../../src-main/core/import/importers/freeotp-plus.ts'
import { lastPassAuthenticatorImporter } from '../../../../src-main/core/import/importers/lastpass-authenticator.ts'
import { protonAuthenticatorImporter } from '../../../../src-main/core/import/importers/proton-authenticator.ts'
import { steamMaFileImporter } from '../../../../src-main/core/import/importers/steam-mafile.ts'
import { formatChecks, jsonBytes, KEY_DEFAULTS, keysOf } from './importer-harness.ts'

/** "Hello!\xDE\xAD\xBE\xEF" as Java's signed bytes, and its base32. */
const SIGNED = [72, 101, 108, 108, 111, 33, -34, -83, -66, -17]
const SIGNED_BASE32 = 'JBSWY3DPEHPK3PXP'

describe('FreeOTP+', () => {
  formatChecks({
    importer: freeOtpPlusImporter,
    fileName: 'freeotp-backup.json',
    bytes: jsonBytes({
      tokenOrder: ['GitHub:octo', 'counter'],
      tokens: [
        {
          algo: 'SHA1',
          counter: 0,
          digits: 6,
          issuerExt: 'GitHub',
          issuerInt: 'GitHub',
          label: 'octo',
          period: 30,
          secret: SIGNED,
          type: 'TOTP',
        },
        {
          algo: 'SHA256',
          counter: 12,
          digits: 8,
          issuerExt: '',
          label: 'Shop: dan',
          period: 30,
          secret: SIGNED.map((b) => -b),
          type: 'HOTP',
        },
      ],
    }),
    tamperAlwaysFails: false,
    expectEntries(file) {
      expect(keysOf(file)).toEqual([
        { ...KEY_DEFAULTS, secret: SIGNED_BASE32, issuer: 'GitHub', account: 'octo' },
        {
          ...KEY_DEFAULTS,
          kind: 'hotp',
          secret: 'XCNZJFER34RFGQQR',
          issuer: '',
          account: 'Shop: dan',
          algorithm: 'SHA256',
          digits: 8,
          counter: 12,
        },
      ])
    },
  })
})

describe('Proton Authenticator', () => {
  formatChecks({
    importer: protonAuthenticatorImporter,
    fileName: 'proton-authenticator-export.json',
    bytes: jsonBytes({
      version: 1,
      entries: [
        {
          id: 'e1',
          content: {
            uri: 'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60',
            entry_type: 'Totp',
            name: 'octo',
          },
          note: 'work laptop',
        },
        {
          id: 'e2',
          content: {
            uri: 'steam://63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
            entry_type: 'Steam',
            name: 'gamer',
          },
          note: null,
        },
      ],
    }),
    tamperAlwaysFails: false,
    expectEntries(file) {
      expect(keysOf(file)).toEqual([
        {
          ...KEY_DEFAULTS,
          secret: 'JBSWY3DPEHPK3PXP',
          issuer: 'GitHub',
          account: 'octo',
          algorithm: 'SHA256',
          digits: 8,
          period: 60,
          notes: 'work laptop',
        },
        {
          ...KEY_DEFAULTS,
          secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
          issuer: 'Steam',
          account: 'gamer',
          digits: 5,
          encoder: 'steam',
        },
      ])
    },
  })
})

describe('Steam Guard maFile', () => {
  formatChecks({
    importer: steamMaFileImporter,
    fileName: '76561198000000000.maFile',
    bytes: jsonBytes({
      shared_secret: Buffer.from('f6c241d850caa70b3c92045048afa39ce051266a', 'hex').toString(
        'base64',
      ),
      serial_number: '1234567890123456789',
      revocation_code: 'R12345',
      uri: 'otpauth://totp/Steam:gamer?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam',
      server_time: 1_700_000_000,
      account_name: 'gamer',
      token_gid: 'abc',
      identity_secret: 'aWRlbnRpdHk=',
      secret_1: 'c2VjcmV0',
      status: 1,
      device_id: 'android:00000000-0000-0000-0000-000000000000',
      fully_enrolled: true,
      Session: { SteamID: 76561198000000000 },
    }),
    tamperAlwaysFails: false,
    expectEntries(file) {
      expect(keysOf(file)).toEqual([
        {
          ...KEY_DEFAULTS,
          secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
          issuer: 'Steam',
          account: 'gamer',
          digits: 5,
          encoder: 'steam',
          notes: 'Steam Guard revocation code: R12345',
        },
      ])
      expect(file.notes).toEqual(['the identity secret (trade confirmations) is not imported'])
    },
  })
})

describe('Duo Mobile', () => {
  formatChecks({
    importer: duoImporter,
    fileName: 'accounts.json',
    bytes: jsonBytes([
      {
        name: 'University',
        otpGenerator: { otpSecret: 'JBSWY3DPEHPK3PXP', counter: 17 },
        accountType: 'OtpAccount',
        logoUri: null,
      },
      {
        name: 'Shop',
        otpGenerator: { otpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
        accountType: 'OtpAccount',
      },
    ]),
    tamperAlwaysFails: false,
    expectEntries(file) {
      expect(keysOf(file)).toEqual([
        {
          ...KEY_DEFAULTS,
          kind: 'hotp',
          secret: 'JBSWY3DPEHPK3PXP',
          issuer: 'Duo',
          account: 'University',
          counter: 17,
        },
        {
          ...KEY_DEFAULTS,
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
          issuer: 'Duo',
          account: 'Shop',
        },
      ])
    },
  })
})

describe('LastPass Authenticator', () => {
  formatChecks({
    importer: lastPassAuthenticatorImporter,
    fileName: 'lastpass-authenticator.json',
    bytes: jsonBytes({
      deviceName: 'phone',
      deviceSecret: '',
      localDeviceId: 'd1',
      version: 3,
      accounts: [
        {
          accountID: 'a1',
          lmiUserId: '',
          issuerName: 'GitHub',
          originalIssuerName: 'GitHub',
          userName: 'octo',
          originalUserName: 'octo',
          pushNotification: false,
          secret: 'JBSWY3DPEHPK3PXP',
          timeStep: 30,
          digits: 6,
          creationTimestamp: 1_700_000_000_000,
          isFavorite: true,
          algorithm: 'SHA1',
          folderData: { folderId: 1, position: 0 },
        },
        {
          accountID: 'a2',
          lmiUserId: '',
          issuerName: '',
          originalIssuerName: 'Mail',
          userName: '',
          originalUserName: 'me',
          pushNotification: false,
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
          timeStep: 60,
          digits: 8,
          creationTimestamp: 0,
          isFavorite: false,
          algorithm: 'SHA512',
          folderData: { folderId: 0, position: 0 },
        },
      ],
      folders: [
        { id: 0, name: 'Favorites', isOpened: true },
        { id: 1, name: 'Work', isOpened: true },
      ],
    }),
    tamperAlwaysFails: false,
    expectEntries(file) {
      expect(keysOf(file)).toEqual([
        {
          ...KEY_DEFAULTS,
          secret: 'JBSWY3DPEHPK3PXP',
          issuer: 'GitHub',
          account: 'octo',
          folder: 'Work',
        },
        {
          ...KEY_DEFAULTS,
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
          issuer: 'Mail',
          account: 'me',
          algorithm: 'SHA512',
          digits: 8,
          period: 60,
          folder: 'Favorites',
        },
      ])
    },
  })
})
