// Sync in the app at 800x600: a folder linked in Vault settings → Sync, another computer (the real
// `cairn` command line on its own copy of the vault, joined through the folder) writes its device
// file there, and its item arrives in the open vault while the status bar says when it synced;
// the same item changed on both sides shows as a conflict copy the person can see.
import AxeBuilder from '@axe-core/playwright'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { SyncStatus, VaultInfo } from '../src-shared/ipc-contract.ts'
import { PASSWORDS_PW, expect, test, type Harness } from './fixtures.ts'

const run = promisify(execFile)
const CLI = resolve(import.meta.dirname, '../bin/cairn.js')

test.use({ viewport: { width: 800, height: 600 } })

/** The `cairn` command line of "the other computer", with the vault's master password. */
async function cairn(args: string[], input?: string): Promise<string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('CAIRN_')) env[k] = v
  }
  const child = run(process.execPath, [CLI, ...args], {
    env: { ...env, CAIRN_PASSWORD: PASSWORDS_PW },
    timeout: 60_000,
  })
  if (input !== undefined) {
    child.child.stdin?.end(input)
  } else child.child.stdin?.end()
  return (await child).stdout
}

async function harnessDir(harness: Harness): Promise<string> {
  return dirname(await harness.call<string>('cairn:vaults:suggest-path', 'probe'))
}

async function passwordsVault(harness: Harness): Promise<VaultInfo> {
  return (await harness.vaults()).find((v) => v.name === 'Passwords')!
}

/** Links the Passwords vault to a fresh folder through Vault settings → Sync. */
async function linkInSettings(harness: Harness): Promise<string> {
  const { page } = harness
  const folder = join(await harnessDir(harness), 'e2e-sync')
  mkdirSync(folder, { recursive: true })
  await page.getByRole('button', { name: 'Backups and keys of Passwords' }).click()
  const settings = harness.dialog('Vault settings: Passwords')
  await settings.getByRole('tab', { name: 'Sync' }).click()
  await expect(settings.getByText('No conflict copies.')).toBeVisible()
  await settings.getByLabel('Sync folder').fill(folder)
  await settings.getByRole('button', { name: 'Link', exact: true }).click()
  await expect(settings.getByTestId('sync-facts')).toContainText(folder)
  const devices = settings.getByRole('table', { name: 'Devices in the sync folder' })
  await expect(devices.getByRole('row')).toHaveCount(2) // header and this device
  await expect(devices).toContainText('(this device)')
  // This device's encrypted file is in the folder, named by ids only.
  expect(readdirSync(folder)).toEqual([
    expect.stringMatching(/^[0-9a-f-]{36}\.[0-9a-f]{16}\.cairnsync$/),
  ])
  await settings.getByRole('button', { name: 'Close', exact: true }).last().click()
  await expect(settings).toBeHidden()
  return folder
}

async function expectInsideWindow(harness: Harness, name: string) {
  const box = await harness.page.getByTestId('sync-indicator').boundingBox()
  expect(box, name).not.toBeNull()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, `${name} ends inside`).toBeLessThanOrEqual(800.5)
  expect(box!.y + box!.height, `${name} ends inside`).toBeLessThanOrEqual(600.5)
}

let other: string | null = null
test.afterEach(() => {
  if (other) rmSync(other, { recursive: true, force: true })
  other = null
})

test('an item another computer writes to the linked folder arrives, and the status bar says when', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  const folder = await linkInSettings(harness)
  const indicator = page.getByTestId('sync-indicator')
  await expect(indicator).toHaveText('Synced just now')
  await expectInsideWindow(harness, 'sync indicator')
  const vault = await passwordsVault(harness)
  const before = await harness.call<SyncStatus>('cairn:sync:status', vault.id)

  // The other computer joins through the folder and adds a note there.
  other = mkdtempSync(join(tmpdir(), 'cairn-e2e-other-'))
  const laptop = join(other, 'laptop.cairn')
  expect(await cairn(['sync', 'join', folder, laptop])).toMatch(/Joined vault 'Passwords'/)
  await cairn(['add-note', laptop, '--title', 'Written on the laptop'], 'from the other computer')
  expect(await cairn(['sync', 'now', laptop])).toMatch(/this device's file written/)

  // The app's watcher merges it: no click here.
  await expect(harness.listRow(/Written on the laptop/)).toBeVisible({ timeout: 20_000 })
  await expect(indicator).toHaveText('Synced just now')
  const after = await harness.call<SyncStatus>('cairn:sync:status', vault.id)
  expect(after.link!.lastSyncedAt!).toBeGreaterThan(before.link!.lastSyncedAt!)
  expect(after.devices.filter((d) => !d.thisDevice)).toHaveLength(1)
  expect(after.error).toBeNull()

  // The indicator opens the Sync settings, which list both devices.
  await indicator.click()
  const settings = harness.dialog('Vault settings: Passwords')
  const devices = settings.getByRole('table', { name: 'Devices in the sync folder' })
  await expect(devices.getByRole('row')).toHaveCount(3)
  await expect(settings.getByRole('button', { name: /^Forget device / })).toHaveCount(1)
})

