// Errors in the 2FA form: worded as a person would, tied to their field, and gone once the input
// is valid.
import { expect, test } from './fixtures.ts'

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('2FA keys')
})

test('the "nothing to save" error goes once a valid URI is pasted', async ({ harness }) => {
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByRole('button', { name: 'Save key' }).click()
  const stale = dialog.getByText('Paste an otpauth:// URI, type the secret, or scan a QR code')
  await expect(stale).toBeVisible()
  await dialog
    .getByLabel('otpauth:// URI')
    .fill('otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub')
  await expect(dialog.getByTestId('preview-code')).toBeVisible()
  await expect(stale).toBeHidden()
})

test('a mistyped secret is explained in plain words and tied to its field', async ({ harness }) => {
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByRole('tab', { name: 'Type the secret' }).click()
  const secret = dialog.getByLabel(/Secret key/)
  await secret.fill('JBSWY3DP0HPK3PXP') // a zero where an E belongs
  const problem = dialog.getByRole('alert')
  await expect(problem).toHaveText(
    'A secret key has only the letters A to Z and the digits 2 to 7, but character 9 is something else. Look for a 0 (zero), 1 (one), 8, 9 or a symbol.',
  )
  await expect(problem).not.toContainText('base32')
  await expect(secret).toHaveAttribute('aria-invalid', 'true')
  await expect(secret).toHaveAccessibleDescription(/character 9 is something else/)

  await secret.fill('JBSWY3DPEHPK3PXP')
  await expect(dialog.getByTestId('preview-code')).toBeVisible()
  await expect(problem).toBeHidden()
  await expect(secret).not.toHaveAttribute('aria-invalid', 'true')

  await dialog.getByRole('tab', { name: 'Paste otpauth URI' }).click()
  await dialog.getByLabel('otpauth:// URI').fill('https://example.org/not-a-key')
  await expect(dialog.getByRole('alert')).toHaveText(
    'This is not a 2FA setup link: such a link begins with otpauth://totp/ or otpauth://hotp/.',
  )
})

test('opening a backup file as a vault points to Restore', async ({ harness, page }) => {
  await page.getByRole('button', { name: 'Open vault…' }).click()
  const dialog = harness.dialog('Open vault file')
  await dialog.getByLabel('Vault file').fill('/tmp/Passwords-2026-12-06.cairnbackup')
  await dialog.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText('This is a Cairn backup, not a vault')
  await dialog.getByRole('button', { name: 'Restore backup…' }).click()
  await expect(harness.dialog(/Restore/)).toBeVisible()
})
