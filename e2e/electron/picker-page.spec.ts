// The copy-code picker page (src-renderer/src/picker, picker.html) in Debian's Chromium, through
// the browser harness: real vault files, real sessions, the real picker service and clipboard
// guard. Codes are checked against an independent RFC 6238 / RFC 4226 computation below. (In the
// app the same page lives in the always-on-top window the global shortcut opens.)
import { createHmac } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { API } from '../../src-shared/ipc-contract.ts'
import { awayFromCodeBoundary, expect, test, type Harness } from '../fixtures.ts'

const GITHUB = 'JBSWY3DPEHPK3PXP'
const GITLAB = 'KRSXG5CTMVRXEZLU'
const AWS = 'GEZDGNBVGY3TQOJQ'
const BANK = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' // RFC 4226's "12345678901234567890"
const KEYS_PW = 'staple orbit lantern'
const WORK_PW = 'work password'

// --- independent HOTP/TOTP (HMAC-SHA1), not the app's engine ----------------------------------
function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of text) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  return Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? [])
}

function hotp(secret: string, counter: number, digits = 6): string {
  const c = Buffer.alloc(8)
  c.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', base32(secret)).update(c).digest()
  const offset = (mac[mac.length - 1] as number) & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0')
}

/** What the picker must copy at `ms`: this step's code, or the next when under 5 s remain. */
function expectedTotp(secret: string, ms: number): string {
  const step = Math.floor(ms / 30_000)
  return hotp(secret, (step + 1) * 30_000 - ms < 5_000 ? step + 1 : step)
}

// --- setup through the vault API ---------------------------------------------------------------
async function vault(harness: Harness, name: string, password: string): Promise<string> {
  const path = await harness.call<string>(API.vaults.suggestPath, name)
  const info = await harness.call<{ id: string }>(API.vaults.create, { path, name, password })
  return info.id
}

async function addKey(harness: Harness, vaultId: string, uri: string): Promise<void> {
  // The add-key dialog fills issuer and account from the URI's preview; the API takes them as given.
  const preview = await harness.call<{ issuer: string; account: string }>(API.otp.preview, {
    from: 'uri',
    uri,
  })
  await harness.call(API.items.create, vaultId, {
    kind: 'otp',
    title: '',
    issuer: preview.issuer,
    account: preview.account,
    notes: '',
    tags: [],
    key: { from: 'uri', uri },
  })
}

async function setUp(harness: Harness): Promise<{ keys: string; work: string }> {
  const keys = await vault(harness, '2FA keys', KEYS_PW)
  const work = await vault(harness, 'Work', WORK_PW)
  for (const [id, uri] of [
    [keys, `otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`],
    [keys, `otpauth://totp/GitLab:alice?secret=${GITLAB}&issuer=GitLab`],
    [keys, `otpauth://hotp/Bank:carol?secret=${BANK}&issuer=Bank&counter=0`],
    [work, `otpauth://totp/AWS:ops?secret=${AWS}&issuer=AWS`],
  ] as const) {
    await addKey(harness, id, uri)
  }
  await harness.call(API.vaults.lock, work)
  return { keys, work }
}

const keyList = (page: Page) => page.getByRole('listbox', { name: '2FA keys' }).getByRole('option')
const filter = (page: Page) => page.getByRole('combobox', { name: 'Filter 2FA keys' })

async function pickerCloses(harness: Harness): Promise<number> {
  return ((await (await harness.request.get('/__harness/picker')).json()) as { closes: number })
    .closes
}

test('lists the keys of the unlocked vaults, says which are locked, and focuses the filter', async ({
  harness,
  page,
}) => {
  await setUp(harness)
  await page.goto('/picker.html')
  await expect(keyList(page)).toHaveCount(3)
  await expect(keyList(page).nth(0)).toContainText('Bank')
  await expect(keyList(page).nth(1)).toContainText('GitHub')
  await expect(keyList(page).nth(2)).toContainText('GitLab')
  await expect(page.getByText('Work is locked.')).toBeVisible()
  await expect(filter(page)).toBeFocused()
})

test('type to filter, arrows to move, Enter copies the code and the picker closes', async ({
  harness,
  page,
}) => {
  await setUp(harness)
  await page.goto('/picker.html')
  await filter(page).fill('git')
  await expect(keyList(page)).toHaveCount(2)
  await filter(page).press('ArrowDown')
  await expect(page.getByRole('option', { selected: true })).toContainText('GitLab')
  await awayFromCodeBoundary(30, 7_000)
  const before = Date.now()
  await filter(page).press('Enter')
  await expect(page.getByRole('status')).toContainText('Copied the code of GitLab')
  const after = Date.now()
  const clip = await harness.clipboard()
  expect(clip.secret).toBe(true)
  expect([expectedTotp(GITLAB, before), expectedTotp(GITLAB, after)]).toContain(clip.text)
  await expect.poll(() => pickerCloses(harness)).toBe(1)
})

