// The copy-code picker page (src-renderer/src/picker) in Debian's Chromium: the built page served
// by Cairn's own protocol handler (real CSP), talking to the real shell handler table and picker
// service over HTTP, with codes from the real OTP engine checked against an independent RFC 6238
// computation below.
import { createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { chromium, expect, test, type Browser, type Page } from '@playwright/test'
import { SHELL_API } from '../../src-shared/shell-contract.ts'
import {
  otpKey,
  startPickerPageServer,
  type PickerPageServer,
} from './support/picker-page-server.ts'

const root = join(import.meta.dirname, '../..')
const CHROMIUM = process.env['CAIRN_CHROMIUM'] ?? '/usr/bin/chromium'
const builtPage = join(root, 'out/renderer/picker.html')
const missing = !existsSync(CHROMIUM)
  ? `Chromium not found at ${CHROMIUM} (apt-get install chromium)`
  : !existsSync(builtPage)
    ? 'out/renderer/picker.html is missing: run `npm run build` first'
    : null
if (missing) console.log(`[picker-page] skipped: ${missing}`)

// --- an independent TOTP (RFC 6238 with HMAC-SHA1), not the app's engine ----------------------
function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const bytes: number[] = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  return Buffer.from(bytes)
}

function totpAtStep(secret: string, step: number, digits = 6): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32(secret)).update(counter).digest()
  const offset = (mac[mac.length - 1] as number) & 0x0f
  const value = mac.readUInt32BE(offset) & 0x7fffffff
  return String(value % 10 ** digits).padStart(digits, '0')
}

/** What the picker must copy at time `ms`: this step's code, or the next when < 5 s remain. */
function expectedCopy(secret: string, ms: number): string {
  const step = Math.floor(ms / 30_000)
  const remaining = (step + 1) * 30_000 - ms
  return totpAtStep(secret, remaining < 5_000 ? step + 1 : step)
}

// --- the page's window.cairnShell, over HTTP to the page server --------------------------------
function installShim(api: typeof SHELL_API): void {
  const call = (channel: string, args: unknown[]) =>
    fetch('/__picker/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel, args }),
    }).then((r) => r.json() as Promise<unknown>)
  const listeners = new Set<(event: unknown) => void>()
  const groups: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const [area, methods] of Object.entries(api)) {
    groups[area] = {}
    for (const [method, channel] of Object.entries(methods as Record<string, string>)) {
      ;(groups[area] as Record<string, unknown>)[method] = (...args: unknown[]) =>
        call(channel, args)
    }
  }
  const w = window as unknown as Record<string, unknown>
  w['cairnShell'] = {
    ...groups,
    events: {
      subscribe: (listener: (event: unknown) => void) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
  }
  // What main's webContents.send would deliver.
  w['__emitShellEvent'] = (event: unknown) => {
    for (const l of listeners) l(event)
  }
}

const GITHUB = 'JBSWY3DPEHPK3PXP'
const GITLAB = 'KRSXG5CTMVRXEZLU'
const AWS = 'GEZDGNBVGY3TQOJQ'

