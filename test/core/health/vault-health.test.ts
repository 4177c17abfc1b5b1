// The health check on real vault files: two vaults (passwords, and a separate 2FA vault) written to
// disk, locked, opened again and read back, as the app and `cairn health` see them.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import {
  checkVaultHealth,
  type HealthReport,
  type HealthVault,
} from '../../../src-main/core/health/vault-health.ts'
import type { ItemData } from '../../../src-main/core/vault/item-types.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import {
  PASSWORD,
  login,
  newVault,
  otp,
  recoveryCodes,
  tempDir,
  type TempDir,
} from '../vault/vault-fixtures.ts'

const DAY = 24 * 60 * 60 * 1000
const STRONG = 'vT8#qL2!mZ9@xR4$wK7^'

let tmp: TempDir
const open: UnlockedVaultFile[] = []

afterEach(() => {
  for (const v of open.splice(0)) v.lock()
  tmp?.cleanup()
})

async function vaultWith(name: string, items: ItemData[]): Promise<UnlockedVaultFile> {
  tmp ??= tempDir()
  const path = tmp.file(`${name}.cairn`)
  const created = await newVault(path)
  for (const item of items) created.add(item)
  created.lock()
  // Read back from disk, as a later session would.
  const reopened = (await openVault(path).unlock({
    kind: 'password',
    password: PASSWORD,
  })) as UnlockedVaultFile
  open.push(reopened)
  return reopened
}

function asHealth(v: UnlockedVaultFile, name: string, lastBackupAt?: number | null): HealthVault {
  return {
    vaultUuid: v.header.vaultUuid,
    name,
    items: v.list({ includeTrash: true }).items,
    ...(lastBackupAt !== undefined ? { lastBackupAt } : {}),
  }
}

function detailOf(report: HealthReport, reason: string, title: string): string | undefined {
  return report.findings.find((f) => f.reason === reason && f.title === title)?.detail
}

function titlesFor(report: HealthReport, reason: string): string[] {
  return report.findings.filter((f) => f.reason === reason).map((f) => f.title)
}

const strongLogin = (over: Parameters<typeof login>[0]) =>
  login({ password: STRONG, passwordHistory: [], fields: [], ...over })

