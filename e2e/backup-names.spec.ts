// Backing up twice in a row from the vault settings: Cairn never overwrites a file, so after each
// backup a free name is filled in, and a name that is already taken is explained beside the
// button, with a free one offered instead.
import { existsSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { expect, test } from './fixtures.ts'

test('a second backup the same day gets a fresh name; a taken name is explained where it was typed', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({ title: 'Bank', username: 'ada', password: 'bank-pass-1' })
  await page.getByRole('button', { name: 'Backups and keys of Passwords' }).click()
  const settings = harness.dialog('Vault settings: Passwords')
  await settings.getByRole('tab', { name: 'Backups' }).click()
  const field = settings.getByLabel('Backup file (a new file)')
  const backUp = settings.getByRole('button', { name: 'Back up', exact: true })

  const first = await field.inputValue()
  await backUp.click()
  await expect(page.getByRole('status').filter({ hasText: 'Backed up 1 item(s)' })).toBeVisible()
  await expect(field).not.toHaveValue(first)
  const second = await field.inputValue()
  expect(existsSync(first)).toBe(true)
  expect(existsSync(second)).toBe(false)
  expect(basename(second)).toMatch(/ backup \d{4}-\d{2}-\d{2} 2\.cairnbackup$/)

  await backUp.click()
  await expect(field).not.toHaveValue(second)
  expect(existsSync(second)).toBe(true)
  await expect(settings.getByRole('alert')).toHaveCount(0)

  // Someone else's file took the name meanwhile: nothing is overwritten, and the error sits under
  // "Back up now", not under "Automatic backups".
  const third = await field.inputValue()
  writeFileSync(third, 'not ours')
  await backUp.click()
  const alert = settings.getByRole('alert')
  await expect(alert).toContainText(`A file named ${basename(third)} is already there`)
  await expect(alert).toContainText('press Back up again')
  const autoHeading = settings.getByRole('heading', { name: 'Automatic backups' })
  const [alertBox, headingBox] = [await alert.boundingBox(), await autoHeading.boundingBox()]
  expect(alertBox!.y).toBeLessThan(headingBox!.y)
  await expect(field).not.toHaveValue(third)
  await backUp.click()
  await expect(settings.getByRole('alert')).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'Backed up 1 item(s)' })).toBeVisible()
})
