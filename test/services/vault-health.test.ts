// The health report through the API handler table on real vault files: two vaults checked together,
// findings named by session id, a backup taking items off the list, locked vaults named, and not
// one secret in what the renderer receives.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  API,
  type HealthReport,
  type ItemSummary,
  type ProgressInfo,
  type VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => h.cleanup())

const callApi = <T = unknown>(channel: string, ...args: unknown[]) => h.call<T>(channel, ...args)

const value = <T>(channel: string, ...args: unknown[]) => h.value<T>(channel, ...args)

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

  it('rates on worker threads with progress events, keeps ratings, and ends the workers on lock', async () => {
    h = servicesInTempDir({ typedPathsAreFileChoices: true })
    const passwords = await vault('Passwords')
    for (let n = 0; n < 40; n += 1) {
      await value(
        API.items.create,
        passwords.id,
        login(
          `Site ${n}`,
          n % 2 === 0 ? `summer${2000 + n}` : `vT8#qL2!mZ9@xR4$${n}`,
          `https://s${n}.example`,
        ),
      )
    }
    const progress: ProgressInfo[] = []
    h.services.events.subscribe((event) => {
      if (event.type === 'progress' && event.vaultId === null) progress.push(event.progress)
    })

    const report = await value<HealthReport>(API.health.report)
    expect(report.findings.filter((f) => f.reason === 'weak-password')).toHaveLength(20)
    expect(h.services.health.ratingWorkers).toBeGreaterThanOrEqual(1)
    // From none to all, counting up, then not one password in what went out.
    expect(progress[0]).toEqual({ operation: 'health', phase: 'rating', done: 0, total: 40 })
    expect(progress.at(-1)).toEqual({ operation: 'health', phase: 'rating', done: 40, total: 40 })
    expect(progress.length).toBeGreaterThan(2)
    const dones = progress.map((p) => p.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    expect(JSON.stringify(progress)).not.toMatch(/summer|vT8/)

    // Kept ratings: the next report rates nothing and says so at once.
    progress.length = 0
    expect(await value<HealthReport>(API.health.report)).toEqual(report)
    expect(progress.map((p) => p.done)).toEqual([0, 40])

    // Locking every vault ends the workers.
    await value(API.vaults.lock, passwords.id)
    await vi.waitFor(() => expect(h.services.health.ratingWorkers).toBe(0))
  })

  it('takes no arguments', async () => {
    h = servicesInTempDir()
    const r = await callApi(API.health.report, 'extra')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('INVALID_ARGUMENT')
  })
})
