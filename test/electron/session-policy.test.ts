import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { applySessionPolicy } from '../../src-main/electron/session-policy.ts'

type HeaderMap = Record<string, string[] | string>

/** A stand-in for Electron's Session that keeps the handlers it is given. */
class FakeSession extends EventEmitter {
  request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null
  check: ((wc: unknown, permission: string) => boolean) | null = null
  device: (() => boolean) | null = null
  headers:
    | ((
        details: { responseHeaders?: HeaderMap },
        cb: (r: { responseHeaders: HeaderMap }) => void,
      ) => void)
    | null = null
  setPermissionRequestHandler(h: NonNullable<FakeSession['request']>) {
    this.request = h
  }
  setPermissionCheckHandler(h: NonNullable<FakeSession['check']>) {
    this.check = h
  }
  setDevicePermissionHandler(h: NonNullable<FakeSession['device']>) {
    this.device = h
  }
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null =
    null
  webRequest = {
    onBeforeRequest: (h: NonNullable<FakeSession['beforeRequest']>) => {
      this.beforeRequest = h
    },
    onHeadersReceived: (h: NonNullable<FakeSession['headers']>) => {
      this.headers = h
    },
  }
}

describe('session policy', () => {
  const permissions = [
    'clipboard-read',
    'clipboard-sanitized-write',
    'media',
    'display-capture',
    'notifications',
    'geolocation',
    'openExternal',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'unknown',
  ]

  it.each(permissions)('refuses the permission request %s and says no to checks', (permission) => {
    const session = new FakeSession()
    const reports: string[] = []
    applySessionPolicy(session, 'default-src none', (r) => reports.push(r))
    let answer: boolean | undefined
    session.request?.({}, permission, (granted) => (answer = granted))
    expect(answer).toBe(false)
    expect(session.check?.({}, permission)).toBe(false)
    expect(session.device?.()).toBe(false)
    expect(reports).toEqual([`permission request refused: ${permission}`])
  })

  it('cancels downloads', () => {
    const session = new FakeSession()
    applySessionPolicy(session, 'default-src none')
    let prevented = false
    session.emit('will-download', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
  })

  it('puts the policy on every response, replacing a weaker one', () => {
    const session = new FakeSession()
    applySessionPolicy(session, "default-src 'none'")
    let out: HeaderMap | undefined
    session.headers?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], Server: ['vite'] } },
      (r) => (out = r.responseHeaders),
    )
    expect(out?.['Content-Security-Policy']).toEqual(["default-src 'none'"])
    expect(out?.['content-security-policy']).toBeUndefined()
    expect(out?.['Server']).toEqual(['vite'])
  })

  it("cancels every request outside the app's own scheme, naming only the scheme", () => {
    const session = new FakeSession()
    const reports: string[] = []
    applySessionPolicy(session, "default-src 'none'", (r) => reports.push(r))
    const cancelled = (url: string) => {
      let answer: boolean | undefined
      session.beforeRequest?.({ url }, (r) => (answer = r.cancel))
      return answer
    }
    expect(cancelled('cairn-app://app/index.html')).toBe(false)
    expect(cancelled('data:image/svg+xml;base64,AAAA')).toBe(false)
    for (const url of [
      'https://example.com/?secret=x',
      'http://127.0.0.1:8080/',
      'ws://localhost:1/',
      'file:///etc/passwd',
      'ftp://x/',
    ]) {
      expect(cancelled(url), url).toBe(true)
    }
    expect(reports).toContain('request cancelled: https: URL')
    expect(reports.join()).not.toContain('secret')
  })
})
