// Every add dialog names the vault the item goes into; with both vaults open a 2FA key goes to the
// 2FA vault and a login to the passwords vault whichever is selected, and a key put beside the
// passwords gets a warning.
import { expect, test } from './fixtures.ts'

const URI = 'otpauth://totp/GitHub:ada%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
})

test('a 2FA key added from the Passwords vault goes to the 2FA vault; a login the other way', async ({
  harness,
  page,
}) => {
  await harness.selectVault('Passwords')
  await harness.add('2FA key')
  const key = harness.dialog('New 2FA key')
  const vault = key.getByLabel('Save into vault')
  await expect(vault.locator('option:checked')).toHaveText('2FA keys')
  await key.getByLabel('otpauth:// URI').fill(URI)
  await expect(key.getByTestId('preview-code')).toBeVisible()
  await expect(key.getByRole('alert')).toHaveCount(0)

  // Choosing the passwords vault warns, and says where the key belongs.
  await vault.selectOption({ label: 'Passwords' })
  await expect(key.getByRole('alert')).toContainText(
    'Passwords holds your passwords. A 2FA key beside them means one stolen master password gives away both factors: 2FA keys is the place for it.',
  )
  await expect(vault).toHaveAttribute('aria-describedby', /.+/)
  await vault.selectOption({ label: '2FA keys' })
  await expect(key.getByRole('alert')).toHaveCount(0)
  await key.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('button', { name: /^2FA keys \(/ })).toHaveAttribute(
    'aria-current',
    /.+/,
  )
  await expect(harness.listRow(/GitHub/)).toBeVisible()

  // From the 2FA vault, a new login defaults to Passwords.
  await harness.add('Login')
  const login = harness.dialog('New login')
  await expect(login.getByLabel('Save into vault').locator('option:checked')).toHaveText(
    'Passwords',
  )
  await login.getByLabel('Title').fill('Mail')
  await login.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(login).toBeHidden()
  const lists = await harness.vaults()
  const passwords = lists.find((v) => v.name === 'Passwords')
  const items = await harness.call<{ items: { title: string }[] }>(
    'cairn:items:list',
    passwords?.id,
  )
  expect(items.items.map((i) => i.title)).toEqual(['Mail'])
})
