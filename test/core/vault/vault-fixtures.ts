// Shared by the vault tests: real files in a fresh temporary folder, and fast KDF parameters
// (below the production floor, which is why the explicit test-only option is used).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type {
  ItemData,
  LoginData,
  NoteData,
  OtpData,
  RecoveryCodesData,
} from '../../../src-main/core/vault/item-types.ts'
import { createVault } from '../../../src-main/core/vault/vault-file.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'

export const FAST_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }
export const PASSWORD = 'correct horse battery staple'

export type TempDir = { dir: string; file: (name: string) => string; cleanup: () => void }

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-vault-test-'))
  return {
    dir,
    file: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export async function newVault(path: string, password = PASSWORD): Promise<UnlockedVaultFile> {
  return (await createVault(path, {
    password,
    name: 'Test vault',
    unsafeKdfParamsForTests: FAST_KDF,
  })) as UnlockedVaultFile
}

/** A fresh folder holding vault file v.cairn with `items` in it (the test locks and cleans up). */
export async function seededVault(items: ItemData[]): Promise<{
  tmp: TempDir
  path: string
  v: UnlockedVaultFile
}> {
  const tmp = tempDir()
  const path = tmp.file('v.cairn')
  const v = await newVault(path)
  for (const d of items) v.add(d)
  return { tmp, path, v }
}

export function login(overrides: Partial<LoginData> = {}): LoginData {
  return {
    type: 'login',
    title: 'Example',
    username: 'alice@example.com',
    password: 'pa55-word',
    urls: ['https://example.com/login'],
    notes: '',
    tags: ['work'],
    fields: [{ name: 'PIN', value: '1234', secret: true }],
    passwordHistory: [{ password: 'old-pass', replacedAt: 1_700_000_000_000 }],
    otpLink: null,
    ...overrides,
  }
}

export function otp(overrides: Partial<OtpData> = {}): OtpData {
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

export function recoveryCodes(overrides: Partial<RecoveryCodesData> = {}): RecoveryCodesData {
  return {
    type: 'recovery-codes',
    title: 'GitHub codes',
    issuer: 'GitHub',
    codes: [
      { code: 'aaaa-bbbb', used: false },
      { code: 'cccc-dddd', used: true },
    ],
    notes: '',
    tags: [],
    ...overrides,
  }
}

export function note(overrides: Partial<NoteData> = {}): NoteData {
  return { type: 'note', title: 'Note', body: 'body text', tags: [], ...overrides }
}

export const everyType: ItemData[] = [login(), otp(), recoveryCodes(), note()]
