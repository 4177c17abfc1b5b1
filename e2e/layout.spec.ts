// The window from 800x600 up: nothing wider than the window, and every control of the toolbar,
// sidebar, list and detail pane lies inside the viewport once scrolled to (none cut off).
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
]

async function expectAllControlsInside(page: Page, size: { width: number; height: number }) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(overflow).toBeLessThanOrEqual(size.width)
  const controls = page.locator('.app button:visible, .app input:visible, .app select:visible')
  const count = await controls.count()
  expect(count).toBeGreaterThan(10)
  for (let i = 0; i < count; i++) {
    const c = controls.nth(i)
    await c.scrollIntoViewIfNeeded()
    const box = await c.boundingBox()
    const name = (await c.getAttribute('aria-label')) ?? (await c.textContent()) ?? ''
    expect(box, name).not.toBeNull()
    if (!box) continue
    expect(box.x, `${name} starts inside`).toBeGreaterThanOrEqual(0)
    expect(box.y, `${name} starts inside`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `${name} ends inside`).toBeLessThanOrEqual(size.width + 0.5)
    expect(box.y + box.height, `${name} ends inside`).toBeLessThanOrEqual(size.height + 0.5)
  }
}

for (const size of SIZES) {
  test(`at ${size.width}x${size.height} every control of a selected login and 2FA key is inside the window`, async ({
    harness,
    page,
  }) => {
    await page.setViewportSize(size)
    await harness.setUpTwoVaults()
    await harness.selectVault('Passwords')
    await harness.addLogin({
      title: 'A login with a rather long title for a narrow window',
      username: 'ada.lovelace@example.org',
      password: 'pw-1-correct-horse',
      url: 'https://example.org/login',
    })
    await harness.listRow(/A login with/).click()
    await expect(page.getByRole('button', { name: 'Copy password' })).toBeVisible()
    await expectAllControlsInside(page, size)

    await harness.selectVault('2FA keys')
    await harness.add('2FA key')
    const d = harness.dialog('New 2FA key')
    await d
      .getByLabel('otpauth:// URI')
      .fill('otpauth://totp/GitHub:ada%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=GitHub')
    await expect(d.getByTestId('preview-code')).toBeVisible()
    await d.getByRole('button', { name: 'Save key' }).click()
    await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()
    await harness.listRow(/GitHub/).click()
    await expect(page.getByTestId('live-code')).toBeVisible()
    await expectAllControlsInside(page, size)

    // The sidebar folds away and comes back.
    const toggle = page.getByRole('button', { name: 'Show vaults and filters' })
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await toggle.click()
    await expect(page.getByRole('navigation', { name: 'Vaults and filters' })).toBeHidden()
    await expectAllControlsInside(page, size)
    await toggle.click()
    await expect(page.getByRole('navigation', { name: 'Vaults and filters' })).toBeVisible()
  })
}
