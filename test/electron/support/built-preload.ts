// Evaluates the built preload (out/preload/index.cjs) as Electron's sandboxed preload runs: one
// CommonJS script whose `require` knows only `electron`, here a recording contextBridge and
// ipcRenderer. Returns what the page would receive and what the script asked for.
import { readFileSync } from 'node:fs'
import vm from 'node:vm'

export interface RecordedIpc {
  invokes: { channel: string; args: unknown[] }[]
  listeners: Map<string, ((event: unknown, payload: unknown) => void)[]>
}

export interface LoadedPreload {
  /** What contextBridge.exposeInMainWorld received, by global name. */
  exposed: Map<string, unknown>
  /** Every module the script required. */
  required: string[]
  ipc: RecordedIpc
  ipcRenderer: Record<string, unknown>
  /** A reply every invoke resolves with, to see that calls hand it back untouched. */
  reply: object
  /** The files webUtils.getPathForFile was asked about. */
  pathLookups: unknown[]
}

/** `pathname` is the page the window shows: the preload gives each window its own calls. */
export function loadBuiltPreload(file: string, pathname = '/index.html'): LoadedPreload {
  const exposed = new Map<string, unknown>()
  const required: string[] = []
  const ipc: RecordedIpc = { invokes: [], listeners: new Map() }
  const reply = { ok: true, value: 'from main' }
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      ipc.invokes.push({ channel, args })
      return Promise.resolve(reply)
    },
    on(channel: string, listener: (event: unknown, payload: unknown) => void) {
      ipc.listeners.set(channel, [...(ipc.listeners.get(channel) ?? []), listener])
      return ipcRenderer
    },
    removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
      ipc.listeners.set(
        channel,
        (ipc.listeners.get(channel) ?? []).filter((l) => l !== listener),
      )
      return ipcRenderer
    },
    send: () => {
      throw new Error('the preload used ipcRenderer.send')
    },
    sendSync: () => {
      throw new Error('the preload used ipcRenderer.sendSync')
    },
  }
  const contextBridge = {
    exposeInMainWorld(name: string, api: unknown) {
      if (exposed.has(name)) throw new Error(`${name} exposed twice`)
      exposed.set(name, api)
    },
  }
  const pathLookups: unknown[] = []
  const webUtils = {
    getPathForFile(file: { path?: string }) {
      pathLookups.push(file)
      return file.path ?? ''
    },
  }
  const requireInSandbox = (id: string) => {
    required.push(id)
    if (id === 'electron') return { contextBridge, ipcRenderer, webUtils }
    throw new Error(`a sandboxed preload cannot require ${id}`)
  }
  const context = vm.createContext({ console, location: { pathname } })
  const module = { exports: {} }
  const wrapped = vm.runInContext(
    `(function (exports, require, module) {\n${readFileSync(file, 'utf8')}\n})`,
    context,
    { filename: file },
  ) as (exports: unknown, require: (id: string) => unknown, module: unknown) => void
  wrapped(module.exports, requireInSandbox, module)
  return { exposed, required, ipc, ipcRenderer, reply, pathLookups }
}
