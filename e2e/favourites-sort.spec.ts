// Favourites (a star kept in the item's encrypted data), the list's sort order chosen from the
// keyboard, and tags that list the items carrying them.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({ title: 'Bank', username: 'zed', password: 'b-pass-1', tags: 'money' })
  await harness.addLogin({ title: 'Alpha mail', username: 'mia', password: 'a-pass-2' })
  await harness.addLogin({ title: 'Cloud', username: 'ann', password: 'c-pass-3', tags: 'Money' })
})

async function titles(page: Page): Promise<string[]> {
  const rows = page.getByRole('listbox').getByRole('option').locator('.primary-text')
  return (await rows.allInnerTexts()).map((t) => t.trim())
}

test('a star survives an edit, is stored, and the Favourites filter lists starred items', async ({
  harness,
  page,
}) => {
  await harness.listRow(/Bank/).click()
  const details = page.getByRole('region', { name: 'Item details' })
  const star = details.getByRole('button', { name: 'Favourite' })
  await expect(star).toHaveAttribute('aria-pressed', 'false')
  await star.click()
  await expect(star).toHaveAttribute('aria-pressed', 'true')

  const filters = page.getByRole('navigation', { name: 'Vaults and filters' })
  await filters.getByRole('button', { name: /^Favourites/ }).click()
  await expect(page.getByRole('listbox')).toHaveAccessibleName('Items (1)')
  await expect(harness.listRow(/Bank/)).toBeVisible()

  // Editing the fields keeps the star: the editor does not show it, so it must not drop it.
  await details.getByRole('button', { name: 'Edit' }).click()
  const edit = harness.dialog('Edit login')
  await edit.getByLabel('Username').fill('zed2')
  await edit.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(edit).toBeHidden()
  await expect(details.getByRole('button', { name: 'Favourite' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )

  // Stored, not only shown: main reads it back from the vault's encrypted rows.
  const vault = (await harness.vaults()).find((v) => v.name === 'Passwords')
  expect(vault).toBeDefined()
  const list = await harness.call<{ items: { title: string; favourite: boolean }[] }>(
    'cairn:items:list',
    vault?.id,
  )
  expect(list.items.filter((i) => i.favourite).map((i) => i.title)).toEqual(['Bank'])

  await details.getByRole('button', { name: 'Favourite' }).click()
  await expect(filters.getByRole('button', { name: 'Favourites 0 items' })).toBeVisible()
  await filters.getByRole('button', { name: /^Favourites/ }).click()
  await expect(page.getByRole('listbox')).toHaveCount(0)
})

test('sort by title, username and creation, from the keyboard', async ({ page }) => {
  await expect.poll(() => titles(page)).toEqual(['Alpha mail', 'Bank', 'Cloud'])
  const sort = page.getByRole('group', { name: 'Sort by' })
  await expect(sort.getByRole('button', { name: 'Title' })).toHaveAttribute('aria-pressed', 'true')
  await sort.getByRole('button', { name: 'Username / account' }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => titles(page)).toEqual(['Cloud', 'Alpha mail', 'Bank'])
  await sort.getByRole('button', { name: 'Created' }).focus()
  await page.keyboard.press('Space')
  await expect.poll(() => titles(page)).toEqual(['Bank', 'Alpha mail', 'Cloud'])
  const direction = sort.getByRole('button', { name: 'Descending' })
  await direction.focus()
  await page.keyboard.press('Enter')
  await expect(direction).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => titles(page)).toEqual(['Cloud', 'Alpha mail', 'Bank'])
})

test('a tag in the detail pane lists the items carrying it', async ({ harness, page }) => {
  await harness.listRow(/Bank/).click()
  const details = page.getByRole('region', { name: 'Item details' })
  await details.getByRole('button', { name: 'Show items tagged money' }).click()
  await expect(page.getByRole('listbox')).toHaveAccessibleName('Items (2)')
  await expect.poll(() => titles(page)).toEqual(['Bank', 'Cloud'])
  await page.getByRole('button', { name: /Tagged “money”/ }).click()
  await expect(page.getByRole('listbox')).toHaveAccessibleName('Items (3)')
})