test('the same item changed on both computers shows as a conflict copy in the status bar', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({ title: 'Bank', username: 'ada', password: 'pw-bank-1' })
  const folder = await linkInSettings(harness)
  other = mkdtempSync(join(tmpdir(), 'cairn-e2e-other-'))
  const laptop = join(other, 'laptop.cairn')
  await cairn(['sync', 'join', folder, laptop])
  const vault = await passwordsVault(harness)
  await expect
    .poll(async () => (await harness.call<SyncStatus>('cairn:sync:status', vault.id)).devices)
    .toHaveLength(2)

  // The laptop renames the login without syncing; meanwhile the app renames it too.
  await cairn(['edit', laptop, 'Bank', '--set', 'title=Bank (laptop)'])
  const synced = (await harness.call<SyncStatus>('cairn:sync:status', vault.id)).link!.lastSyncedAt!
  await harness.listRow(/Bank/).dblclick()
  const editor = harness.dialog(/Edit login/)
  await editor.getByLabel('Title').fill('Bank (desktop)')
  await editor.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(editor).toBeHidden()
  // The app writes its file once the edits pause.
  await expect
    .poll(
      async () =>
        (await harness.call<SyncStatus>('cairn:sync:status', vault.id)).link!.lastSyncedAt!,
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThan(synced)

  // The laptop syncs: both versions are kept, and the copy reaches the app.
  expect(await cairn(['sync', 'now', laptop])).toMatch(/conflict: 'Bank/)
  await expect(page.getByTestId('sync-indicator')).toHaveText('Sync conflict: 1 item', {
    timeout: 20_000,
  })
  await expectInsideWindow(harness, 'conflict indicator')
  await expect(harness.listRow(/\(conflict copy\)/)).toBeVisible()

  await page.getByTestId('sync-indicator').click()
  const settings = harness.dialog('Vault settings: Passwords')
  await expect(settings.getByRole('list', { name: 'Conflict copies' })).toContainText(
    '(conflict copy)',
  )
  const axe = await new AxeBuilder({ page }).analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
  await settings.getByRole('button', { name: 'Show conflict copies' }).click()
  await expect(settings).toBeHidden()
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1)
})

test('a second copy joins from the folder with the master password and opens unlocked', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({ title: 'Forum', username: 'ada', password: 'pw-forum-1' })
  const folder = await linkInSettings(harness)
  // This computer's copy goes away; the folder still holds its file.
  await page.getByRole('button', { name: 'Lock Passwords' }).click()
  await harness.selectVault('Passwords')
  await page.getByRole('button', { name: 'Close this vault' }).click()
  await expect(page.getByRole('button', { name: /^Passwords \(/ })).toHaveCount(0)

  await page.getByRole('button', { name: 'Open vault…' }).click()
  await harness
    .dialog('Open vault file')
    .getByRole('button', { name: 'Join a synced vault…' })
    .click()
  const joinDialog = harness.dialog('Join a synced vault')
  await joinDialog.getByLabel('Sync folder').fill(folder)
  await joinDialog
    .getByLabel('New vault file on this computer')
    .fill(join(dirname(folder), 'Joined.cairn'))
  await joinDialog.getByLabel('Master password', { exact: true }).fill('not the password')
  await joinDialog.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(joinDialog.getByRole('alert')).toContainText(/password/i, { timeout: 30_000 })
  await joinDialog.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await joinDialog.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(joinDialog).toBeHidden({ timeout: 30_000 })
  await expect(page.getByRole('button', { name: 'Lock Passwords' })).toBeVisible()
  await expect(harness.listRow(/Forum/)).toBeVisible()
  await expect(page.getByTestId('sync-indicator')).toHaveText('Synced just now')
  const joined = (await harness.vaults()).find((v) => v.name === 'Passwords')!
  expect(joined.fileName).toBe('Joined.cairn')
  // Two devices now write into the folder: the closed copy's and the joined one's.
  expect(readdirSync(folder).filter((f) => f.endsWith('.cairnsync'))).toHaveLength(2)
})
