// Adding a 2FA key whose secret Cairn already holds: the add dialog says which saved key has it
// (main compares the secrets; the page learns only the title and the vault).
import { expect, test } from './fixtures.ts'

const SECRET = 'JBSWY3DPEHPK3PXP'

test('a key already saved in the 2FA vault is named when the same secret is typed again', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  const keys = (await harness.vaults()).find((v) => v.name === '2FA keys')!
  await harness.call('cairn:items:create', keys.id, {
    kind: 'otp',
    title: '',
    issuer: 'GitHub',
    account: 'ada',
    notes: '',
    tags: [],
    key: { from: 'uri', uri: `otpauth://totp/GitHub:ada?secret=${SECRET}&issuer=GitHub` },
  })
  await harness.selectVault('2FA keys')
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByRole('tab', { name: 'Type the secret' }).click()
  // A different secret: no warning.
  await dialog.getByLabel(/Secret key/).fill('GEZDGNBVGY3TQOJQ')
  await expect(dialog.getByTestId('preview-code')).toBeVisible()
  await expect(dialog.getByTestId('duplicate-key')).toHaveCount(0)
  // The saved one, written another way.
  await dialog.getByLabel(/Secret key/).fill('jbsw y3dp ehpk 3pxp')
  await expect(dialog.getByTestId('duplicate-key')).toHaveText(
    'This key is already saved: “GitHub” in “2FA keys” holds the same secret. Saving it again keeps two copies of one key; edit the one you have instead.',
  )
  expect(await page.content()).not.toContain(SECRET)
})
