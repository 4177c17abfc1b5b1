// Vault health in Chromium: findings across the passwords vault and the separate 2FA vault, each
// leading to its item; a backup takes the vault's items off the list; at 800x600 every control of
// the view lies inside the window; axe finds nothing at any impact level.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { VaultInfo } from '../src-shared/ipc-contract.ts'
import { expect, test, type Harness } from './fixtures.ts'

const WEAK = 'password1'

/** Two logins sharing a weak password (one on github.com) and a GitHub key in the 2FA vault. */
async function seed(harness: Harness): Promise<{ passwords: VaultInfo; keys: VaultInfo }> {
  await harness.setUpTwoVaults()
  const vaults = await harness.vaults()
  const passwords = vaults.find((v) => v.name === 'Passwords')!
  const keys = vaults.find((v) => v.name === '2FA keys')!
  const login = (title: string, url: string) => ({
    kind: 'login',
    title,
    username: 'ada',
    password: WEAK,
    urls: [url],
    notes: '',
    tags: [],
    fields: [],
    otpLink: null,
  })
  await harness.call('cairn:items:create', passwords.id, login('Code host', 'https://github.com'))
  await harness.call('cairn:items:create', passwords.id, login('Mail', 'https://mail.example'))
  await harness.call('cairn:items:create', keys.id, {
    kind: 'otp',
    title: '',
    issuer: 'GitHub',
    account: 'ada',
    notes: '',
    tags: [],
    key: { from: 'uri', uri: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' },
  })
  return { passwords, keys }
}

function section(page: Page, label: string) {
  return page.getByRole('region', { name: new RegExp(`^${label} \\d+$`) })
}

async function openHealth(page: Page) {
  await page.getByRole('button', { name: 'Vault health' }).click()
  await expect(page.getByRole('heading', { name: 'Vault health' })).toBeVisible()
}

test('health lists findings across both vaults and each one opens its item', async ({
  harness,
  page,
}) => {
  await seed(harness)
  await openHealth(page)

  await expect(section(page, 'Weak passwords').getByRole('button')).toHaveText([
    /Code host.*Rated very weak/,
    /Mail.*Rated very weak/,
  ])
  await expect(section(page, 'Reused passwords').getByRole('button')).toHaveText([
    /Code host.*used by “Mail”/,
    /Mail.*used by “Code host”/,
  ])
  const unlinked = section(page, 'Logins not linked to their 2FA key')
  await expect(unlinked.getByRole('button')).toHaveText([/Code host.*“GitHub” in “2FA keys”/])
  await expect(
    section(page, '2FA keys without recovery codes').getByRole('button', { name: /GitHub/ }),
  ).toBeVisible()
  await expect(
    section(page, 'Not in any backup yet').getByRole('button', { name: /never been backed up/ }),
  ).toHaveCount(3)
  // The page holds findings, never the password they are about.
  expect(await page.content()).not.toContain(WEAK)

  // A finding in the passwords vault: the list comes back with that login selected and shown.
  await unlinked.getByRole('button', { name: /Code host/ }).click()
  await expect(page.getByRole('heading', { name: 'Vault health' })).toBeHidden()
  await expect(harness.listRow(/Code host/)).toHaveAttribute('aria-selected', 'true')
  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByRole('heading', { name: 'Code host' })).toBeVisible()
  await expect(page.getByRole('listbox')).toBeFocused()

  // A finding in the other vault selects that vault and its key.
  await openHealth(page)
  await section(page, '2FA keys without recovery codes')
    .getByRole('button', { name: /GitHub/ })
    .click()
  await expect(page.getByRole('button', { name: '2FA keys (unlocked)' })).toHaveAttribute(
    'aria-current',
    'true',
  )
  await expect(details.getByRole('heading', { name: 'GitHub' })).toBeVisible()

  // The backup section leads to each vault's backup settings; after a backup of the passwords
  // vault only the key is left to back up.
  await openHealth(page)
  const notBackedUp = section(page, 'Not in any backup yet')
  await expect(notBackedUp.getByRole('button', { name: /^Back up “/ })).toHaveText([
    'Back up “Passwords”…',
    'Back up “2FA keys”…',
  ])
  await notBackedUp.getByRole('button', { name: 'Back up “Passwords”…' }).click()
  const settings = harness.dialog('Vault settings: Passwords')
  await expect(settings.getByRole('tab', { name: 'Backups' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await settings.getByRole('button', { name: 'Back up', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Backed up 2 item(s)' })).toBeVisible()
  await settings.getByRole('button', { name: 'Close', exact: true }).last().click()
  await expect(notBackedUp.getByRole('button', { name: /GitHub/ })).toHaveText([
    /GitHub.*“2FA keys” has never been backed up/,
  ])
  await expect(notBackedUp.getByRole('button', { name: /Code host|Mail/ })).toHaveCount(0)

  // With the 2FA vault locked, the view says so and stops counting its key.
  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await expect(page.getByText('Locked, so not checked: “2FA keys”.')).toBeVisible()
  await expect(section(page, 'Logins not linked to their 2FA key')).toHaveCount(0)

  const axe = await new AxeBuilder({ page }).analyze()
  expect(axe.violations.map((v) => `${v.impact} ${v.id}`)).toEqual([])
})

test('at 800x600 the health view fits the window and a finding still opens its item', async ({
  harness,
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 })
  await seed(harness)
  await openHealth(page)
  await expect(section(page, 'Weak passwords')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800)
  const controls = page.locator('.health-span button:visible')
  const count = await controls.count()
  expect(count).toBeGreaterThan(6)
  for (let i = 0; i < count; i++) {
    const c = controls.nth(i)
    await c.scrollIntoViewIfNeeded()
    const box = await c.boundingBox()
    const name = (await c.textContent()) ?? ''
    expect(box, name).not.toBeNull()
    expect(box!.x, `${name} starts inside`).toBeGreaterThanOrEqual(0)
    expect(box!.y, `${name} starts inside`).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width, `${name} ends inside`).toBeLessThanOrEqual(800.5)
    expect(box!.y + box!.height, `${name} ends inside`).toBeLessThanOrEqual(600.5)
  }
  await section(page, 'Reused passwords').getByRole('button', { name: /^Mail/ }).click()
  await expect(harness.listRow(/Mail/)).toHaveAttribute('aria-selected', 'true')
  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByRole('heading', { name: 'Mail' })).toBeInViewport()
})

test('the first check says how many passwords are rated so far, then shows the findings', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  const passwords = (await harness.vaults()).find((v) => v.name === 'Passwords')!
  const LOGINS = 300
  for (let n = 0; n < LOGINS; n += 1) {
    await harness.call('cairn:items:create', passwords.id, {
      kind: 'login',
      title: `Site ${n}`,
      username: 'ada',
      // Every tenth one weak, the others strong.
      password: n % 10 === 0 ? `summer${1990 + n}` : `vT8#qL2!mZ9@xR4$wK7^${n}`,
      urls: [`https://site${n}.example`],
      notes: '',
      tags: [],
      fields: [],
      otpLink: null,
    })
  }
  await page.getByRole('button', { name: 'Vault health' }).click()
  const rating = page.getByRole('status').filter({ hasText: /^Rating passwords: [\d,]+ of 300$/ })
  await expect(rating).toBeVisible()
  await expect(rating.getByRole('progressbar', { name: 'Rating passwords' })).toHaveAttribute(
    'max',
    '300',
  )
  const weak = page.getByRole('region', { name: 'Weak passwords 30' })
  await expect(weak.getByRole('button', { name: /^Site \d+/ })).toHaveCount(25)
  await expect(weak.getByRole('button', { name: 'Show all 30' })).toBeVisible()
  await expect(rating).toHaveCount(0)
})
