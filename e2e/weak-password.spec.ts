// A weak master password is not refused, but it is not taken silently either: the risk is said and
// the user chooses.
import { expect, test } from './fixtures.ts'

test('a very weak master password asks first and says the risk; accepting it creates the vaults', async ({
  harness,
  page,
}) => {
  await page.goto('/')
  const passwords = page.getByRole('group', { name: 'Passwords' })
  await passwords.getByLabel('Master password', { exact: true }).fill('abc')
  await passwords.getByLabel('Repeat master password').fill('abc')
  const keys = page.getByRole('group', { name: '2FA keys' })
  await keys.getByLabel('Master password', { exact: true }).fill('staple orbit lantern two')
  await keys.getByLabel('Repeat master password').fill('staple orbit lantern two')
  await page.getByRole('button', { name: 'Create both vaults' }).click()

  const warning = page.getByRole('alert', { name: 'This master password is easy to guess.' })
  await expect(warning).toContainText('Passwords vault: It is rated “very weak”')
  await expect(warning).toContainText('copy of the vault file')
  await expect(warning).not.toContainText('2FA keys vault')
  expect(await harness.vaults()).toHaveLength(0)

  await warning.getByRole('button', { name: 'Choose a stronger one' }).click()
  await expect(warning).toBeHidden()
  expect(await harness.vaults()).toHaveLength(0)

  await page.getByRole('button', { name: 'Create both vaults' }).click()
  await warning.getByRole('button', { name: 'Use it anyway' }).click()
  await expect(page.getByRole('button', { name: 'Lock 2FA keys' })).toBeVisible({ timeout: 60_000 })
  expect(await harness.vaults()).toHaveLength(2)
})

test('a strong master password is taken without a question', async ({ harness, page }) => {
  await harness.setUpTwoVaults()
  await expect(
    page.getByRole('alert', { name: 'This master password is easy to guess.' }),
  ).toHaveCount(0)
})
