// Navigation, new windows and <webview> are refused for every page: Cairn is one local app that
// never needs to leave its own origin, so anything else is a bug or an attack.
import type { TrustedOrigins } from './trusted-origins.ts'

export interface PreventableEvent {
  preventDefault(): void
}

/** The part of Electron's WebContents this policy uses (Electron's own type satisfies it). */
export interface PolicyWebContents {
  on(
    event: string,
    listener: (event: PreventableEvent & { url?: string }, ...rest: unknown[]) => void,
  ): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  setWebRTCIPHandlingPolicy?(policy: 'disable_non_proxied_udp'): void
}

export interface Refusal {
  kind: 'navigate' | 'frame-navigate' | 'redirect' | 'window-open' | 'webview'
  url: string
}

/**
 * will-navigate also fires for reloads of our own page through location.href; those stay on the
 * trusted origin and are allowed. Everything else is prevented and reported (URL only: these
 * are page addresses, never secrets).
 */
export function hardenWebContents(
  contents: PolicyWebContents,
  origins: TrustedOrigins,
  report: (refusal: Refusal) => void = () => {},
): void {
  const guard =
    (kind: Refusal['kind']) =>
    (event: PreventableEvent & { url?: string }, ...rest: unknown[]): void => {
      // Electron passes the URL as a property of the event (new style) and as an argument.
      const target = event.url ?? (typeof rest[0] === 'string' ? rest[0] : '')
      if (kind !== 'redirect' && origins.has(target)) return
      event.preventDefault()
      report({ kind, url: target })
    }
  // Cairn uses no WebRTC; should anything try, it must not reveal local addresses.
  contents.setWebRTCIPHandlingPolicy?.('disable_non_proxied_udp')
  contents.on('will-navigate', guard('navigate'))
  contents.on('will-frame-navigate', guard('frame-navigate'))
  contents.on('will-redirect', guard('redirect'))
  contents.on('will-attach-webview', (event: PreventableEvent) => {
    event.preventDefault()
    report({ kind: 'webview', url: '' })
  })
  contents.setWindowOpenHandler(({ url }) => {
    report({ kind: 'window-open', url })
    return { action: 'deny' }
  })
}
