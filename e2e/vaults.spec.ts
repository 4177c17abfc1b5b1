// Start screen, two vaults side by side, unlock (and a wrong password), lock, recent files.
import { KEYS_PW, PASSWORDS_PW, expect, test } from './fixtures.ts'

test('first run creates a Passwords vault and a separate 2FA keys vault, and says why', async ({
  harness,
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Cairn: two vaults' })).toBeVisible()
  await expect(page.getByText(/still does not have your second factor/)).toBeVisible()

  // The same master password for both would defeat the point: refused.
  for (const name of ['Passwords', '2FA keys']) {
    const group = page.getByRole('group', { name })
    await group.getByLabel('Master password', { exact: true }).fill('same password twice')
    await group.getByLabel('Repeat master password').fill('same password twice')
  }
  await page.getByRole('button', { name: 'Create both vaults' }).click()
  await expect(page.getByRole('alert')).toContainText('different master password')
  expect(await harness.vaults()).toEqual([])

  await harness.setUpTwoVaults()
  const vaults = await harness.vaults()
  expect(vaults.map((v) => [v.name, v.state, v.fileName])).toEqual([
    ['Passwords', 'unlocked', 'Passwords.cairn'],
    ['2FA keys', 'unlocked', '2FA keys.cairn'],
  ])
  expect(vaults[0]?.vaultUuid).not.toBe(vaults[1]?.vaultUuid)
})

test('each vault locks and unlocks on its own; a wrong password says so and stays selected', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()

  // Lock one vault from the sidebar: the other stays open.
  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await expect(page.getByRole('button', { name: '2FA keys (locked)' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Passwords (unlocked)' })).toBeVisible()

  await harness.selectVault('2FA keys')
  const field = page.getByLabel('Master password', { exact: true })
  await field.fill('staple orbit lantern TWO')
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong master password. Check it and try again.')
  await expect(field).toBeFocused()
  await expect(field).toHaveValue('staple orbit lantern TWO')
  const selection = await field.evaluate((el: HTMLInputElement) => [
    el.selectionStart,
    el.selectionEnd,
  ])
  expect(selection).toEqual([0, 'staple orbit lantern TWO'.length])
  expect((await harness.vaults()).find((v) => v.name === '2FA keys')?.state).toBe('locked')

  // Typing over the selection replaces the wrong attempt.
  await page.keyboard.type(KEYS_PW)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: '2FA keys (unlocked)' })).toBeVisible({
    timeout: 30_000,
  })

  // Ctrl+L locks every vault.
  await page.getByRole('listbox').or(page.getByText('No items here yet')).first().click()
  await page.keyboard.press('Control+l')
  await expect(page.getByRole('button', { name: 'Passwords (locked)' })).toBeVisible()
  await expect(page.getByRole('button', { name: '2FA keys (locked)' })).toBeVisible()
  expect((await harness.vaults()).every((v) => v.state === 'locked')).toBe(true)

  await harness.selectVault('Passwords')
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Passwords (unlocked)' })).toBeVisible({
    timeout: 30_000,
  })
})

test('a closed vault is offered again under recent vaults and opens locked', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  for (const v of await harness.vaults()) await harness.call('cairn:vaults:close', v.id)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Recent vaults' })).toBeVisible()
  await page
    .getByRole('button', { name: /2FA keys/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { name: 'Unlock 2FA keys' })).toBeVisible()
  await page.getByLabel('Master password', { exact: true }).fill(KEYS_PW)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: '2FA keys (unlocked)' })).toBeVisible({
    timeout: 30_000,
  })
})

test('a new single vault from the dialog, and opening a file by path', async ({
  harness,
  page,
}) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'New vault…' }).click()
  const dialog = harness.dialog('New vault')
  await dialog.getByLabel('Vault name').fill('Family')
  await expect(dialog.getByLabel('File')).toHaveValue(/Family\.cairn$/)
  const suggested = await dialog.getByLabel('File').inputValue()
  await dialog.getByLabel('Master password', { exact: true }).fill('family secret words')
  await dialog.getByLabel('Repeat master password').fill('family secret words')
  await expect(dialog.getByText(/Strength:/)).toBeVisible()
  // Main creates only .cairn files (even where, as in this harness, a typed path is allowed).
  await dialog.getByLabel('File').fill(suggested.replace(/\.cairn$/, '.txt'))
  await dialog.getByRole('button', { name: 'Create vault' }).click()
  await expect(dialog.getByRole('alert')).toHaveText("A vault file's name must end in .cairn.")
  await dialog.getByLabel('File').fill(suggested)
  await dialog.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByRole('button', { name: 'Family (unlocked)' })).toBeVisible({
    timeout: 30_000,
  })

  const [family] = await harness.vaults()
  await harness.call('cairn:vaults:close', family?.id)
  await page.reload()
  await page.getByRole('button', { name: 'Open vault file…' }).click()
  const open = harness.dialog('Open vault file')
  await open.getByLabel('Vault file').fill('/nonexistent/nothing.cairn')
  await open.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(open.getByRole('alert')).toBeVisible()
  await open.getByLabel('Vault file').fill(family?.path ?? '')
  await open.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Unlock Family' })).toBeVisible()
})
