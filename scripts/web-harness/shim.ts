// The browser harness's `window.cairn`: the same typed API the preload exposes in Electron, but
// each call goes to the harness server over HTTP and events arrive as server-sent events. Served
// as its own script file (the renderer's CSP allows only 'self' scripts).
import { buildCairnApi, windowRoleOfPath, type CairnEvent } from '../../src-shared/ipc-contract.ts'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

// Binary arguments (images for the scanner) travel as {"$bytes": base64}.
function encode(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $bytes: toBase64(value) } : value
}

async function invoke(channel: string, args: unknown[]): Promise<unknown> {
  const response = await fetch('/__harness/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cairn-harness': '1' },
    body: JSON.stringify({ channel, args }, encode),
  })
  if (!response.ok) {
    return { ok: false, error: { code: 'INTERNAL', message: `Harness: HTTP ${response.status}` } }
  }
  return response.json()
}

const listeners = new Set<(event: CairnEvent) => void>()
let source: EventSource | null = null

function subscribe(listener: (event: CairnEvent) => void): () => void {
  listeners.add(listener)
  if (!source) {
    source = new EventSource('/__harness/events')
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as CairnEvent
      for (const l of [...listeners]) l(event)
    }
  }
  return () => {
    listeners.delete(listener)
  }
}

Object.defineProperty(window, 'cairn', {
  // Each page gets its window's calls, as the preload gives them in Electron.
  value: Object.freeze(
    buildCairnApi(invoke, subscribe, windowRoleOfPath(location.pathname) ?? 'main'),
  ),
  writable: false,
  configurable: false,
})
