// The browser harness: serves the built renderer (out/renderer) on a loopback address, wired to
// the real main-process services through the same handler table Electron registers. A development
// and test tool, never part of the packaged app.
//
//   npm run preview:web -- [--port 5199] [--host 127.x.y.z] [--dir DIR] [--test-hooks]
//                          [--argon2-floor] [--preview-banner]
//
// --argon2-floor: new vaults use RFC 9106's second recommendation (64 MiB, 3 passes, 4 lanes)
// instead of calibrating to about a second, so end-to-end runs take the same time on a busy machine.
//
// DIR (or CAIRN_HARNESS_DIR) holds the vault files and settings.json (default: a folder of this
// user's own under the OS temporary folder, never inside the repository, which `git clean` wipes).
// The clipboard is in memory; with --test-hooks, GET /__harness/clipboard shows it (for the
// end-to-end tests).
//
// Every request needs this run's random token (CAIRN_HARNESS_TOKEN, or a new one): open the address
// the harness prints, which carries it once (a second use is refused) and trades it for an
// HttpOnly, SameSite=Strict cookie. Browsers send a cookie to every port of its host, so the
// harness listens on a random loopback address (127.x.y.z, or --host / CAIRN_HARNESS_HOST), not on
// 127.0.0.1 where other local servers run. Another user's process or a web site cannot call the
// API and reveal secrets. The end-to-end tests get the token and the address from
// playwright.config.ts, which starts the harness.
//
// --preview-banner: every page says it is a development preview without auto-lock (`./dev start`
// uses it when it falls back to the harness).
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { tmpdir, userInfo } from 'node:os'
import { stripTypeScriptTypes } from 'node:module'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import type { CairnEvent } from '../../src-shared/ipc-contract.ts'
import { createApiHandlers, type ApiHandlerTable } from '../../src-main/services/api-handlers.ts'
import { createAppServices, type AppServices } from '../../src-main/services/app-services.ts'
import { MemoryClipboard } from '../../src-main/services/clipboard-port.ts'
import { ARGON2_FLOOR } from '../../src-main/core/kdf/argon2-params.ts'
import { corePieces, qrScanner, vaultBackendWith } from '../../src-main/services/core-pieces.ts'
import { VAULT_EXTENSION } from '../../src-main/services/vault-paths.ts'
import { harnessDesktop } from './harness-desktop.ts'
import { AppAgent } from '../../src-main/cli/agent/app-agent.ts'
import { agentLocation } from '../../src-main/cli/agent/agent-paths.ts'

const root = resolve(import.meta.dirname, '../..')
const rendererDir = join(root, 'out/renderer')

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CAIRN_HARNESS_PORT ?? '5199' },
    host: { type: 'string', default: process.env.CAIRN_HARNESS_HOST ?? randomLoopback() },
    dir: { type: 'string', default: process.env.CAIRN_HARNESS_DIR ?? userHarnessDir() },
    'test-hooks': { type: 'boolean', default: false },
    'argon2-floor': { type: 'boolean', default: false },
    'preview-banner': { type: 'boolean', default: false },
  },
})

/** A random address in 127.0.0.0/8 (all of it is loopback on Linux), never 127.0.0.1 itself. */
function randomLoopback(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
}

/** This user's harness folder under the OS temporary folder: made owner-only, refused if foreign. */
function userHarnessDir(): string {
  const dir = join(tmpdir(), `cairn-web-harness-${userInfo().username}`)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const st = lstatSync(dir)
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) {
    console.error(`Cairn harness: ${dir} is not a folder of this user; pass --dir DIR.`)
    process.exit(1)
  }
  return dir
}

const port = Number(flags.port)
const dataDir = resolve(flags.dir)
const testHooks = flags['test-hooks']
const qr = qrScanner()
const pieces = flags['argon2-floor']
  ? { ...corePieces({ scanner: qr.scanner }), vaultBackend: vaultBackendWith({ ...ARGON2_FLOOR }) }
  : corePieces({ scanner: qr.scanner })
const host = flags.host
if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) {
  console.error('Cairn harness: --host must be a loopback address (127.x.y.z).')
  process.exit(1)
}
const origin = `http://${host}:${port}`

if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error('Cairn harness: out/renderer is missing; run `npm run build` first.')
  process.exit(1)
}
mkdirSync(dataDir, { recursive: true })

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string
}
const clipboard = new MemoryClipboard()
let services: AppServices
let handlers: ApiHandlerTable
let appAgent: AppAgent
// What stands in for the desktop (picker window, image file dialog); no screen or hotkey here.
let desktop: ReturnType<typeof harnessDesktop>
const streams = new Set<ServerResponse>()
let unsubscribe: () => void = () => {}

