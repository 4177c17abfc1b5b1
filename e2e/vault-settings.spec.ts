// Vault settings in the app: a recovery key from the settings, unlocking with it (a new master
// password is required, then a fresh key is shown), a backup restored into a new vault file,
// one-time codes, automatic backups into a folder, and the 2FA keys exported for Aegis.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { aegisImporter } from '../src-main/core/import/importers/aegis.ts'
import type { ItemList, VaultInfo } from '../src-shared/ipc-contract.ts'
import { KEYS_PW, PASSWORDS_PW, expect, test, type Harness } from './fixtures.ts'

const KEY_SHAPE = /^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/

async function expectNoSeriousViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).analyze()
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(summary, `${screen}: axe violations`).toEqual([])
}

async function dataDir(harness: Harness): Promise<string> {
  return dirname(await harness.call<string>('cairn:vaults:suggest-path', 'probe'))
}

async function openSettings(harness: Harness, vault: string, tab: string) {
  await harness.page.getByRole('button', { name: `Backups and keys of ${vault}` }).click()
  const dialog = harness.dialog(`Vault settings: ${vault}`)
  await dialog.getByRole('tab', { name: tab }).click()
  return dialog
}

/** Reads the secrets shown once, confirms they were saved and closes the dialog. */
async function takeIssued(harness: Harness, title: string): Promise<string[]> {
  const shown = harness.dialog(title)
  await expect(shown).toBeVisible({ timeout: 30_000 })
  await expectNoSeriousViolations(harness.page, title)
  const sheet = shown.getByTestId('issued-secrets')
  const texts = await sheet
    .locator('.recovery-key, .one-time-codes li')
    .evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''))
  await expect(shown.getByRole('button', { name: 'Done' })).toBeDisabled() // not before confirming
  await shown.getByLabel(/I have written/).check()
  await shown.getByRole('button', { name: 'Done' }).click()
  await expect(shown).toBeHidden()
  return texts
}

test('recovery key: created in the settings, unlocks the vault, forces a new password, is replaced', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  const settings = await openSettings(harness, 'Passwords', 'Unlocking')
  for (const tab of ['Backups', 'Merge and export', 'Unlocking']) {
    await settings.getByRole('tab', { name: tab }).click()
    await expectNoSeriousViolations(page, `vault settings: ${tab}`)
  }
  await settings.getByLabel('Label (optional)').fill('Desk drawer')
  // A new way in needs the master password, checked in main.
  const mint = settings.getByLabel('Master password (for a new recovery key or codes)')
  await mint.fill('not the password')
  await settings.getByRole('button', { name: 'New recovery key', exact: true }).click()
  await expect(settings.getByRole('alert')).toContainText(/wrong password/i)
  await mint.fill(PASSWORDS_PW)
  await settings.getByRole('button', { name: 'New recovery key', exact: true }).click()
  const [key] = await takeIssued(harness, 'Your new recovery key')
  expect(key).toMatch(KEY_SHAPE)
  await expect(settings.getByRole('cell', { name: 'Desk drawer', exact: true })).toBeVisible()
  await settings.getByRole('button', { name: 'Close', exact: true }).last().click()

  await page.getByRole('button', { name: 'Lock Passwords' }).click()
  await harness.selectVault('Passwords')
  await page.getByLabel('Unlock with').selectOption('recovery-key')
  await page.getByLabel('Recovery key', { exact: true }).fill(key!.toLowerCase())
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()

  const forced = harness.dialog('Choose a new master password')
  await expect(forced).toBeVisible({ timeout: 30_000 })
  await expectNoSeriousViolations(page, 'new password after a recovery key')
  await forced.getByLabel('New master password', { exact: true }).fill('a brand new password')
  await forced.getByLabel('Repeat the new master password').fill('a brand new password')
  await forced.getByRole('button', { name: 'Set password' }).click()
  const [fresh] = await takeIssued(harness, 'Your new recovery key')
  expect(fresh).toMatch(KEY_SHAPE)
  expect(fresh).not.toBe(key)
  await expect(page.getByRole('button', { name: 'Passwords (unlocked)' })).toBeVisible()

  // The used key is gone; the old password too; the new password opens the vault.
  await page.getByRole('button', { name: 'Lock Passwords' }).click()
  await harness.selectVault('Passwords')
  await page.getByLabel('Unlock with').selectOption('recovery-key')
  await page.getByLabel('Recovery key', { exact: true }).fill(key!)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('does not open the vault')
  await page.getByLabel('Unlock with').selectOption('password')
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong master password')
  await page.getByLabel('Master password', { exact: true }).fill('a brand new password')
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Passwords (unlocked)' })).toBeVisible({
    timeout: 30_000,
  })
})

