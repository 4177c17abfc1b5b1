import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { applySessionPolicy } from '../../../src-main/electron/security/session-policy.ts'

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
  webRequest = {
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
})
