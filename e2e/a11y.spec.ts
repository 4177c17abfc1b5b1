// Accessibility: every main screen and dialog passes axe with no serious or critical violation.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

async function expectNoSeriousViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).analyze()
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(summary, `${screen}: axe violations`).toEqual([])
  expect(result.passes.length, `${screen}: axe ran its checks`).toBeGreaterThan(10)
}

test('start, main, unlock and every dialog pass axe', async ({ harness, page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Cairn: two vaults' })).toBeVisible()
  await expectNoSeriousViolations(page, 'start screen')

  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({
    title: 'Mail',
    username: 'ada@example.org',
    password: 'pw',
    url: 'https://mail.example.org',
  })
  await expectNoSeriousViolations(page, 'main view with a login')

  await harness.add('Login')
  await expect(harness.dialog('New login')).toBeVisible()
  await expectNoSeriousViolations(page, 'login editor')
  await harness.dialog('New login').getByRole('button', { name: 'Cancel' }).click()

  await harness.selectVault('2FA keys')
  await harness.add('2FA key')
  const otp = harness.dialog('New 2FA key')
  await otp
    .getByLabel('otpauth:// URI')
    .fill('otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub')
  await expect(otp.getByTestId('preview-code')).toBeVisible()
  await expectNoSeriousViolations(page, '2FA key dialog with preview')
  await otp.getByRole('tab', { name: 'QR code image' }).click()
  await expectNoSeriousViolations(page, '2FA key dialog, image tab')
  await otp.getByRole('tab', { name: 'Paste otpauth URI' }).click()
  await otp.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('live-code')).toBeVisible()
  await expectNoSeriousViolations(page, 'main view with a live code')

  await page.getByRole('button', { name: 'Show key…' }).click()
  await harness
    .dialog(/Key of/)
    .getByRole('button', { name: 'Reveal secret and QR code' })
    .click()
  await expect(page.getByTestId('key-qr')).toBeVisible()
  await expectNoSeriousViolations(page, 'key reveal dialog')
  await harness
    .dialog(/Key of/)
    .getByRole('button', { name: 'Close' })
    .first()
    .click()

  await page.getByRole('button', { name: 'Generator' }).click()
  await expect(page.getByTestId('generated')).not.toBeEmpty()
  await expectNoSeriousViolations(page, 'generator')
  await harness.dialog('Password generator').getByRole('button', { name: 'Close' }).first().click()

  await page.getByRole('button', { name: 'Settings' }).click()
  await expectNoSeriousViolations(page, 'settings')
  await harness.dialog('Settings').getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await expect(page.getByRole('heading', { name: 'Unlock 2FA keys' })).toBeVisible()
  await expectNoSeriousViolations(page, 'unlock screen')
})

test('dark theme follows the system and passes axe too', async ({ harness, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.setUpTwoVaults()
  await harness.addLogin({ title: 'Mail', username: 'ada@example.org', password: 'pw' })
  const background = await page.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  )
  expect(background).toBe('rgb(22, 24, 29)')
  await expectNoSeriousViolations(page, 'main view, dark')
})
