// Plain item data for CLI tests, with secrets the tests then look for in the output.
import type {
  LoginData,
  NoteData,
  OtpData,
  RecoveryCodesData,
} from '../../src-main/core/vault/item-types.ts'

export function otpItem(overrides: Partial<OtpData> = {}): OtpData {
  return {
    type: 'otp',
    kind: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'Example',
    account: 'alice',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    encoder: 'standard',
    title: '',
    notes: '',
    tags: [],
    ...overrides,
  }
}

export function login(overrides: Partial<LoginData> = {}): LoginData {
  return {
    type: 'login',
    title: 'Example',
    username: 'alice@example.com',
    password: 'Login-Secret-42',
    urls: ['https://example.com/login'],
    notes: '',
    tags: [],
    fields: [{ name: 'PIN', value: 'Pin-Secret-7', secret: true }],
    passwordHistory: [{ password: 'Old-Secret-1', replacedAt: 1_700_000_000_000 }],
    otpLink: null,
    ...overrides,
  }
}

export function recoveryCodes(overrides: Partial<RecoveryCodesData> = {}): RecoveryCodesData {
  return {
    type: 'recovery-codes',
    title: 'GitHub codes',
    issuer: 'GitHub',
    codes: [
      { code: 'RC-SECRET-AAAA', used: false },
      { code: 'RC-SECRET-BBBB', used: true },
    ],
    notes: '',
    tags: [],
    ...overrides,
  }
}

export function note(overrides: Partial<NoteData> = {}): NoteData {
  return { type: 'note', title: 'Note', body: 'Note-Secret-Body', tags: [], ...overrides }
}