describe('vault health', () => {
  afterEach(() => {
    tmp = undefined as unknown as TempDir
  })

  it('reports weak passwords with their score, and leaves strong ones alone', async () => {
    const v = await vaultWith('passwords', [
      strongLogin({ title: 'Bank', password: 'password1', urls: ['https://bank.example'] }),
      strongLogin({ title: 'Forum', urls: ['https://forum.example'] }),
    ])
    const report = await checkVaultHealth([asHealth(v, 'Passwords')], { now: Date.now() })
    const weak = report.findings.filter((f) => f.reason === 'weak-password')
    expect(weak.map((f) => f.title)).toEqual(['Bank'])
    expect(weak[0]!.score).toBeLessThanOrEqual(1)
    expect(weak[0]!.detail).toMatch(/^Rated (very weak|weak): it could be guessed in /)
    expect(report.checked).toEqual({ items: 2, logins: 2, keys: 0 })
  })

  it('finds a password reused across two vaults and names the other login, never the password', async () => {
    const shared = 'Tr0ub4dour&3-horse-shared'
    const a = await vaultWith('a', [
      strongLogin({ title: 'Mail', password: shared, urls: ['https://mail.example'] }),
      strongLogin({ title: 'Shop', urls: ['https://shop.example'] }),
    ])
    const b = await vaultWith('b', [
      strongLogin({ title: 'Chat', password: shared, urls: ['https://chat.example'] }),
    ])
    const report = await checkVaultHealth([asHealth(a, 'Home'), asHealth(b, 'Work')], {
      now: Date.now(),
    })
    const reused = report.findings.filter((f) => f.reason === 'reused-password')
    expect(reused.map((f) => f.title)).toEqual(['Chat', 'Mail'])
    expect(reused[0]!.detail).toBe('The same password is used by “Mail” in “Home”.')
    expect(reused[1]!.vaultUuid).toBe(a.header.vaultUuid)
    expect(JSON.stringify(report)).not.toContain(shared)
    expect(JSON.stringify(report)).not.toContain(STRONG)
  })

  it('counts a password’s age from its last change, not from other edits', async () => {
    const v = await vaultWith('ages', [
      strongLogin({ title: 'Never changed' }),
      strongLogin({ title: 'Changed lately' }),
    ])
    const changed = v.list().items.find((r) => r.data.title === 'Changed lately')!
    const later = Date.now() + 400 * DAY
    v.update(changed.id, {
      ...changed.data,
      type: 'login',
      passwordHistory: [{ password: 'older', replacedAt: later - 10 * DAY }],
    } as ItemData)
    const report = await checkVaultHealth([asHealth(v, 'V')], { now: later })
    expect(titlesFor(report, 'old-password')).toEqual(['Never changed'])
    const old = report.findings.find((f) => f.reason === 'old-password')!
    expect(old.detail).toBe('The password has not changed for 13 months.')
    // Under a year: nothing is old.
    const sooner = await checkVaultHealth([asHealth(v, 'V')], { now: Date.now() + 300 * DAY })
    expect(titlesFor(sooner, 'old-password')).toEqual([])
  })

  it('finds a login whose site has a 2FA key in the other vault but no link, until it is linked', async () => {
    const passwords = await vaultWith('passwords', [
      strongLogin({ title: 'My code host', urls: ['https://github.com/login'] }),
      strongLogin({ title: 'Search', urls: ['https://accounts.google.com'] }),
      strongLogin({ title: 'Library', urls: ['https://library.example'] }),
    ])
    const keys = await vaultWith('keys', [
      otp({ issuer: 'GitHub', account: 'alice' }),
      otp({ issuer: 'Google', account: 'alice@gmail.com', secret: 'GEZDGNBVGY3TQOJQ' }),
    ])
    const both = () =>
      checkVaultHealth([asHealth(passwords, 'Passwords'), asHealth(keys, '2FA keys')], {
        now: Date.now(),
      })
    const before = await both()
    expect(titlesFor(before, 'unlinked-2fa')).toEqual(['My code host', 'Search'])
    expect(detailOf(before, 'unlinked-2fa', 'My code host')).toBe(
      'Cairn holds a 2FA key for this site, “GitHub” in “2FA keys”, but this login is not linked to it.',
    )

    const gh = passwords.list().items.find((r) => r.data.title === 'My code host')!
    const key = keys.list().items.find((r) => r.data.type === 'otp' && r.data.issuer === 'GitHub')!
    passwords.update(gh.id, {
      ...(gh.data as Extract<ItemData, { type: 'login' }>),
      otpLink: { vaultId: keys.header.vaultUuid, itemId: key.id },
    })
    expect(titlesFor(await both(), 'unlinked-2fa')).toEqual(['Search'])

    // The linked key goes to the trash: the link points at nothing a person can use.
    keys.trash(key.id)
    keys.add(otp({ issuer: 'GitHub', account: 'alice', secret: 'MFRGGZDFMZTWQ2LK' }))
    const after = await both()
    expect(detailOf(after, 'unlinked-2fa', 'My code host')).toBe(
      'Its linked 2FA key is gone; “GitHub” in “2FA keys” looks like its key: link it to see the code here.',
    )
    // Checked alone, the passwords vault cannot tell: its link is taken on trust.
    const alone = await checkVaultHealth([asHealth(passwords, 'Passwords')], { now: Date.now() })
    expect(titlesFor(alone, 'unlinked-2fa')).toEqual([])
  })

  it('finds 2FA keys without recovery codes, or whose codes are all used', async () => {
    const keys = await vaultWith('keys', [
      otp({ issuer: 'GitHub', account: 'alice' }),
      otp({ issuer: 'Proton Mail', account: 'alice', secret: 'GEZDGNBVGY3TQOJQ' }),
      otp({ issuer: 'Dropbox', account: 'alice', secret: 'MFRGGZDFMZTWQ2LK' }),
      recoveryCodes({ issuer: 'GitHub' }),
      recoveryCodes({
        issuer: '',
        title: 'ProtonMail recovery codes',
        codes: [{ code: 'one', used: true }],
      }),
    ])
    const report = await checkVaultHealth([asHealth(keys, 'Keys')], { now: Date.now() })
    const found = report.findings.filter((f) => f.reason === 'no-recovery-codes')
    expect(found.map((f) => [f.title, f.detail])).toEqual([
      [
        'Dropbox',
        'No recovery codes are saved for it: without them, losing this key can lock you out.',
      ],
      ['Proton Mail', 'Every recovery code saved for it is used: get new ones from the site.'],
    ])
    expect(found.every((f) => f.kind === 'otp')).toBe(true)
    expect(JSON.stringify(report)).not.toContain('JBSWY3DPEHPK3PXP')
    expect(JSON.stringify(report)).not.toContain('aaaa-bbbb')
  })

  it('lists items added or changed after the vault’s last backup, everything when never backed up', async () => {
    const v = await vaultWith('backed', [
      strongLogin({ title: 'Kept' }),
      strongLogin({ title: 'Edited' }),
    ])
    const never = await checkVaultHealth([asHealth(v, 'Home', null)], { now: Date.now() })
    expect(titlesFor(never, 'not-backed-up')).toEqual(['Edited', 'Kept'])
    expect(never.findings.find((f) => f.reason === 'not-backed-up')!.detail).toBe(
      '“Home” has never been backed up.',
    )

    const backup = await writeBackup(v, tmp.file('home.cairnbackup'), {
      protection: { kind: 'vault-slots' },
    })
    // Item times are whole milliseconds: step past the backup's.
    await new Promise((r) => setTimeout(r, 5))
    v.add(strongLogin({ title: 'Added' }))
    const edited = v.list().items.find((r) => r.data.title === 'Edited')!
    v.update(edited.id, { ...edited.data, tags: ['new'] } as ItemData)

    const report = await checkVaultHealth([asHealth(v, 'Home', backup.createdAt)], {
      now: Date.now(),
    })
    const found = report.findings.filter((f) => f.reason === 'not-backed-up')
    expect(found.map((f) => [f.title, f.detail])).toEqual([
      ['Added', 'Added after the last backup.'],
      ['Edited', 'Changed after the last backup.'],
    ])
    // Unknown backup state (lastBackupAt left out): the check is skipped.
    expect(
      titlesFor(
        await checkVaultHealth([asHealth(v, 'Home')], { now: Date.now() }),
        'not-backed-up',
      ),
    ).toEqual([])
  })

  it('pauses between ratings, so a long check leaves its caller time to answer', async () => {
    const logins = Array.from({ length: 15 }, (_, i) =>
      strongLogin({ title: `Site ${i}`, password: randomBytes(12).toString('hex') }),
    )
    const v = await vaultWith('many', logins)
    let pauses = 0
    const paused = await checkVaultHealth([asHealth(v, 'V')], {
      now: Date.now(),
      pause: async () => {
        pauses++
        await new Promise((r) => setImmediate(r))
      },
    })
    expect(pauses).toBeGreaterThan(0)
    const straight = await checkVaultHealth([asHealth(v, 'V')], { now: Date.now() })
    expect(paused).toEqual(straight)
    expect(paused.checked.logins).toBe(15)
  })

  it('leaves items in the trash out', async () => {
    const v = await vaultWith('trash', [strongLogin({ title: 'Gone', password: '123456' })])
    v.trash(v.list().items[0]!.id)
    const report = await checkVaultHealth([asHealth(v, 'V', null)], { now: Date.now() })
    expect(report.findings).toEqual([])
    expect(report.checked.items).toBe(0)
  })
})
