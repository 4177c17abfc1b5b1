// Which page origins may talk to main. Node's URL reports origin 'null' for custom schemes, so
// origins are rebuilt from protocol and host.
import { APP_ORIGIN } from './app-protocol.ts'

export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    if (u.host === '') return null
    return `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

export interface TrustedOrigins {
  has(url: string): boolean
  readonly list: readonly string[]
}

/**
 * Our protocol always; the electron-vite dev server only when the app is not packaged (the
 * variable could otherwise point a release build at any web page).
 */
export function trustedOrigins(env: { packaged: boolean; devServerUrl?: string }): TrustedOrigins {
  const list = [APP_ORIGIN]
  if (!env.packaged && env.devServerUrl) {
    const dev = originOf(env.devServerUrl)
    if (dev && /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(dev)) list.push(dev)
  }
  return {
    list,
    has: (url) => {
      const origin = originOf(url)
      return origin !== null && list.includes(origin)
    },
  }
}
