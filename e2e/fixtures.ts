// Shared by the end-to-end specs: every test starts from an empty harness (no vaults, default
// settings, empty clipboard), and gets helpers that observe the harness from outside the page.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test'
import type { ApiResult, VaultInfo } from '../src-shared/ipc-contract.ts'
import { NEXT_CODE_THRESHOLD_MS } from '../src-main/core/otp/code-to-copy.ts'

export const HEADERS = { 'x-cairn-harness': '1' }
export const PASSWORDS_PW = 'correct horse battery one'
export const KEYS_PW = 'staple orbit lantern two'

export class Harness {
  readonly page: Page
  readonly request: APIRequestContext

  constructor(page: Page, request: APIRequestContext) {
    this.page = page
    this.request = request
  }

  /** What the harness's in-memory clipboard holds now. */
  async clipboard(): Promise<{ text: string; secret: boolean }> {
    return (await this.request.get('/__harness/clipboard')).json()
  }

  /** Stands in for the user copying something else in another program. */
  async userCopies(text: string): Promise<void> {
    await this.request.post('/__harness/clipboard', { headers: HEADERS, data: { text } })
  }

  /** One call through the same handler table the page uses (for setup and for checks). */
  async call<T>(channel: string, ...args: unknown[]): Promise<T> {
    const res = await this.request.post('/__harness/call', {
      headers: HEADERS,
      data: { channel, args },
    })
    const result = (await res.json()) as ApiResult<T>
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value
  }

  async vaults(): Promise<VaultInfo[]> {
    return this.call('cairn:vaults:list')
  }

  /** Creates the first-run pair through the start screen. */
  async setUpTwoVaults(): Promise<void> {
    const { page } = this
    await page.goto('/')
    const passwords = page.getByRole('group', { name: 'Passwords' })
    await passwords.getByLabel('Master password', { exact: true }).fill(PASSWORDS_PW)
    await passwords.getByLabel('Repeat master password').fill(PASSWORDS_PW)
    const keys = page.getByRole('group', { name: '2FA keys' })
    await keys.getByLabel('Master password', { exact: true }).fill(KEYS_PW)
    await keys.getByLabel('Repeat master password').fill(KEYS_PW)
    await page.getByRole('button', { name: 'Create both vaults' }).click()
    await expect(page.getByRole('button', { name: 'Lock 2FA keys' })).toBeVisible({
      timeout: 60_000,
    })
    await expect(page.getByRole('button', { name: 'Lock Passwords' })).toBeVisible()
  }

  async selectVault(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${name} \\(`) }).click()
  }

  async add(kind: 'Login' | '2FA key' | 'Recovery codes' | 'Secure note'): Promise<void> {
    await this.page.getByRole('button', { name: 'Add', exact: true }).click()
    await this.page
      .getByRole('list', { name: 'Add an item' })
      .getByRole('button', { name: kind })
      .click()
  }

  dialog(name: string | RegExp) {
    return this.page.getByRole('dialog', { name })
  }

  listRow(name: string | RegExp) {
    return this.page.getByRole('listbox').getByRole('option', { name })
  }

  async addLogin(fields: {
    title: string
    username: string
    password: string
    url?: string
    tags?: string
  }) {
    await this.add('Login')
    const d = this.dialog('New login')
    await d.getByLabel('Title').fill(fields.title)
    await d.getByLabel('Username').fill(fields.username)
    await d.getByLabel('Password', { exact: true }).fill(fields.password)
    if (fields.url) await d.getByLabel('URLs (one per line)').fill(fields.url)
    if (fields.tags) await d.getByLabel('Tags (comma-separated)').fill(fields.tags)
    await d.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(d).toBeHidden()
  }
}

export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page, request }, use) => {
    const reset = await request.post('/__harness/reset', { headers: HEADERS })
    expect(reset.ok()).toBe(true)
    await use(new Harness(page, request))
  },
})

export { expect }

/**
 * Waits until at least `margin` ms remain in the current `period` s window, so that a code read or
 * copied now is still the code of the window the test computes for. The default margin is above
 * the next-code rule's threshold: closer to the end, copying gives the next code by design.
 */
export async function awayFromCodeBoundary(
  period = 30,
  margin = NEXT_CODE_THRESHOLD_MS + 3000,
): Promise<void> {
  const left = period * 1000 - (Date.now() % (period * 1000))
  if (left < margin) await new Promise((r) => setTimeout(r, left + 250))
}
