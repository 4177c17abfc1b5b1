// Search covers every unlocked vault, the selected vault's matches first, and forgives a typo.
import { expect, test } from './fixtures.ts'

test('a search from Passwords finds the key in the 2FA vault, with a typo', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('2FA keys')
  await harness.add('2FA key')
  const d = harness.dialog('New 2FA key')
  await d
    .getByLabel('otpauth:// URI')
    .fill('otpauth://totp/GitHub:ada%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=GitHub')
  await expect(d.getByTestId('preview-code')).toBeVisible()
  await d.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()

  await harness.selectVault('Passwords')
  await harness.addLogin({ title: 'GitHub', username: 'ada', password: 'gh-pw-1' })
  await harness.addLogin({ title: 'Mail', username: 'ada', password: 'mail-pw-1' })

  const search = page.getByRole('searchbox', { name: 'Search items' })
  await search.fill('gthub')
  const rows = page.getByRole('listbox').getByRole('option')
  await expect(rows).toHaveCount(2)
  // Grouped: the selected vault's login first, then the key, marked with its vault.
  await expect(rows.nth(0)).toContainText('GitHub')
  await expect(rows.nth(0)).not.toContainText('in 2FA keys')
  await expect(rows.nth(1)).toContainText('GitHub in 2FA keys')

  // Choosing the key shows it, live, from its own vault.
  await rows.nth(1).click()
  await expect(page.getByTestId('live-code')).toBeVisible()
  await expect(
    page.getByRole('region', { name: 'Item details' }).getByText('ada@example.org'),
  ).toBeVisible()

  // Without a query only the selected vault is listed.
  await search.fill('')
  await expect(rows).toHaveCount(2)
  await expect(page.getByRole('listbox').getByText('in 2FA keys')).toHaveCount(0)
})
