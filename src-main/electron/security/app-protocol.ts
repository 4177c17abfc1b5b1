// Cairn's pages come from a privileged custom scheme instead of file://: a file:// page could read
// any local file by URL and shares one opaque origin with every other file. The handler below
// serves only files inside the built renderer folder and puts the security headers on each one.
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './content-security-policy.ts'

export const APP_SCHEME = 'cairn-app'
export const APP_HOST = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export type AppPage = 'index.html' | 'picker.html' | 'scan.html'

export function appPageUrl(page: AppPage): string {
  return `${APP_ORIGIN}/${page}`
}

/**
 * Passed to protocol.registerSchemesAsPrivileged before 'ready'. standard: real origins and
 * relative URLs; secure: a secure context (crypto.subtle, no mixed-content downgrade);
 * supportFetchAPI + corsEnabled: module scripts and fetch() of our own assets work. Deliberately
 * NOT bypassCSP, allowServiceWorkers or stream.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
} as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      ...SECURITY_HEADERS,
    },
  })
}

/**
 * Maps a request URL to a file path under rootDir, or null when the URL is not ours or would
 * leave the folder (`..`, encoded separators, NUL, drive letters, UNC paths).
 */
export function resolveAppPath(rootDir: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path === '/' || path === '') path = '/index.html'
  // Backslashes and colons never appear in our asset names; on Windows they would be separators
  // or drive letters, so refuse them everywhere rather than reason per platform.
  if (/[\0\\:]/.test(path)) return null
  const segments = path.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.')) return null
  const root = resolve(rootDir)
  const target = resolve(root, ...segments)
  const rel = relative(root, target)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return target
}

async function isInside(rootDir: string, file: string): Promise<boolean> {
  // A symlink inside out/renderer must not lead outside it.
  const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(file)])
  return realFile.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)
}

/** The function given to protocol.handle(APP_SCHEME, ...). */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Method not allowed')
    const file = resolveAppPath(rootDir, request.url)
    if (file === null) return plain(403, 'Forbidden')
    try {
      const info = await stat(file)
      if (!info.isFile() || !(await isInside(rootDir, file))) return plain(404, 'Not found')
      const body = request.method === 'HEAD' ? null : await readFile(file)
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          ...SECURITY_HEADERS,
        },
      })
    } catch {
      return plain(404, 'Not found')
    }
  }
}
