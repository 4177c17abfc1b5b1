// Session-wide rules: no permission is ever granted (camera, notifications, clipboard reads,
// geolocation, HID...), nothing is downloaded, every request outside the app's own scheme is
// cancelled (Cairn is offline), and every response carries our CSP.
import { withSecurityHeaders } from './content-security-policy.ts'

type HeaderMap = Record<string, string[] | string>

/** The part of Electron's Session this policy uses. */
export interface PolicySession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void,
  ): void
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void
  setDevicePermissionHandler(handler: () => boolean): void
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): unknown
  webRequest: {
    onBeforeRequest(
      listener: (
        details: { url: string },
        callback: (response: { cancel: boolean }) => void,
      ) => void,
    ): void
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: HeaderMap },
        callback: (response: { responseHeaders: HeaderMap }) => void,
      ) => void,
    ): void
  }
}

/** The app's own pages and what they embed inline; `cairn-app:` is the packaged app's scheme. */
export function isAppRequest(url: string): boolean {
  return /^(cairn-app|data|blob|devtools):/i.test(url)
}

export function applySessionPolicy(
  session: PolicySession,
  policy: string,
  report: (what: string) => void = () => {},
  allowed: (url: string) => boolean = isAppRequest,
): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const ok = allowed(details.url)
    // The scheme only: an address could carry something a page was tricked into sending.
    if (!ok) report(`request cancelled: ${details.url.split(':', 1)[0]}: URL`)
    callback({ cancel: !ok })
  })
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    report(`permission request refused: ${permission}`)
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.on('will-download', (event) => {
    report('download refused')
    event.preventDefault()
  })
  // Our protocol handler already sets the headers; this also covers the dev server in
  // development and anything Chromium might fetch over http(s) by mistake.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, policy) })
  })
}