function start(): void {
  services = createAppServices({
    appName: 'Cairn',
    appVersion: packageJson.version,
    dataDir,
    defaultVaultDir: dataDir,
    wordListPath: join(root, 'resources/wordlists/eff-large-wordlist.txt'),
    clipboard,
    ...pieces,
    // The harness has no native file dialogs: with the test hooks, the path typed into the app's
    // open or new-vault dialog is the user's file choice (Electron's main never sets this). Without
    // them a typed path could make the API read and write files anywhere this user can.
    typedPathsAreFileChoices: testHooks,
    // Backup passphrases and passwords set in vault settings: the floor too, for steady timing.
    ...(flags['argon2-floor'] ? { kdfParams: { ...ARGON2_FLOOR } } : {}),
  })
  desktop = harnessDesktop(services)
  // Where a `cairn` run with XDG_RUNTIME_DIR=<data folder>/run looks for its agent.
  appAgent = new AppAgent(services, agentLocation({ XDG_RUNTIME_DIR: join(dataDir, 'run') }))
  void appAgent.follow()
  handlers = createApiHandlers(services, { ...desktop.ports, commandLine: appAgent })
  unsubscribe = services.events.subscribe((event: CairnEvent) => {
    for (const stream of streams) stream.write(`data: ${JSON.stringify(event)}\n\n`)
  })
}

/** Test hook: every vault locked and closed, vault files and settings deleted, a fresh start. */
function reset(): void {
  appAgent.stop()
  services.sessions.closeAll()
  services.clipboard.dispose()
  unsubscribe()
  for (const name of readdirSync(dataDir)) {
    if (
      name.endsWith(VAULT_EXTENSION) ||
      name.includes(`${VAULT_EXTENSION}-`) ||
      name.endsWith(`${VAULT_EXTENSION}.sync.json`) ||
      name.startsWith('settings.json') ||
      name.startsWith('backups.json') ||
      name.endsWith('.cairnbackup') ||
      name.startsWith('e2e-')
    ) {
      rmSync(join(dataDir, name), { recursive: true, force: true })
    }
  }
  void clipboard.clear()
  start()
}

start()

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
}

// The shim and the contract it imports are TypeScript, served with their types stripped; the
// browser resolves the shim's relative import against these same URL paths.
const TS_MODULES: Record<string, string> = {
  '/__harness/src/scripts/web-harness/shim.ts': join(root, 'scripts/web-harness/shim.ts'),
  '/__harness/src/src-shared/ipc-contract.ts': join(root, 'src-shared/ipc-contract.ts'),
}
const SHIM_TAG = '<script type="module" src="/__harness/src/scripts/web-harness/shim.ts"></script>'

// Shown above the app with --preview-banner: the browser preview is not the desktop app.
const PREVIEW_BANNER =
  '<link rel="stylesheet" href="/__harness/preview-banner.css">' +
  '<p class="cairn-preview-banner" role="alert">Development preview in a browser: there is no ' +
  'auto-lock, no native file dialog and no system clipboard. Do not keep real secrets here; ' +
  'use the desktop app.</p>'
const PREVIEW_BANNER_CSS =
  '.cairn-preview-banner{margin:0;padding:6px 12px;background:#8a1c1c;color:#fff;' +
  'font:600 13px/1.4 system-ui,sans-serif;text-align:center}'

const TOKEN_COOKIE = 'cairn-harness'
const token = process.env.CAIRN_HARNESS_TOKEN ?? randomBytes(32).toString('base64url')
if (token.length < 32) {
  console.error('Cairn harness: CAIRN_HARNESS_TOKEN must be at least 32 characters.')
  process.exit(1)
}

/** The printed address works once: replayed from a log or the history, it is refused. */
let addressUsed = false

function isToken(candidate: string | null | undefined): boolean {
  const got = Buffer.from(candidate ?? '')
  const expected = Buffer.from(token)
  return got.length === expected.length && timingSafeEqual(got, expected)
}

function hasTokenCookie(req: IncomingMessage): boolean {
  return (req.headers.cookie ?? '').split(';').some((pair) => {
    const [name, value] = pair.trim().split('=', 2)
    return name === TOKEN_COOKIE && isToken(value)
  })
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
  })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value))
}

/** Loopback only, and only from the harness's own pages (no DNS rebinding, no cross-site posts). */
function trusted(req: IncomingMessage): boolean {
  const hostHeader = req.headers.host
  if (hostHeader !== `${host}:${port}`) return false
  const from = req.headers.origin
  if (from !== undefined && from !== origin) return false
  if (req.method === 'POST' && req.headers['x-cairn-harness'] !== '1') return false
  return true
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('request too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function reviveBytes(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value)
    const [first] = entries
    if (entries.length === 1 && first?.[0] === '$bytes' && typeof first[1] === 'string') {
      return new Uint8Array(Buffer.from(first[1], 'base64'))
    }
  }
  return value
}

