// Key derivation takes seconds by design: creating and unlocking show a bar with a sentence saying
// what is happening. A MutationObserver records every sentence shown, however briefly.
import type { Page } from '@playwright/test'
import { expect, KEYS_PW, PASSWORDS_PW, test } from './fixtures.ts'

async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
    new MutationObserver(() => {
      for (const line of document.querySelectorAll('.progress-line')) {
        const bar = line.querySelector('progress')
        const text = `${line.textContent ?? ''}|${bar?.getAttribute('value') ?? '-'}/${bar?.getAttribute('max') ?? '-'}`
        if (!seen.includes(text)) seen.push(text)
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
}

const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)

test('creating both vaults and unlocking one show a bar with a sentence', async ({
  harness,
  page,
}) => {
  await page.goto('/')
  const passwords = page.getByRole('group', { name: 'Passwords' })
  await passwords.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await passwords.getByLabel('Repeat master password').fill(PASSWORDS_PW)
  const keys = page.getByRole('group', { name: '2FA keys' })
  await keys.getByLabel('Master password', { exact: true }).fill(KEYS_PW)
  await keys.getByLabel('Repeat master password').fill(KEYS_PW)
  await recordProgress(page)
  await page.getByRole('button', { name: 'Create both vaults' }).click()
  await expect(page.getByRole('button', { name: 'Lock 2FA keys' })).toBeVisible({ timeout: 60_000 })
  const created = await progressSeen(page)
  expect(created).toContainEqual(
    expect.stringMatching(/^Creating the Passwords vault \(1 of 2\): deriving its key.*\|0\/2$/),
  )
  expect(created).toContainEqual(
    expect.stringMatching(/^Creating the 2FA keys vault \(2 of 2\): deriving its key.*\|1\/2$/),
  )

  await page.getByRole('button', { name: 'Lock Passwords' }).click()
  await harness.selectVault('Passwords')
  await recordProgress(page)
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Lock Passwords' })).toBeVisible()
  expect(await progressSeen(page)).toContainEqual(
    expect.stringMatching(/^Unlocking Passwords: deriving the key.*\|-\/-$/),
  )
})

test('the first-run form does not move when a strength verdict arrives, and a press shows at once that it was taken', async ({
  harness,
  page,
}) => {
  await page.goto('/')
  const create = page.getByRole('button', { name: 'Create both vaults' })
  await expect(create).toBeVisible()
  const before = await create.boundingBox()
  const passwords = page.getByRole('group', { name: 'Passwords' })
  await passwords.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
  await passwords.getByLabel('Repeat master password').fill(PASSWORDS_PW)
  const keys = page.getByRole('group', { name: '2FA keys' })
  await keys.getByLabel('Master password', { exact: true }).fill(KEYS_PW)
  await keys.getByLabel('Repeat master password').fill(KEYS_PW)
  // Both verdicts are in: the button is where it was before anything was typed.
  await expect(passwords.getByText(/Strength:/)).toBeVisible()
  await expect(keys.getByText(/Strength:/)).toBeVisible()
  expect(await create.boundingBox()).toEqual(before)

  // The press is acknowledged before the strength check's round trip to main returns.
  await page.evaluate(() => {
    const w = window as unknown as { busyAt: number | null; pressedAt: number }
    w.busyAt = null
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === 'Create both vaults',
    )!
    new MutationObserver(() => {
      if (w.busyAt === null && button.disabled) w.busyAt = performance.now()
    }).observe(button, { attributes: true, childList: true, subtree: true })
    button.addEventListener('click', () => (w.pressedAt = performance.now()))
  })
  // Main answers the strength check slowly: the press must show before that answer.
  await page.route('**/__harness/call', async (route) => {
    if (route.request().postData()?.includes('"cairn:generator:strength"')) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    await route.continue()
  })
  await create.click()
  await expect(page.getByRole('button', { name: 'Lock 2FA keys' })).toBeVisible({ timeout: 60_000 })
  const { busyAt, pressedAt } = await page.evaluate(() => {
    const w = window as unknown as { busyAt: number | null; pressedAt: number }
    return { busyAt: w.busyAt, pressedAt: w.pressedAt }
  })
  expect(busyAt).not.toBeNull()
  expect(pressedAt).toBeGreaterThan(0)
  // The busy state comes from the press itself, not from main's answer a second later.
  expect(busyAt! - pressedAt).toBeLessThan(100)
  expect((await harness.vaults()).map((v) => v.name).sort()).toEqual(['2FA keys', 'Passwords'])
})
