// Every place the window names an item kind says the same words: the add menu, the filter, the
// list row and the detail pane.
import { expect, test } from './fixtures.ts'

test('a secure note is called a secure note everywhere', async ({ harness, page }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.add('Secure note')
  const note = harness.dialog('New secure note')
  await note.getByLabel('Title').fill('Wifi')
  await note.getByLabel('Note').fill('router: hunter2')
  await note.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(note).toBeHidden()

  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByText('Secure note · Passwords')).toBeVisible()
  await expect(harness.listRow(/^Secure note: Wifi/)).toBeVisible()
  const filters = page.getByRole('navigation', { name: 'Vaults and filters' })
  await expect(filters.getByRole('button', { name: /^Secure notes/ })).toBeVisible()
  await expect(filters.getByRole('button', { name: /^Notes/ })).toHaveCount(0)

  await page.getByRole('button', { name: 'Add', exact: true }).click()
  const menu = page.getByRole('list', { name: 'Add an item' })
  for (const label of ['Login', '2FA key', 'Recovery codes', 'Secure note']) {
    await expect(menu.getByRole('button', { name: label })).toBeVisible()
  }
})
