import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_ORIGIN,
  createAppProtocolHandler,
  resolveAppPath,
} from '../../../src-main/electron/security/app-protocol.ts'
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/security/content-security-policy.ts'

let base: string
let root: string
let handle: (request: Request) => Promise<Response>

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cairn-protocol-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Cairn</title>')
  writeFileSync(join(root, 'picker.html'), '<!doctype html><title>Picker</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'odd name.css'), 'body{}')
  // Things the renderer must never be able to read.
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder')
  mkdirSync(join(base, 'renderer-evil'))
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'sibling folder with a shared prefix')
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
  handle = createAppProtocolHandler(root)
})

afterAll(() => rmSync(base, { recursive: true, force: true }))

const get = (path: string, method = 'GET') =>
  handle(new Request(`${APP_ORIGIN}${path}`, { method }))

describe('app protocol handler', () => {
  it('serves index.html for the root and for its own name, with the security headers', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await get(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await res.text()).toContain('<title>Cairn</title>')
    }
  })

  it('serves assets with their content type, including percent-encoded names', async () => {
    const js = await get('/assets/index-abc.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log(1)')
    const css = await get('/assets/odd%20name.css')
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const post = await get('/index.html', 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it.each([
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/%00index.html',
    '/index.html%00.js',
    '/C:%5cWindows%5cwin.ini',
    '/%5c%5cserver%5cshare%5cx',
    '/%E0%A4%A',
  ])('refuses the traversal or malformed path %s', async (path) => {
    const res = await get(path)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('outside')
  })

  it('never serves a file outside the folder even when the URL parser normalizes dots', async () => {
    // new URL() folds ../ and %2e%2e/ before we see them: the result must still be inside root.
    for (const path of [
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2E./%2e%2E/secret.txt',
    ]) {
      const res = await get(path)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('outside')
    }
  })

  it('does not follow a symlink out of the folder', async () => {
    const res = await get('/assets/link.txt')
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('outside')
  })

  it('does not confuse a sibling folder sharing the prefix with the root', () => {
    expect(resolveAppPath(root, `${APP_ORIGIN}/..%2frenderer-evil/x.js`)).toBeNull()
  })

  it('refuses other hosts and schemes, and answers 404 for missing files and folders', async () => {
    expect(resolveAppPath(root, 'cairn-app://evil/index.html')).toBeNull()
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull()
    expect(resolveAppPath(root, 'not a url')).toBeNull()
    expect((await handle(new Request('cairn-app://other/index.html'))).status).toBe(403)
    expect((await get('/missing.js')).status).toBe(404)
    expect((await get('/assets')).status).toBe(404)
  })
})
