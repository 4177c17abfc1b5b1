// The import dialog: an encrypted Aegis export asks for its password, a wrong one is refused and
// nothing is added, the preview names the format and what goes where, importing adds every key,
// and a plain export brings the reminder to delete it securely. A KeePassXC database's logins go
// to the passwords vault and their TOTP keys to the 2FA vault, each login showing its key's code.
import { readFileSync } from 'node:fs'
import { base32Decode, totpRef } from '../test/support/reference-otp.ts'
import { AEGIS_DB } from '../test/core/import/importers/fixtures/aegis-db.ts'
import { aegisEncrypted } from '../test/core/import/importers/fixtures/export-crypto.ts'
import { awayFromCodeBoundary, expect, test } from './fixtures.ts'

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('2FA keys')
})

test('import an encrypted Aegis export into the 2FA vault', async ({ harness, page }) => {
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = harness.dialog('Import')
  await expect(dialog.getByLabel('Into vault')).toHaveValue(
    (await harness.vaults()).find((v) => v.name === '2FA keys')!.id,
  )
  await dialog.getByLabel('Export file to import').setInputFiles({
    name: 'aegis-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(aegisEncrypted(AEGIS_DB, 'phone pass', 2 ** 10)),
  })
  const password = dialog.getByLabel(/Password of the Aegis/)
  await password.fill('wrong')
  await dialog.getByRole('button', { name: 'Open export' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Wrong password for this Aegis export')

  await password.fill('phone pass')
  await dialog.getByRole('button', { name: 'Open export' }).click()
  const preview = dialog.getByLabel('Import preview')
  await expect(preview).toContainText('Found: Aegis (encrypted)')
  await expect(preview).toContainText('4 to add to 2FA keys')
  await expect(preview).toContainText('2FA key GitHub (octo@example.com)')
  await expect(preview).toContainText('The secret is only 40 bits')
  await expect(preview).not.toContainText('JBSWY3DP')

  await dialog.getByRole('button', { name: 'Import 4 items' }).click()
  await expect(dialog.getByText('Imported 4 items into 2FA keys')).toBeVisible()
  await expect(dialog.getByText('Delete it securely')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click()
  await expect(harness.listRow(/GitHub.*octo@example.com/)).toBeVisible()
  await expect(harness.listRow(/Steam.*gamer/)).toBeVisible()
})

test('a plain export is previewed with duplicates skipped and a reminder afterwards', async ({
  harness,
  page,
}) => {
  const uris =
    'otpauth://totp/Mail:me?secret=JBSWY3DPEHPK3PXP&issuer=Mail\n' +
    'otpauth://totp/Mail:me?secret=JBSWY3DPEHPK3PXP&issuer=Mail\n'
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = harness.dialog('Import')
  await dialog.getByLabel('Export file to import').setInputFiles({
    name: 'ente-auth-codes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(uris),
  })
  const preview = dialog.getByLabel('Import preview')
  await expect(preview).toContainText('1 to add to 2FA keys, 1 already there (skipped)')
  await dialog.getByRole('button', { name: 'Import 1 item' }).click()
  await expect(dialog.getByText(/Delete it securely/)).toBeVisible()
})

test('a KeePassXC database: logins to Passwords, their keys to the 2FA vault, linked', async ({
  harness,
  page,
}) => {
  await harness.selectVault('Passwords')
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = harness.dialog('Import')
  const ids = Object.fromEntries((await harness.vaults()).map((v) => [v.name, v.id]))
  await expect(dialog.getByLabel('Into vault')).toHaveValue(ids['Passwords']!)
  await expect(dialog.getByLabel('2FA keys to')).toHaveValue(ids['2FA keys']!)
  await dialog.getByLabel('Export file to import').setInputFiles({
    name: 'keepassxc.kdbx',
    mimeType: 'application/octet-stream',
    buffer: readFileSync('test/fixtures/import/kdbx/kdbx31-aeskdf.kdbx'),
  })
  await dialog.getByLabel(/Password of the KeePass/).fill('fixture-pw')
  await dialog.getByRole('button', { name: 'Open export' }).click()
  const preview = dialog.getByLabel('Import preview')
  await expect(preview).toContainText('8 to add to Passwords, 7 to 2FA keys')
  await expect(preview).toContainText('login Steam, shows the code of 2FA key Steam in 2FA keys')
  await expect(preview).toContainText('2FA key Steam → 2FA keys')
  await expect(preview).toContainText('login Build server in group Work / Servers')

  // Keys beside the logins instead: the preview says so, and how to change it.
  await dialog
    .getByLabel('2FA keys to')
    .selectOption({ label: 'The same vault, beside their logins' })
  await expect(preview).toContainText('15 to add to Passwords')
  await expect(preview).toContainText(
    '6 logins’ 2FA keys will go into Passwords beside their logins',
  )
  await dialog.getByLabel('2FA keys to').selectOption({ label: '2FA keys' })
  await expect(preview).toContainText('8 to add to Passwords, 7 to 2FA keys')

  await dialog.getByRole('button', { name: 'Import 15 items' }).click()
  await expect(
    dialog.getByText('Imported 15 items into Passwords (7 2FA keys into 2FA keys)'),
  ).toBeVisible()
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click()

  await harness.listRow(/Build server/).click()
  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByText('Build server (in 2FA keys)')).toBeVisible()
  await awayFromCodeBoundary()
  const expected = totpRef(base32Decode('JBSWY3DPEHPK3PXPJBSWY3DP'), Date.now() / 1000)
  await expect(page.getByTestId('live-code')).toHaveAttribute('data-code', expected)
  await harness.selectVault('2FA keys')
  await expect(harness.listRow(/Build server/)).toBeVisible()
})

test('a KeePass database locked with a key file alone opens with that key file', async ({
  harness,
  page,
}) => {
  await harness.selectVault('Passwords')
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = harness.dialog('Import')
  await dialog.getByLabel('Export file to import').setInputFiles({
    name: 'locked.kdbx',
    mimeType: 'application/octet-stream',
    buffer: readFileSync('test/fixtures/import/kdbx/kdbx31-keyfile-only.kdbx'),
  })
  await expect(dialog.getByLabel(/Password of the KeePass/)).toBeVisible()
  await dialog.getByRole('button', { name: 'Open export' }).click()
  await expect(dialog.getByRole('alert')).toContainText('does not open this KeePass database')

  await dialog.getByLabel('KeePass key file').setInputFiles({
    name: 'fixture.keyx',
    mimeType: 'application/xml',
    buffer: readFileSync('test/fixtures/import/kdbx/fixture.keyx'),
  })
  await expect(dialog.getByText('fixture.keyx')).toBeVisible()
  await dialog.getByRole('button', { name: 'Open export' }).click()
  await expect(dialog.getByLabel('Import preview')).toContainText(
    'Found: KeePass database (KDBX 3.1) (encrypted)',
  )
  await expect(dialog.getByRole('button', { name: 'Import 15 items' })).toBeEnabled()
})