test('HOTP: Enter copies the code at the stored counter and advances it for good', async ({
  harness,
  page,
}) => {
  await setUp(harness)
  await page.goto('/picker.html')
  await filter(page).fill('bank')
  await filter(page).press('Enter')
  await expect(page.getByRole('status')).toContainText('Copied the code of Bank')
  expect((await harness.clipboard()).text).toBe(hotp(BANK, 0))
  await page.reload()
  await filter(page).fill('bank')
  await filter(page).press('Enter')
  await expect(page.getByRole('status')).toContainText('Copied')
  // RFC 4226 appendix D: 755224, then 287082.
  expect((await harness.clipboard()).text).toBe('287082')
  expect(hotp(BANK, 1)).toBe('287082')
})

test('every word typed must match; nothing matching copies nothing', async ({ harness, page }) => {
  await setUp(harness)
  await page.goto('/picker.html')
  await filter(page).fill('lab alice')
  await expect(keyList(page)).toHaveCount(1)
  await filter(page).fill('zzz')
  await expect(page.getByText('No 2FA key matches “zzz”.')).toBeVisible()
  await filter(page).press('Enter')
  expect((await harness.clipboard()).text).toBe('')
})

test('Esc closes the picker without copying', async ({ harness, page }) => {
  await setUp(harness)
  await page.goto('/picker.html')
  await filter(page).press('Escape')
  await expect.poll(() => pickerCloses(harness)).toBe(1)
  expect((await harness.clipboard()).text).toBe('')
})

test('with every vault locked it asks for a master password; a wrong one stays selected', async ({
  harness,
  page,
}) => {
  await setUp(harness)
  await harness.call(API.vaults.lockAll)
  await page.goto('/picker.html')
  await expect(page.getByText('Every vault is locked.')).toBeVisible()
  await page.getByRole('combobox', { name: 'Vault' }).selectOption({ label: 'Work' })
  const password = page.getByLabel('Master password of Work')
  await expect(password).toBeFocused()
  await password.fill('wrong guess')
  await password.press('Enter')
  await expect(page.getByRole('alert')).toHaveText('Wrong master password. Try again.', {
    timeout: 30_000,
  })
  expect(
    await password.evaluate((el: HTMLInputElement) => [
      el.value,
      el.selectionStart,
      el.selectionEnd,
    ]),
  ).toEqual(['wrong guess', 0, 11])
  await password.pressSequentially(WORK_PW)
  await password.press('Enter')
  await expect(keyList(page)).toHaveCount(1, { timeout: 30_000 })
  await expect(keyList(page)).toContainText('AWS')
  await expect(filter(page)).toBeFocused()
  expect((await harness.vaults()).map((v) => [v.name, v.state])).toEqual([
    ['2FA keys', 'locked'],
    ['Work', 'unlocked'],
  ])
})

test('says so when no vault is open', async ({ harness: _fresh, page }) => {
  await page.goto('/picker.html')
  await expect(page.getByText('No vault is open.')).toBeVisible()
})

test('forgets its list when the vaults lock elsewhere', async ({ harness, page }) => {
  await setUp(harness)
  await page.goto('/picker.html')
  await expect(keyList(page)).toHaveCount(3)
  await harness.call(API.shell.lockAll)
  await expect(page.getByText('Every vault is locked.')).toBeVisible()
  await expect(keyList(page)).toHaveCount(0)
})

test('runs under the strict CSP: an injected inline script does not execute', async ({ page }) => {
  await page.goto('/picker.html')
  const ran = await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__injected = true'
    document.head.append(s)
    return (window as unknown as { __injected?: boolean }).__injected === true
  })
  expect(ran).toBe(false)
})

for (const scheme of ['light', 'dark'] as const) {
  test(`has no serious accessibility violations (axe, ${scheme})`, async ({ harness, page }) => {
    await setUp(harness)
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto('/picker.html')
    await expect(keyList(page)).toHaveCount(3)
    const results = await new AxeBuilder({ page }).analyze()
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    )
    expect(serious.map((v) => v.id)).toEqual([])
  })
}
