// Typed changes are not thrown away without asking, and a delete can be undone from its toast.
import { expect, test } from './fixtures.ts'

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
})

test('Escape, Cancel and Close on an editor with typed changes ask first', async ({
  harness,
  page,
}) => {
  // Untouched: Escape closes at once.
  await harness.add('Login')
  const dialog = harness.dialog('New login')
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await harness.add('Login')
  await dialog.getByLabel('Title').fill('Half-typed bank')
  for (const close of [
    () => page.keyboard.press('Escape'),
    () => dialog.getByRole('button', { name: 'Cancel' }).click(),
    () => dialog.getByRole('button', { name: 'Close' }).click(),
  ]) {
    await close()
    const prompt = dialog.getByRole('alert').filter({ hasText: 'Discard the changes you typed?' })
    await expect(prompt).toBeVisible()
    await expect(prompt.getByRole('button', { name: 'Keep editing' })).toBeFocused()
    await prompt.getByRole('button', { name: 'Keep editing' }).click()
    await expect(prompt).toBeHidden()
    await expect(dialog.getByLabel('Title')).toHaveValue('Half-typed bank')
  }

  await page.keyboard.press('Escape')
  await dialog.getByRole('button', { name: 'Discard changes' }).click()
  await expect(dialog).toBeHidden()
  expect(await page.getByRole('listbox').getByRole('option').count()).toBe(0)
})

test('moving an item to the trash offers Undo in the toast', async ({ harness, page }) => {
  await harness.addLogin({ title: 'Old forum', username: 'x', password: 'old-pw' })
  await harness.listRow(/Old forum/).click()
  await page
    .getByRole('region', { name: 'Item details' })
    .getByRole('button', { name: 'Move to trash' })
    .click()
  await expect(harness.listRow(/Old forum/)).toBeHidden()
  const toast = page.getByRole('status').filter({ hasText: '“Old forum” moved to the trash.' })
  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(harness.listRow(/Old forum/)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '“Old forum” is back.' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Trash/ })).toHaveAccessibleName('Trash 0 items')

  // The Delete key in the list too.
  await harness.listRow(/Old forum/).click()
  await page.getByRole('listbox').press('Delete')
  await expect(harness.listRow(/Old forum/)).toBeHidden()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(harness.listRow(/Old forum/)).toBeVisible()
})