test.describe('copy-code picker page in Chromium', () => {
  test.skip(missing !== null, missing ?? '')

  let server: PickerPageServer
  let browser: Browser
  let page: Page
  /** The picker's key list (the vault <select> has options too). */
  const keys = () => page.getByRole('listbox', { name: '2FA keys' }).getByRole('option')

  test.beforeAll(async () => {
    server = await startPickerPageServer(root)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    })
  })
  test.afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test.beforeEach(async () => {
    server.reset()
    server.vaults.vaults = [
      {
        id: 'keys',
        name: '2FA keys',
        password: 'correct horse battery staple',
        unlocked: true,
        items: [
          {
            itemId: 'gh',
            title: '',
            key: otpKey({ issuer: 'GitHub', account: 'alice', secret: GITHUB }),
          },
          {
            itemId: 'gl',
            title: '',
            key: otpKey({ issuer: 'GitLab', account: 'alice', secret: GITLAB }),
          },
        ],
      },
      {
        id: 'work',
        name: 'Work',
        password: 'work password',
        unlocked: false,
        items: [
          { itemId: 'aws', title: '', key: otpKey({ issuer: 'AWS', account: 'ops', secret: AWS }) },
        ],
      },
    ]
    page = await (await browser.newContext()).newPage()
    await page.addInitScript(installShim, SHELL_API)
    await page.goto(`${server.url}/picker.html`)
  })
  test.afterEach(async () => {
    await page.context().close()
  })

  test('lists the keys of unlocked vaults and says which vaults are locked', async () => {
    const options = keys()
    await expect(options).toHaveCount(2)
    await expect(options.nth(0)).toContainText('GitHub')
    await expect(options.nth(1)).toContainText('GitLab')
    await expect(page.getByText('Work is locked.')).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Filter 2FA keys' })).toBeFocused()
  })

  test('typing filters, arrows move, Enter copies the right code and the picker closes', async () => {
    const filter = page.getByRole('combobox', { name: 'Filter 2FA keys' })
    await filter.fill('git')
    await expect(keys()).toHaveCount(2)
    await filter.press('ArrowDown')
    await expect(page.getByRole('option', { selected: true })).toContainText('GitLab')
    const before = Date.now()
    await filter.press('Enter')
    await expect(page.getByRole('status')).toContainText('Copied')
    const after = Date.now()
    expect(server.vaults.clipboard).toHaveLength(1)
    expect([expectedCopy(GITLAB, before), expectedCopy(GITLAB, after)]).toContain(
      server.vaults.clipboard[0],
    )
    await expect.poll(() => server.closes()).toBe(1)
  })

  test('with under five seconds left, Enter copies the next code and says so', async () => {
    const step = Math.floor(Date.now() / 30_000)
    server.vaults.fixedNow = step * 30_000 + 26_000 // 4 s left
    await page.getByRole('combobox', { name: 'Filter 2FA keys' }).press('Enter')
    await expect(page.getByRole('status')).toContainText('Copied the next code of GitHub')
    expect(server.vaults.clipboard).toEqual([totpAtStep(GITHUB, step + 1)])

    server.reset()
    server.vaults.fixedNow = step * 30_000 + 25_000 // exactly 5 s left: still the current one
    await page.evaluate(() =>
      (window as unknown as { __emitShellEvent(e: unknown): void }).__emitShellEvent({
        type: 'picker-shown',
      }),
    )
    await page.getByRole('combobox', { name: 'Filter 2FA keys' }).press('Enter')
    await expect(page.getByRole('status')).toContainText('Copied the code of GitHub')
    expect(server.vaults.clipboard).toEqual([totpAtStep(GITHUB, step)])
  })

  test('filters on every word typed and says when nothing matches', async () => {
    const filter = page.getByRole('combobox', { name: 'Filter 2FA keys' })
    await filter.fill('lab ali')
    await expect(keys()).toHaveCount(1)
    await expect(keys()).toContainText('GitLab')
    await filter.fill('zzz')
    await expect(keys()).toHaveCount(0)
    await expect(page.getByText('No 2FA key matches “zzz”.')).toBeVisible()
    await filter.press('Enter')
    expect(server.vaults.clipboard).toEqual([])
  })

  test('Esc closes the picker without copying', async () => {
    await page.getByRole('combobox', { name: 'Filter 2FA keys' }).press('Escape')
    await expect.poll(() => server.closes()).toBe(1)
    expect(server.vaults.clipboard).toEqual([])
  })

  test('asks for a master password when every vault is locked, and keeps a wrong one selected', async () => {
    for (const v of server.vaults.vaults) v.unlocked = false
    await page.evaluate(() =>
      (window as unknown as { __emitShellEvent(e: unknown): void }).__emitShellEvent({
        type: 'picker-shown',
      }),
    )
    await expect(page.getByText('Every vault is locked.')).toBeVisible()
    const vault = page.getByRole('combobox', { name: 'Vault' })
    await vault.selectOption({ label: 'Work' })
    const password = page.getByLabel('Master password of Work')
    await expect(password).toBeFocused()
    await password.fill('wrong guess')
    await password.press('Enter')
    await expect(page.getByRole('alert')).toHaveText('Wrong master password. Try again.')
    // Still there and selected: typing replaces it.
    expect(
      await password.evaluate((el: HTMLInputElement) => [
        el.value,
        el.selectionStart,
        el.selectionEnd,
      ]),
    ).toEqual(['wrong guess', 0, 11])
    await password.pressSequentially('work password')
    await password.press('Enter')
    await expect(keys()).toHaveCount(1)
    await expect(keys()).toContainText('AWS')
    await expect(page.getByRole('combobox', { name: 'Filter 2FA keys' })).toBeFocused()
  })

  test('says so when no vault is open', async () => {
    server.vaults.vaults = []
    await page.evaluate(() =>
      (window as unknown as { __emitShellEvent(e: unknown): void }).__emitShellEvent({
        type: 'picker-shown',
      }),
    )
    await expect(page.getByText('No vault is open.')).toBeVisible()
  })

  test('forgets the list when Cairn locks', async () => {
    await expect(keys()).toHaveCount(2)
    for (const v of server.vaults.vaults) v.unlocked = false
    await page.evaluate(() =>
      (window as unknown as { __emitShellEvent(e: unknown): void }).__emitShellEvent({
        type: 'locked',
        reason: 'idle',
      }),
    )
    await expect(page.getByText('Every vault is locked.')).toBeVisible()
    await expect(keys()).toHaveCount(0)
  })

  test('runs under the strict CSP: an injected inline script does not execute', async () => {
    const csp = await page.evaluate(async () =>
      (await fetch('/picker.html')).headers.get('content-security-policy'),
    )
    expect(csp).toContain("script-src 'self'")
    const ran = await page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__injected = true'
      document.head.append(s)
      return (window as unknown as { __injected?: boolean }).__injected === true
    })
    expect(ran).toBe(false)
  })

  test('has no serious accessibility violations (axe)', async () => {
    await expect(keys()).toHaveCount(2)
    const results = await new AxeBuilder({ page }).analyze()
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    )
    expect(serious.map((v) => v.id)).toEqual([])
  })
})
