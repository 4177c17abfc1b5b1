// A login in the Passwords vault linked to a 2FA key in the separate 2FA keys vault: its live code
// shows while both vaults are unlocked, and only then.
import { base32Decode, totpRef } from '../test/support/reference-otp.ts'
import { KEYS_PW, awayFromCodeBoundary, expect, test } from './fixtures.ts'

const SECRET = 'NBSWY3DPO5XXE3DEEBQWY2LDMU'

test('a login shows the live code of its key in the other vault while both are unlocked', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('2FA keys')
  await harness.add('2FA key')
  const add = harness.dialog('New 2FA key')
  await add
    .getByLabel('otpauth:// URI')
    .fill(`otpauth://totp/Forge:ada?secret=${SECRET}&issuer=Forge`)
  await expect(add.getByTestId('preview-code')).toBeVisible()
  await add.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()

  await harness.selectVault('Passwords')
  await harness.add('Login')
  const login = harness.dialog('New login')
  await login.getByLabel('Title').fill('Forge')
  await login.getByLabel('Username').fill('ada')
  await login.getByLabel('Password', { exact: true }).fill('forge-password')
  await login.getByLabel(/^2FA key/).selectOption({ label: 'Forge — 2FA keys' })
  await login.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(login).toBeHidden()

  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByText('from the linked 2FA key')).toBeVisible()
  await expect(details.getByText('Forge (in 2FA keys)')).toBeVisible()
  await awayFromCodeBoundary()
  const expected = totpRef(base32Decode(SECRET), Date.now() / 1000)
  await expect(page.getByTestId('live-code')).toHaveAttribute('data-code', expected)
  await expect(harness.listRow(/Forge/)).toContainText(
    `${expected.slice(0, 3)} ${expected.slice(3)}`,
  )

  // Ctrl+T on the login copies the linked code.
  await page.getByRole('listbox').focus()
  await awayFromCodeBoundary()
  await page.keyboard.press('Control+t')
  await expect
    .poll(async () => (await harness.clipboard()).text)
    .toBe(totpRef(base32Decode(SECRET), Date.now() / 1000))

  // Lock the 2FA vault: the login says where its code is, and no code is shown.
  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await expect(
    details.getByText('Unlock the vault that holds this 2FA key to see its code.'),
  ).toBeVisible()
  await expect(page.getByTestId('live-code')).toBeHidden()
  await expect(details.getByText('In 2FA keys (locked)')).toBeVisible()

  // Unlock it again: the code is back.
  await harness.selectVault('2FA keys')
  await page.getByLabel('Master password', { exact: true }).fill(KEYS_PW)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: '2FA keys (unlocked)' })).toBeVisible()
  await harness.selectVault('Passwords')
  await awayFromCodeBoundary()
  await expect(page.getByTestId('live-code')).toHaveAttribute(
    'data-code',
    totpRef(base32Decode(SECRET), Date.now() / 1000),
  )
})