async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = JSON.parse(await readBody(req, 100 * 1024 * 1024), reviveBytes) as {
    channel?: unknown
    args?: unknown
  }
  const handler = typeof body.channel === 'string' ? handlers[body.channel] : undefined
  if (!handler) return sendJson(res, 404, { error: 'no such channel' })
  sendJson(res, 200, await handler(body.args))
}

function serveEvents(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  })
  res.write(': connected\n\n')
  streams.add(res)
  req.on('close', () => streams.delete(res))
}

function serveStatic(path: string, res: ServerResponse): void {
  const ts = TS_MODULES[path]
  if (ts) {
    const code = stripTypeScriptTypes(readFileSync(ts, 'utf8'), { mode: 'strip' })
    return send(res, 200, TYPES['.js'] as string, code)
  }
  const relative = path === '/' ? 'index.html' : decodeURIComponent(path).replace(/^\/+/, '')
  const file = normalize(join(rendererDir, relative))
  if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return send(res, 404, 'text/plain', 'not found')
  }
  if (['index.html', 'picker.html', 'scan.html'].some((page) => file.endsWith(page))) {
    // The shim must define window.cairn before the page's module runs: it goes first.
    let html = readFileSync(file, 'utf8').replace('<script', `${SHIM_TAG}\n    <script`)
    if (flags['preview-banner']) html = html.replace(/<body[^>]*>/, (body) => body + PREVIEW_BANNER)
    return send(res, 200, TYPES['.html'] as string, html)
  }
  send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file))
}

const server = createServer((req, res) => {
  void (async () => {
    if (!trusted(req)) return send(res, 403, 'text/plain', 'forbidden')
    const url = new URL(req.url ?? '/', origin)
    if (!hasTokenCookie(req)) {
      if (req.method !== 'GET' || addressUsed || !isToken(url.searchParams.get('token'))) {
        return send(res, 403, 'text/plain', 'Open the address the harness printed at its start.')
      }
      addressUsed = true
      // The printed address: set the cookie, and drop the token from the address bar.
      res.writeHead(303, {
        location: url.pathname,
        'cache-control': 'no-store',
        'set-cookie': `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`,
      })
      return res.end()
    }
    const route = `${req.method} ${url.pathname}`
    try {
      switch (route) {
        case 'POST /__harness/call':
          return await handleCall(req, res)
        case 'GET /__harness/events':
          return serveEvents(req, res)
        case 'GET /__harness/clipboard':
          if (!testHooks) return send(res, 404, 'text/plain', 'test hooks are off')
          return sendJson(res, 200, {
            text: await clipboard.readText(),
            secret: clipboard.holdsSecret,
          })
        case 'POST /__harness/clipboard': {
          if (!testHooks) return send(res, 404, 'text/plain', 'test hooks are off')
          // Stands in for the user copying something else in another program.
          const { text } = JSON.parse(await readBody(req, 1024 * 1024)) as { text: string }
          await clipboard.writeText(String(text), { secret: false })
          return sendJson(res, 200, { ok: true })
        }
        case 'GET /__harness/picker':
          // How often the picker page asked to close (Esc, after a copy).
          return sendJson(res, 200, { closes: desktop.pickerCloses() })
        case 'POST /__harness/next-image-file': {
          if (!testHooks) return send(res, 404, 'text/plain', 'test hooks are off')
          const { path } = JSON.parse(await readBody(req, 64 * 1024)) as { path: string }
          desktop.setNextImageFile(String(path))
          return sendJson(res, 200, { ok: true })
        }
        case 'POST /__harness/reset':
          if (!testHooks) return send(res, 404, 'text/plain', 'test hooks are off')
          reset()
          return sendJson(res, 200, { ok: true, dir: dataDir })
        case 'GET /__harness/preview-banner.css':
          return send(res, 200, 'text/css; charset=utf-8', PREVIEW_BANNER_CSS)
        case 'GET /favicon.ico':
          res.writeHead(204).end()
          return
        default:
          if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed')
          return serveStatic(url.pathname, res)
      }
    } catch (error) {
      console.error('Cairn harness:', error instanceof Error ? error.message : error)
      if (!res.headersSent) sendJson(res, 400, { error: 'bad request' })
    }
  })()
})

server.listen(port, host, () => {
  // A token the caller chose (the end-to-end tests) is not echoed into their logs.
  const address = process.env.CAIRN_HARNESS_TOKEN ? `${origin}/` : `${origin}/?token=${token}`
  console.log(`Cairn browser harness: ${address}  (vaults and settings in ${dataDir})`)
  if (testHooks)
    console.log('Cairn harness: test hooks on (POST /__harness/reset wipes the folder)')
})

function shutdown(): void {
  services.sessions.closeAll()
  for (const stream of streams) stream.end()
  server.close()
  void qr.close().finally(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
