// The health report through the API handler table on real vault files: two vaults checked together,
// findings named by session id, a backup taking items off the list, locked vaults named, and not
// one secret in what the renderer receives.
import { afterEach, describe, expect, it } from 'vitest'
import {
  API,
  type ApiResult,
  type HealthReport,
  type ItemSummary,
  type VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => h.cleanup())

async function callApi(channel: string, ...args: unknown[]): Promise<ApiResult<unknown>> {
  return h.handlers[channel]!(args)
}

async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const r = await callApi(channel, ...args)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

const REUSED = 'summer2019'
const KEY_SECRET = 'JBSWY3DPEHPK3PXP'

const login = (title: string, password: string, url: string) => ({
  kind: 'login',
  title,
  username: 'ada',
  password,
  urls: [url],
  notes: '',
  tags: [],
  fields: [],
  otpLink: null,
})

async function vault(name: string): Promise<VaultInfo> {
  return value<VaultInfo>(API.vaults.create, {
    path: h.path(`${name}.cairn`),
    name,
    password: 'pw',
  })
}

describe('health report', () => {
  it('checks every unlocked vault together and sends only ids, titles and reasons', async () => {
    h = servicesInTempDir({ typedPathsAreFileChoices: true })
    const passwords = await vault('Passwords')
    const keys = await vault('Keys')
    const mail = await value<ItemSummary>(
      API.items.create,
      passwords.id,
      login('Mail', REUSED, 'https://mail.example'),
    )
    await value(API.items.create, passwords.id, login('Code host', REUSED, 'https://github.com'))
    await value(API.items.create, keys.id, {
      kind: 'otp',
      title: '',
      issuer: 'GitHub',
      account: 'ada',
      notes: '',
      tags: [],
      key: { from: 'uri', uri: `otpauth://totp/GitHub:ada?secret=${KEY_SECRET}&issuer=GitHub` },
    })

    const report = await value<HealthReport>(API.health.report)
    const reasons = (title: string) =>
      report.findings.filter((f) => f.title === title).map((f) => f.reason)
    expect(reasons('Mail')).toEqual(['weak-password', 'reused-password', 'not-backed-up'])
    expect(reasons('Code host')).toEqual([
      'weak-password',
      'reused-password',
      'unlinked-2fa',
      'not-backed-up',
    ])
    expect(reasons('GitHub')).toEqual(['no-recovery-codes', 'not-backed-up'])
    const mailWeak = report.findings.find((f) => f.title === 'Mail')!
    expect(mailWeak).toMatchObject({
      vaultId: passwords.id,
      vaultName: 'Passwords',
      itemId: mail.id,
      kind: 'login',
    })
    expect(report.vaults.map((v) => [v.name, v.lastBackupAt])).toEqual([
      ['Passwords', null],
      ['Keys', null],
    ])
    expect(report.checked).toEqual({ items: 3, logins: 2, keys: 1 })
    // Reports asked for at once run one after the other and agree.
    const [again, andAgain] = await Promise.all([
      value<HealthReport>(API.health.report),
      value<HealthReport>(API.health.report),
    ])
    expect(again).toEqual(report)
    expect(andAgain).toEqual(report)
    const sent = JSON.stringify(report)
    expect(sent).not.toContain(REUSED)
    expect(sent).not.toContain(KEY_SECRET)

    // A backup of the passwords vault takes its items off the "not in any backup" list.
    await value(API.vaultSettings.backup, passwords.id, {
      path: h.path('passwords.cairnbackup'),
      passphrase: null,
      currentPassword: null,
    })
    const after = await value<HealthReport>(API.health.report)
    expect(after.findings.filter((f) => f.reason === 'not-backed-up').map((f) => f.title)).toEqual([
      'GitHub',
    ])
    expect(after.vaults[0]!.lastBackupAt).toBeTypeOf('number')

    // A locked vault is named, and its items (the key) drop out of the check.
    await value(API.vaults.lock, keys.id)
    const locked = await value<HealthReport>(API.health.report)
    expect(locked.lockedVaults).toEqual([{ vaultId: keys.id, name: 'Keys' }])
    expect(locked.findings.some((f) => f.reason === 'unlinked-2fa')).toBe(false)
    expect(locked.checked.keys).toBe(0)
  })

  it('takes no arguments', async () => {
    h = servicesInTempDir()
    const r = await callApi(API.health.report, 'extra')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('INVALID_ARGUMENT')
  })
})
