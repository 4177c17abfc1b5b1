// The main screens with realistic content. Each scene is checked, then photographed: into
// test-results/screenshots normally, into docs/screenshots with `npm run screenshots`
// (CAIRN_SCREENSHOTS=docs/screenshots), so ordinary test runs leave the repository untouched.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ItemInput, VaultInfo } from '../src-shared/ipc-contract.ts'
import { awayFromCodeBoundary, expect, test, type Harness } from './fixtures.ts'

const OUT = process.env.CAIRN_SCREENSHOTS ?? 'test-results/screenshots'
mkdirSync(OUT, { recursive: true })

const KEYS: [string, string, string][] = [
  ['GitHub', 'ada@example.org', 'JBSWY3DPEHPK3PXP'],
  ['Mastodon', '@ada@social.example', 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ'],
  ['Proton', 'ada@proton.example', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ['Cloudflare', 'ada@example.org', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'],
  ['Google', 'ada.lovelace@gmail.example', 'ONSWG4TFOQYTEMZUGU3DOOBZ'],
  ['Fastmail', 'ada@fastmail.example', 'NBSWY3DPO5XXE3DEEBQWY2LDMU'],
]

const LOGINS: [string, string, string, string[], string[]][] = [
  ['GitHub', 'ada@example.org', 'https://github.com/login', ['dev'], ['Work']],
  ['Fastmail', 'ada@fastmail.example', 'https://app.fastmail.example', ['email'], ['Personal']],
  ['Bank of Example', 'ada.lovelace', 'https://bank.example/online', ['money'], ['Personal']],
  ['Home router', 'admin', 'http://192.168.1.1', ['home'], ['Home']],
  ['Mastodon', 'ada', 'https://social.example', [], ['Personal']],
  ['Library card', 'A-2041-778', 'https://library.example', [], []],
  [
    'Cloudflare',
    'ada@example.org',
    'https://dash.cloudflare.example',
    ['dev'],
    ['Work', 'Servers'],
  ],
]

async function populate(harness: Harness): Promise<{ passwords: VaultInfo; keys: VaultInfo }> {
  const vaults = await harness.vaults()
  const passwords = vaults.find((v) => v.name === 'Passwords') as VaultInfo
  const keys = vaults.find((v) => v.name === '2FA keys') as VaultInfo
  const keyIds: Record<string, string> = {}
  for (const [issuer, account, secret] of KEYS) {
    const input: ItemInput = {
      kind: 'otp',
      title: '',
      issuer,
      account,
      notes: '',
      tags: [],
      key: { from: 'uri', uri: `otpauth://totp/${issuer}:x?secret=${secret}&issuer=${issuer}` },
    }
    keyIds[issuer] = (await harness.call<{ id: string }>('cairn:items:create', keys.id, input)).id
  }
  await harness.call('cairn:items:create', keys.id, {
    kind: 'recovery-codes',
    title: '',
    issuer: 'GitHub',
    notes: 'Shown when 2FA was turned on.',
    tags: [],
    codes: ['8f2c-41aa', '1b7e-9d03', 'c4d9-77e2', '0a5f-e61b'].map((code) => ({
      code,
      used: false,
    })),
  })
  for (const [title, username, url, tags, group] of LOGINS) {
    const key = keyIds[title]
    await harness.call('cairn:items:create', passwords.id, {
      kind: 'login',
      title,
      username,
      password: `${title.replace(/\W/g, '')}-Xq7!pL2#vR9`,
      urls: [url],
      notes: title === 'Home router' ? 'Wi-Fi name: "Analytical Engine"' : '',
      tags,
      group,
      fields: title === 'Bank of Example' ? [{ name: 'PIN', secret: true, value: '4821' }] : [],
      otpLink: key ? { vaultUuid: keys.vaultUuid, itemId: key } : null,
    })
  }
  await harness.call('cairn:items:create', passwords.id, {
    kind: 'note',
    title: 'Passport number',
    tags: ['travel'],
    body: 'P1234567 · expires 2031',
  })
  return { passwords, keys }
}

async function shot(harness: Harness, name: string) {
  await harness.page.screenshot({ path: join(OUT, `${name}.png`) })
}

test('screens of Cairn', async ({ harness, page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Cairn: two vaults' })).toBeVisible()
  await shot(harness, 'start')

  await harness.setUpTwoVaults()
  await populate(harness)
  await page.reload()
  await harness.selectVault('Passwords')
  await harness.listRow(/GitHub/).click()
  await awayFromCodeBoundary(30, 8000)
  await expect(page.getByTestId('live-code')).toBeVisible()
  await shot(harness, 'main-passwords')

  await harness.selectVault('2FA keys')
  await harness.listRow(/Mastodon/).click()
  await expect(page.getByTestId('live-code')).toBeVisible()
  await shot(harness, 'main-2fa-keys')

  // The search covers both vaults: two keys here and the GitHub login beside the passwords.
  await page.getByRole('searchbox', { name: 'Search items' }).fill('git')
  await expect(page.getByRole('listbox')).toHaveAccessibleName('Items (3)')
  await shot(harness, 'search')
  await page.getByRole('searchbox', { name: 'Search items' }).fill('')

  await harness.add('2FA key')
  const add = harness.dialog('New 2FA key')
  await add
    .getByLabel('otpauth:// URI')
    .fill(
      'otpauth://totp/Example%20Shop:ada@example.org?secret=MZXW6YTBOI2DKNJVGQZTKMZTGQ&issuer=Example%20Shop',
    )
  await expect(add.getByTestId('preview-code')).toBeVisible()
  await shot(harness, 'add-2fa-key')
  await add.getByRole('button', { name: 'Cancel' }).click()
  await add.getByRole('button', { name: 'Discard changes' }).click()

  await page.getByRole('button', { name: 'Show key…' }).click()
  await harness
    .dialog(/Key of/)
    .getByRole('button', { name: 'Reveal secret and QR code' })
    .click()
  await expect(page.getByTestId('key-qr')).toBeVisible()
  await shot(harness, 'key-reveal')
  await harness
    .dialog(/Key of/)
    .getByRole('button', { name: 'Close' })
    .first()
    .click()

  await page.getByRole('button', { name: 'Generator' }).click()
  await harness.dialog('Password generator').getByRole('tab', { name: 'Passphrase' }).click()
  await expect(page.getByTestId('generated')).toHaveText(/-/)
  await shot(harness, 'generator')
  await harness.dialog('Password generator').getByRole('button', { name: 'Close' }).first().click()

  await page.getByRole('button', { name: 'Vault health' }).click()
  await expect(
    page.getByRole('region', { name: /^2FA keys without recovery codes \d+$/ }),
  ).toBeVisible()
  await shot(harness, 'vault-health')
  await page.getByRole('button', { name: 'Back to items' }).click()

  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await page.getByLabel('Master password', { exact: true }).fill('not the password')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert')).toContainText('Wrong master password')
  await shot(harness, 'unlock-wrong-password')

  await harness.selectVault('Passwords')
  await harness.listRow(/GitHub/).click()
  await expect(page.getByText('Unlock the vault that holds this 2FA key')).toBeVisible()
  await shot(harness, 'linked-key-locked')

  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.listRow(/Bank of Example/).click()
  await expect(page.getByRole('region', { name: 'Item details' }).getByText('PIN')).toBeVisible()
  await shot(harness, 'main-dark')

  // Groups: the Passwords vault's tree, with Work chosen (its Servers group inside).
  await page.emulateMedia({ colorScheme: 'light' })
  const tree = page.getByRole('tree', { name: 'Groups' })
  await tree.getByRole('treeitem', { name: /^Work/ }).click()
  await expect(harness.listRow(/GitHub/)).toBeVisible()
  await harness.listRow(/GitHub/).click()
  await shot(harness, 'groups')
})
