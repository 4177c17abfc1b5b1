// The app answering the `cairn` command line, turned on in the settings: a real `cairn` process
// (pointed at the harness's folder as its runtime directory) reads a 2FA code from the vault
// unlocked in the window without any password, and is refused again once the vault is locked.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import type { VaultInfo } from '../src-shared/ipc-contract.ts'
import { expect, test, type Harness } from './fixtures.ts'

const CLI = join(import.meta.dirname, '..', 'bin', 'cairn.js')

function cairn(args: string[], runtimeDir: string) {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('CAIRN_')) env[k] = v
  }
  env.XDG_RUNTIME_DIR = runtimeDir
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

async function keysVault(harness: Harness): Promise<VaultInfo> {
  return (await harness.vaults()).find((v) => v.name === '2FA keys')!
}

test('turned on in the settings, the app answers cairn code with the vault unlocked in the window', async ({
  harness,
  page,
}) => {
  await harness.setUpTwoVaults()
  const vault = await keysVault(harness)
  await harness.call('cairn:items:create', vault.id, {
    kind: 'otp',
    title: '',
    issuer: 'GitHub',
    account: 'ada',
    notes: '',
    tags: [],
    key: { from: 'uri', uri: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' },
  })
  const runtimeDir = join(dirname(vault.path), 'run')

  await page.getByRole('button', { name: 'Settings' }).click()
  let settings = harness.dialog('Settings')
  const answer = settings.getByLabel('Answer the cairn command line with the vaults unlocked here')
  await expect(answer).not.toBeChecked()
  await expect(settings.getByTestId('command-line-status')).toHaveText(
    'The command line is not answered.',
  )
  await answer.check()
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()

  await page.getByRole('button', { name: 'Settings' }).click()
  settings = harness.dialog('Settings')
  await expect(settings.getByTestId('command-line-status')).toHaveText(
    'The command line is answered now.',
  )
  await settings.getByRole('button', { name: 'Cancel' }).click()

  const code = await cairn(['code', vault.path, 'GitHub'], runtimeDir)
  expect(code.stderr).toBe('')
  expect(code.stdout.trim()).toMatch(/^\d{6}$/)

  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  const refused = await cairn(['code', vault.path, 'GitHub'], runtimeDir)
  expect(refused.status).not.toBe(0)
  expect(refused.stdout).toBe('')
})
