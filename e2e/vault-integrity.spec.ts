// What the vault core reports about an unlocked vault reaches the window with the step that
// answers it: a one-time code used elsewhere asks for a key rotation at the next master-password
// unlock, and a vault file changed outside Cairn (its manifest deleted) is explained under
// Integrity, where accepting the current contents settles it. Real vault files, real SQLite.
import Database from 'better-sqlite3'
import type { VaultInfo } from '../src-shared/ipc-contract.ts'
import { KEYS_PW, PASSWORDS_PW, expect, test, type Harness } from './fixtures.ts'

async function vault(harness: Harness, name: string): Promise<VaultInfo> {
  const found = (await harness.vaults()).find((v) => v.name === name)
  if (!found) throw new Error(`no vault named ${name}`)
  return found
}

async function unlockInWindow(harness: Harness, name: string, password: string) {
  const { page } = harness
  await harness.selectVault(name)
  await page.getByLabel('Master password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('button', { name: `Lock ${name}` })).toBeVisible({ timeout: 30_000 })
}

test('a one-time code used elsewhere: the next password unlock offers a key rotation, which settles it', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  const keys = await vault(harness, '2FA keys')
  const issued = await harness.call<{ secrets: string[] }>(
    'cairn:vault-settings:create-one-time-codes',
    keys.id,
    1,
    KEYS_PW,
  )
  await harness.call('cairn:vaults:lock', keys.id)
  await harness.call('cairn:vaults:unlock-with', keys.id, {
    kind: 'one-time-code',
    value: issued.secrets[0],
  })
  await harness.call('cairn:vaults:lock', keys.id)

  await unlockInWindow(harness, '2FA keys', KEYS_PW)
  const notice = page.getByTestId('vault-notice').filter({ hasText: 'A one-time code was used' })
  await expect(notice).toContainText('rotate the vault key')
  // At the smallest supported window the sentence wraps and its buttons stay on screen.
  await page.setViewportSize({ width: 800, height: 600 })
  for (const button of await notice.getByRole('button').all()) {
    const box = (await button.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(800)
    expect(box.y + box.height).toBeLessThanOrEqual(600)
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800)
  await notice.getByRole('button', { name: 'Rotate the vault key…' }).click()
  const settings = harness.dialog('Vault settings: 2FA keys')
  await expect(settings.getByRole('tab', { name: 'Unlocking' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(settings.getByLabel('Also rotate the vault key')).toBeChecked()
  await settings.getByLabel('Current master password', { exact: true }).fill(KEYS_PW)
  await settings.getByLabel('New master password', { exact: true }).fill(`${KEYS_PW} rotated`)
  await settings.getByLabel('Repeat the new master password').fill(`${KEYS_PW} rotated`)
  await settings.getByRole('button', { name: 'Rotate key and change password' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Vault key rotated' })).toBeVisible({
    timeout: 30_000,
  })
  await settings.getByRole('button', { name: 'Close', exact: true }).last().click()
  await expect(page.getByTestId('vault-notice')).toHaveCount(0)
})

test('a vault file changed outside Cairn is explained under Integrity; accepting settles it', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.addLogin({ title: 'Mail', username: 'ada', password: 'mail-secret-1' })
  const passwords = await vault(harness, 'Passwords')
  await harness.call('cairn:vaults:lock', passwords.id)
  const db = new Database(passwords.path)
  db.prepare('DELETE FROM manifest').run()
  db.close()

  await unlockInWindow(harness, 'Passwords', PASSWORDS_PW)
  const status = page.locator('footer.statusbar')
  await expect(status).toContainText('1 damaged item(s) could not be read')
  await expect(page.getByRole('option', { name: /Mail/ })).toBeVisible()
  await status.getByRole('button', { name: 'Details…' }).click()
  const settings = harness.dialog('Vault settings: Passwords')
  await expect(settings.getByRole('tab', { name: 'Integrity' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(settings.getByTestId('integrity-problems')).toContainText(
    'the vault manifest is missing or fails authentication',
  )
  const accept = settings.getByRole('button', { name: 'Accept the current contents' })
  await expect(accept).toBeDisabled()
  await settings.getByLabel('I know why the file changed').check()
  await settings.getByLabel('Master password', { exact: true }).fill('not the password')
  await accept.click()
  await expect(settings.getByRole('alert')).toContainText(/password/i)
  await expect(settings.getByTestId('integrity-problems')).toBeVisible()
  await settings.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await accept.click()
  await expect(settings.getByTestId('integrity-ok')).toBeVisible()
  await settings.getByRole('button', { name: 'Close', exact: true }).last().click()
  await expect(status).not.toContainText('damaged')
  await expect(page.getByRole('option', { name: /Mail/ })).toBeVisible()
})
