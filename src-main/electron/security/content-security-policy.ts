// One strict policy for every page Cairn shows, sent as a response header (stronger than the
// <meta> tag: it also covers frame-ancestors and cannot be removed by injected markup).

const PRODUCTION_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // QR codes for "show this key again" are drawn as data: URLs; pasted images arrive as blobs.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
}

function render(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}

export const CONTENT_SECURITY_POLICY = render(PRODUCTION_DIRECTIVES)

/**
 * `electron-vite dev` serves the renderer from a local Vite server whose hot-reload preamble is an
 * inline script talking over a WebSocket: allow exactly that origin, only in unpackaged runs.
 */
export function devContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws')
  return render({
    ...PRODUCTION_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'", devServerOrigin],
    'style-src': ["'self'", "'unsafe-inline'", devServerOrigin],
    'connect-src': ["'self'", devServerOrigin, ws],
  })
}

/** Headers every Cairn response carries besides the policy itself. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

type HeaderMap = Record<string, string[] | string>

/**
 * Replaces any policy a response brought with ours (header names are case-insensitive, so a
 * differently-cased copy must not survive next to it).
 */
export function withSecurityHeaders(headers: HeaderMap | undefined, policy: string): HeaderMap {
  const out: HeaderMap = {}
  const ours = new Set(
    ['content-security-policy', 'content-security-policy-report-only'].concat(
      Object.keys(SECURITY_HEADERS).map((h) => h.toLowerCase()),
    ),
  )
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!ours.has(name.toLowerCase())) out[name] = value
  }
  out['Content-Security-Policy'] = [policy]
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) out[name] = [value]
  return out
}
