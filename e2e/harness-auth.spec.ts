// The browser harness answers only requests that carry its per-run token: another local process
// (or a web site) cannot call the API or read the clipboard, and the clipboard and reset hooks
// exist only with --test-hooks.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test'
import { HEADERS, expect, test } from './fixtures.ts'

const TOKEN = process.env.CAIRN_HARNESS_TOKEN ?? ''
const HOST = process.env.CAIRN_HARNESS_HOST ?? ''
const NO_COOKIES = { cookies: [], origins: [] }

function tokenCookie(value: string, domain = HOST) {
  return {
    name: 'cairn-harness',
    value,
    domain,
    path: '/',
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: 'Strict' as const,
  }
}

/** What another local process sees: the harness's address, with or without a guessed cookie. */
async function outsider(baseURL: string, cookie?: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    storageState: cookie ? { cookies: [tokenCookie(cookie)], origins: [] } : NO_COOKIES,
  })
}

test('without the token nothing answers: no API call, no clipboard, no page', async ({
  harness,
  baseURL,
}) => {
  await harness.setUpTwoVaults()
  await harness.addLogin({ title: 'Mail', username: 'ada', password: 'never-leaks-pw' })
  const [vault] = await harness.vaults()
  const { items } = await harness.call<{ items: { id: string }[] }>('cairn:items:list', vault?.id)
  const reveal = {
    headers: HEADERS,
    data: { channel: 'cairn:items:reveal', args: [vault?.id, items[0]?.id, { kind: 'password' }] },
  }
  // The page's own context can (the check below is not vacuous).
  expect(await (await harness.request.post('/__harness/call', reveal)).json()).toEqual({
    ok: true,
    value: 'never-leaks-pw',
  })

  for (const cookie of [undefined, 'x'.repeat(TOKEN.length), `${TOKEN}x`]) {
    const other = await outsider(baseURL ?? '', cookie)
    const answers = [
      await other.post('/__harness/call', reveal),
      await other.get('/__harness/clipboard'),
      await other.post('/__harness/clipboard', { headers: HEADERS, data: { text: 'x' } }),
      await other.post('/__harness/reset', { headers: HEADERS }),
      await other.get('/'),
      await other.get(`/?token=${'y'.repeat(TOKEN.length)}`, { maxRedirects: 0 }),
    ]
    for (const answer of answers) {
      expect(answer.status(), answer.url()).toBe(403)
      expect(await answer.text()).not.toContain('never-leaks-pw')
    }
    await other.dispose()
  }
  expect((await harness.vaults()).length).toBe(2) // the reset was refused
})

test('the printed address trades the token for an HttpOnly, SameSite=Strict cookie, once', async ({
  harness,
  browser,
  baseURL,
}) => {
  expect(await harness.vaults()).toEqual([]) // the fixture reset the harness: the first-run page
  // Its own loopback address: the cookie is not sent to servers on 127.0.0.1.
  expect(new URL(baseURL ?? '').hostname).toMatch(/^127\./)
  expect(new URL(baseURL ?? '').hostname).not.toBe('127.0.0.1')
  const context = await browser.newContext({ storageState: NO_COOKIES })
  const page = await context.newPage()
  const response = await page.goto(`/?token=${TOKEN}`)
  expect(response?.status()).toBe(200)
  expect(new URL(page.url()).search).toBe('') // the token left the address bar
  await expect(page.getByRole('heading', { name: 'Set up Cairn: two vaults' })).toBeVisible()
  const cookies = await context.cookies(baseURL)
  expect(cookies).toEqual([expect.objectContaining(tokenCookie(TOKEN))])
  expect(await page.evaluate(() => document.cookie)).toBe('') // scripts never see it
  await context.close()

  // Replayed (from a log, the history, another process), the address is refused.
  const replay = await outsider(baseURL ?? '')
  expect((await replay.get(`/?token=${TOKEN}`, { maxRedirects: 0 })).status()).toBe(403)
  await replay.dispose()
})

test('without --test-hooks: no clipboard or reset route, no typed paths; the preview banner', async () => {
  test.setTimeout(60_000)
  const dir = mkdtempSync(join(tmpdir(), 'cairn-harness-'))
  const outside = mkdtempSync(join(tmpdir(), 'cairn-harness-outside-'))
  const port = Number(process.env.CAIRN_E2E_PORT ?? 5310) + 1
  const token = 'z'.repeat(43)
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      'scripts/web-harness/server.ts',
      '--port',
      `${port}`,
      '--preview-banner',
    ],
    { env: { ...process.env, CAIRN_HARNESS_TOKEN: token, CAIRN_HARNESS_DIR: dir }, stdio: 'pipe' },
  )
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Cairn browser harness:')) resolve()
      })
      child.on('exit', (code) => reject(new Error(`harness exited with ${code}`)))
    })
    const client = await outsider(`http://${HOST}:${port}`, token)
    const info = await client.post('/__harness/call', {
      headers: HEADERS,
      data: { channel: 'cairn:app:info', args: [] },
    })
    expect(info.status()).toBe(200)
    expect((await client.get('/__harness/clipboard')).status()).toBe(404)
    expect(
      (
        await client.post('/__harness/clipboard', { headers: HEADERS, data: { text: 'x' } })
      ).status(),
    ).toBe(404)
    expect((await client.post('/__harness/reset', { headers: HEADERS })).status()).toBe(404)
    // A typed path is not a file choice here: the API cannot be made to write outside its folder.
    const created = await client.post('/__harness/call', {
      headers: HEADERS,
      data: {
        channel: 'cairn:vaults:create',
        args: [{ path: join(outside, 'typed.cairn'), name: 'Typed', password: 'a long password' }],
      },
    })
    expect(((await created.json()) as { ok: boolean }).ok).toBe(false)
    expect(existsSync(join(outside, 'typed.cairn'))).toBe(false)
    const page = await client.get('/')
    expect(await page.text()).toMatch(/Development preview in a browser: there is no auto-lock/)
    await client.dispose()
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  }
})
