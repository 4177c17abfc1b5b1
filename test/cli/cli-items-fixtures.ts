// Plain item data for CLI tests, with secrets the tests then look for in the output.
import type {
  LoginData,
  NoteData,
  RecoveryCodesData,
} from '../../src-main/core/vault/item-types.ts'

export { otp as otpItem } from '../core/vault/vault-fixtures.ts'

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
