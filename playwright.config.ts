import { randomBytes, randomInt } from 'node:crypto'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

// End-to-end tests drive Debian's Chromium against the browser harness (scripts/web-harness):
// the built renderer (run `npm run build` first) wired to the real main-process services, with
// vault files in a folder of this user's under the OS temporary folder (wiped by each test through
// the harness's reset hook). New
// vaults use Argon2id at RFC 9106's floor rather than a per-machine calibration, so the suite's
// timing does not depend on how busy the machine is.
const PORT = Number(process.env.CAIRN_E2E_PORT ?? 5310)
// The harness answers only requests with its per-run token (a cookie). Chosen here once (workers
// inherit the runner's environment), handed to the harness and put in every test's browser and
// request context.
process.env.CAIRN_HARNESS_TOKEN ??= randomBytes(32).toString('base64url')
const TOKEN = process.env.CAIRN_HARNESS_TOKEN
// A random loopback address of its own, so its cookie is not sent to other servers on 127.0.0.1.
process.env.CAIRN_HARNESS_HOST ??= `127.${randomInt(1, 255)}.${randomInt(256)}.${randomInt(1, 255)}`
const HOST = process.env.CAIRN_HARNESS_HOST
const DIR = join(tmpdir(), `cairn-e2e-harness-${userInfo().username}-${PORT}`)

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  // A stray test.only would shrink the run to one test.
  forbidOnly: Boolean(process.env['CI']),
  // In CI a test that fails once is run again; the summary counts such flaky passes apart.
  retries: process.env['CI'] ? 1 : 0,
  fullyParallel: false,
  reporter: [
    ['list'],
    // scripts/run-tests.ts names the report it reads; outside test-results/, which Playwright empties.
    [
      'json',
      { outputFile: process.env['CAIRN_PLAYWRIGHT_JSON'] ?? '.cache/reports/playwright.json' },
    ],
  ],
  use: {
    baseURL: `http://${HOST}:${PORT}`,
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    storageState: {
      cookies: [
        {
          name: 'cairn-harness',
          value: TOKEN,
          domain: HOST,
          path: '/',
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: 'Strict',
        },
      ],
      origins: [],
    },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `node --disable-warning=ExperimentalWarning scripts/web-harness/server.ts --port ${PORT} --host ${HOST} --dir ${DIR} --test-hooks --argon2-floor`,
    url: `http://${HOST}:${PORT}/`,
    env: { CAIRN_HARNESS_TOKEN: TOKEN, CAIRN_HARNESS_HOST: HOST },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
