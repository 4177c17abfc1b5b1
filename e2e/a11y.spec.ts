// Accessibility: every main screen and dialog passes axe with no violation at any impact level.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).analyze()
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(summary, `${screen}: axe violations`).toEqual([])
  expect(result.passes.length, `${screen}: axe ran its checks`).toBeGreaterThan(10)
}

test('start, main, unlock and every dialog pass axe', async ({ harness, page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Cairn: two vaults' })).toBeVisible()
  await expectNoViolations(page, 'start screen')

  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({
    title: 'Mail',
    username: 'ada@example.org',
    password: 'pw',
    url: 'https://mail.example.org',
  })
  await expectNoViolations(page, 'main view with a login')

  await harness.add('Login')
  await expect(harness.dialog('New login')).toBeVisible()
  await expectNoViolations(page, 'login editor')
  await harness.dialog('New login').getByRole('button', { name: 'Cancel' }).click()

  await harness.selectVault('2FA keys')
  await harness.add('2FA key')
  const otp = harness.dialog('New 2FA key')
  await otp
    .getByLabel('otpauth:// URI')
    .fill('otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub')
  await expect(otp.getByTestId('preview-code')).toBeVisible()
  await expectNoViolations(page, '2FA key dialog with preview')
  await otp.getByRole('tab', { name: 'QR code image' }).click()
  await expectNoViolations(page, '2FA key dialog, image tab')
  await otp.getByRole('tab', { name: 'Paste otpauth URI' }).click()
  await otp.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('live-code')).toBeVisible()
  await expectNoViolations(page, 'main view with a live code')

  await page.getByRole('button', { name: 'Show key…' }).click()
  await harness
    .dialog(/Key of/)
    .getByRole('button', { name: 'Reveal secret and QR code' })
    .click()
  await expect(page.getByTestId('key-qr')).toBeVisible()
  await expectNoViolations(page, 'key reveal dialog')
  await harness
    .dialog(/Key of/)
    .getByRole('button', { name: 'Close' })
    .first()
    .click()

  await page.getByRole('button', { name: 'Generator' }).click()
  await expect(page.getByTestId('generated')).not.toBeEmpty()
  await expectNoViolations(page, 'generator')
  await harness.dialog('Password generator').getByRole('button', { name: 'Close' }).first().click()

  await page.getByRole('button', { name: 'Settings' }).click()
  await expectNoViolations(page, 'settings')
  await harness.dialog('Settings').getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await expect(page.getByRole('heading', { name: 'Unlock 2FA keys' })).toBeVisible()
  await expectNoViolations(page, 'unlock screen')
})

test('dark theme follows the system and passes axe too', async ({ harness, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.setUpTwoVaults()
  await harness.addLogin({ title: 'Mail', username: 'ada@example.org', password: 'pw' })
  const background = await page.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  )
  expect(background).toBe('rgb(22, 24, 29)')
  await expectNoViolations(page, 'main view, dark')
})

test('dialogs open on their first field and hand focus back on closing', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.add('Login')
  const login = harness.dialog('New login')
  await expect(login.getByLabel('Title')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(login).toBeHidden()
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeFocused()

  await harness.selectVault('2FA keys')
  await harness.add('2FA key')
  await expect(harness.dialog('New 2FA key').getByLabel('otpauth:// URI')).toBeFocused()
  await harness.dialog('New 2FA key').getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeFocused()

  const settings = page.getByRole('button', { name: 'Settings' })
  await settings.click()
  const dialog = harness.dialog('Settings')
  await expect(dialog.getByRole('button', { name: 'Close' })).not.toBeFocused()
  await expect(dialog.locator(':focus')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(settings).toBeFocused()

  // Every screen has one main landmark and a level-one heading.
  await expect(page.getByRole('main')).toHaveCount(1)
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
})
