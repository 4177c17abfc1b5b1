// Session-wide rules: no permission is ever granted (camera, notifications, clipboard reads,
// geolocation, HID...), nothing is downloaded, and every response carries our CSP.
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
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: HeaderMap },
        callback: (response: { responseHeaders: HeaderMap }) => void,
      ) => void,
    ): void
  }
}

export function applySessionPolicy(
  session: PolicySession,
  policy: string,
  report: (what: string) => void = () => {},
): void {
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
