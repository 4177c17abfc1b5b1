import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { hardenWebContents, type Refusal } from '../../src-main/electron/web-contents-policy.ts'
import { trustedOrigins } from '../../src-main/electron/trusted-origins.ts'

/** A stand-in for Electron's WebContents: an event emitter plus the window-open hook. */
class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  webRtcPolicy: string | null = null
  setWebRTCIPHandlingPolicy(policy: string): void {
    this.webRtcPolicy = policy
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler
  }
}

function fakeEvent(url?: string) {
  let prevented = false
  return {
    event: { url, preventDefault: () => (prevented = true) },
    prevented: () => prevented,
  }
}

function setup(devServerUrl?: string) {
  const contents = new FakeWebContents()
  const refusals: Refusal[] = []
  hardenWebContents(
    contents,
    trustedOrigins({ packaged: false, ...(devServerUrl ? { devServerUrl } : {}) }),
    (r) => refusals.push(r),
  )
  return { contents, refusals }
}

describe('web contents policy', () => {
  it('WebRTC may use only proxied connections: no local address leaks', () => {
    expect(setup().contents.webRtcPolicy).toBe('disable_non_proxied_udp')
  })

  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'cairn-app://evil/index.html',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'about:blank',
  ])('prevents navigation to %s', (url) => {
    const { contents, refusals } = setup()
    const nav = fakeEvent(url)
    contents.emit('will-navigate', nav.event, url)
    expect(nav.prevented()).toBe(true)
    const frame = fakeEvent(url)
    contents.emit('will-frame-navigate', frame.event)
    expect(frame.prevented()).toBe(true)
    expect(refusals).toEqual([
      { kind: 'navigate', url },
      { kind: 'frame-navigate', url },
    ])
  })

  it('lets a page reload itself on its own origin', () => {
    const { contents, refusals } = setup()
    const nav = fakeEvent('cairn-app://app/index.html')
    contents.emit('will-navigate', nav.event)
    expect(nav.prevented()).toBe(false)
    expect(refusals).toEqual([])
  })

  it('trusts the dev server only when given one', () => {
    const withDev = setup('http://localhost:5173')
    const nav = fakeEvent('http://localhost:5173/')
    withDev.contents.emit('will-navigate', nav.event)
    expect(nav.prevented()).toBe(false)
  })

  it('prevents every redirect, even to our own origin', () => {
    const { contents } = setup()
    const redirect = fakeEvent('cairn-app://app/index.html')
    contents.emit('will-redirect', redirect.event)
    expect(redirect.prevented()).toBe(true)
  })

  it('denies every new window and every webview', () => {
    const { contents, refusals } = setup()
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'cairn-app://app/index.html' })).toEqual({
      action: 'deny',
    })
    const attach = fakeEvent()
    contents.emit('will-attach-webview', attach.event, {}, {})
    expect(attach.prevented()).toBe(true)
    expect(refusals.map((r) => r.kind)).toEqual(['window-open', 'window-open', 'webview'])
  })
})

describe('trusted origins', () => {
  it('never trusts a dev server in a packaged app or one that is not on loopback', () => {
    expect(trustedOrigins({ packaged: true, devServerUrl: 'http://localhost:5173' }).list).toEqual([
      'cairn-app://app',
    ])
    expect(
      trustedOrigins({ packaged: false, devServerUrl: 'http://evil.example:5173' }).list,
    ).toEqual(['cairn-app://app'])
    expect(
      trustedOrigins({ packaged: false, devServerUrl: 'http://localhost.evil.example' }).list,
    ).toEqual(['cairn-app://app'])
  })

  it('compares whole origins, not prefixes', () => {
    const origins = trustedOrigins({ packaged: true })
    expect(origins.has('cairn-app://app/picker.html')).toBe(true)
    expect(origins.has('cairn-app://app.evil/index.html')).toBe(false)
    expect(origins.has('cairn-app://app:8080/index.html')).toBe(false)
    expect(origins.has('cairn-apps://app/index.html')).toBe(false)
    expect(origins.has('')).toBe(false)
  })
})
