// The browser harness's `window.cairnShell`: the desktop shell's calls over the same HTTP endpoint
// as the vault API. The harness has no windows, hotkey or auto-lock, so no shell events arrive;
// the picker page still hears vault changes through window.cairn's events.
import { buildShellApi } from '../../src-shared/shell-contract.ts'

async function invoke(channel: string, args: unknown[]): Promise<unknown> {
  const response = await fetch('/__harness/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cairn-harness': '1' },
    body: JSON.stringify({ channel, args }),
  })
  if (!response.ok) {
    return { ok: false, error: { code: 'INTERNAL', message: `Harness: HTTP ${response.status}` } }
  }
  return response.json()
}

Object.defineProperty(window, 'cairnShell', {
  value: Object.freeze(buildShellApi(invoke, () => () => {})),
  writable: false,
  configurable: false,
})
