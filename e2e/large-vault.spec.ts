// A 10,000-item vault: the list is virtualized (only the visible rows exist in the page), keyboard
// navigation reaches the end, and search narrows it instantly. Speed itself is measured in
// bench/ui-search.bench.ts, not here.
import type { VaultInfo } from '../src-shared/ipc-contract.ts'
import { expect, test } from './fixtures.ts'

const COUNT = 10_000

test('10,000 items: a virtualized list, End reaches the last, search finds one', async ({
  harness,
  page,
}) => {
  test.setTimeout(240_000)
  const vault = await harness.call<VaultInfo>('cairn:vaults:create', {
    path: await harness.call<string>('cairn:vaults:suggest-path', 'Big'),
    name: 'Big',
    password: 'a big vault password',
  })
  // Written through the API before the page loads (no page refreshes in between).
  for (let i = 0; i < COUNT; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, j) => {
        const n = String(i + j).padStart(5, '0')
        return harness.call('cairn:items:create', vault.id, {
          kind: 'login',
          title: `Site ${n}`,
          username: `user${n}@example.org`,
          password: `pw-${n}`,
          urls: [`https://site${n}.example`],
          notes: '',
          tags: [],
          fields: [],
          otpLink: null,
        })
      }),
    )
  }

  await page.goto('/')
  const list = page.getByRole('listbox')
  await expect(list).toHaveAccessibleName(`Items (${COUNT})`, { timeout: 30_000 })
  const rendered = await page.getByRole('option').count()
  expect(rendered).toBeGreaterThan(5)
  expect(rendered).toBeLessThan(60)

  await list.focus()
  await page.keyboard.press('End')
  const last = page.getByRole('option', { name: /Site 09999/ })
  await expect(last).toBeVisible()
  await expect(last).toHaveAttribute('aria-posinset', String(COUNT))
  await expect(last).toHaveAttribute('aria-selected', 'true')
  expect(await page.getByRole('option').count()).toBeLessThan(60)

  await page.keyboard.press('Control+f')
  await page.keyboard.type('site09876')
  await expect(list).toHaveAccessibleName('Items (1)')
  await expect(page.getByRole('region', { name: 'Item details' }).getByRole('heading')).toHaveText(
    'Site 09876',
  )
  await page.keyboard.press('Control+c')
  await expect.poll(async () => (await harness.clipboard()).text).toBe('pw-09876')
})