test('a backup made in the settings restores into a new vault file', async ({ harness, page }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({ title: 'Bank', username: 'ada', password: 'bank-pass-1' })
  const dir = await dataDir(harness)
  const backupPath = join(dir, 'e2e-passwords.cairnbackup')

  const settings = await openSettings(harness, 'Passwords', 'Backups')
  await settings.getByLabel('Backup file (a new file)').fill(backupPath)
  await settings.getByRole('button', { name: 'Back up', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Backed up 1 item(s)' })).toBeVisible()
  await settings.getByRole('button', { name: 'Close', exact: true }).last().click()

  await page.getByRole('button', { name: 'Restore backup…' }).click()
  const restore = harness.dialog('Restore a backup')
  await restore.getByLabel('Backup file').fill(backupPath)
  await restore.getByRole('button', { name: 'Check', exact: true }).click()
  await expect(restore.getByText(/protected by the vault’s master password/)).toBeVisible()
  await expectNoSeriousViolations(page, 'restore a backup')
  await restore.getByLabel('Master password', { exact: true }).fill('wrong password')
  await restore.getByLabel('Restore into (a new vault file)').fill(join(dir, 'Restored.cairn'))
  await restore.getByRole('button', { name: 'Restore', exact: true }).click()
  await expect(restore.getByRole('alert')).toContainText('Wrong password')
  expect(existsSync(join(dir, 'Restored.cairn'))).toBe(false)
  await restore.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await restore.getByRole('button', { name: 'Restore', exact: true }).click()
  await expect(restore).toBeHidden({ timeout: 30_000 })
  // The same vault is open, so the restored copy is written but not opened beside it.
  await expect(
    page.getByRole('status').filter({ hasText: 'Another copy of this vault is open' }),
  ).toBeVisible()
  expect(existsSync(join(dir, 'Restored.cairn'))).toBe(true)

  const passwords = (await harness.vaults()).find((v) => v.name === 'Passwords')
  await harness.call('cairn:vaults:close', passwords!.id)
  const restored = await harness.call<VaultInfo>('cairn:vaults:open', join(dir, 'Restored.cairn'))
  expect(restored).toMatchObject({ state: 'locked', name: 'Passwords' })
  await harness.call<VaultInfo>('cairn:vaults:unlock', restored.id, PASSWORDS_PW)
  const list = await harness.call<ItemList>('cairn:items:list', restored.id)
  expect(list.items.map((i) => i.title)).toEqual(['Bank'])
})

test('one-time codes unlock once; automatic backups write versions into a folder', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  const settings = await openSettings(harness, '2FA keys', 'Unlocking')
  await settings.getByLabel('How many').fill('2')
  await settings.getByLabel('Master password (for a new recovery key or codes)').fill(KEYS_PW)
  await settings.getByRole('button', { name: 'New one-time codes', exact: true }).click()
  const codes = await takeIssued(harness, 'Your one-time unlock codes')
  expect(codes).toHaveLength(2)

  await settings.getByRole('tab', { name: 'Backups' }).click()
  const folder = join(await dataDir(harness), 'e2e-auto')
  mkdirSync(folder, { recursive: true })
  await settings.getByLabel('Folder').fill(folder)
  await settings.getByLabel('Versions to keep').fill('3')
  await settings.getByRole('button', { name: 'Turn on' }).click()
  await expect(settings.getByTestId('auto-backup-status')).toContainText('Last backup')
  expect(readdirSync(folder).filter((f) => f.endsWith('.cairnbackup'))).toHaveLength(1)
  await settings.getByRole('button', { name: 'Back up now' }).click()
  await expect
    .poll(() => readdirSync(folder).filter((f) => f.endsWith('.cairnbackup')).length)
    .toBe(2)
  await settings.getByRole('button', { name: 'Close', exact: true }).last().click()

  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await harness.selectVault('2FA keys')
  await page.getByLabel('Unlock with').selectOption('one-time-code')
  await page.getByLabel('One-time code', { exact: true }).fill(codes[0]!)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('button', { name: '2FA keys (unlocked)' })).toBeVisible({
    timeout: 30_000,
  })
  await expect(
    page.getByRole('status').filter({ hasText: 'Unlocked with a one-time code; 1 code is left.' }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await harness.selectVault('2FA keys')
  await page.getByLabel('Unlock with').selectOption('one-time-code')
  await page.getByLabel('One-time code', { exact: true }).fill(codes[0]!)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('does not open the vault')
})

test('the 2FA keys exported as an encrypted Aegis file that Aegis’s format opens', async ({
  harness,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('2FA keys')
  await harness.page.getByRole('button', { name: 'Import…' }).click()
  const importing = harness.dialog('Import')
  await importing.getByLabel('Export file to import').setInputFiles({
    name: 'keys.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('otpauth://totp/Forge:ada?secret=JBSWY3DPEHPK3PXP&issuer=Forge\n'),
  })
  await importing.getByRole('button', { name: 'Import 1 item' }).click()
  await importing.getByRole('button', { name: 'Close', exact: true }).last().click()

  const settings = await openSettings(harness, '2FA keys', 'Merge and export')
  const out = await settings.getByLabel('Aegis file (a new file)').inputValue()
  expect(out).toMatch(/\/2FA keys \(Aegis export\)( \d+)?\.json$/)
  await settings.getByLabel('Password for the Aegis file', { exact: true }).fill('phone pass')
  await settings.getByLabel('Repeat that password', { exact: true }).fill('phone typo')
  await settings.getByLabel('Master password (to export)', { exact: true }).fill(KEYS_PW)
  await settings.getByRole('button', { name: 'Export encrypted Aegis file' }).click()
  await expect(settings.getByRole('alert')).toContainText('The two export passwords differ.')
  await settings.getByLabel('Repeat that password', { exact: true }).fill('phone pass')
  await settings.getByRole('button', { name: 'Export encrypted Aegis file' }).click()
  await expect(
    harness.page.getByText(`1 2FA key written to ${out}, encrypted for Aegis.`),
  ).toBeVisible()

  const file = await aegisImporter.read(new Uint8Array(readFileSync(out)), async () => 'phone pass')
  expect(file.encrypted).toBe(true)
  expect(file.entries.map((e) => e.data)).toEqual([
    expect.objectContaining({ issuer: 'Forge', account: 'ada', secret: 'JBSWY3DPEHPK3PXP' }),
  ])
  rmSync(out)
})
