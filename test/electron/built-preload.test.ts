// The preload as built (out/preload/index.cjs), evaluated as a sandboxed preload with a recording
// contextBridge and ipcRenderer: it gives the page exactly the contract's calls and event
// subscriptions, each a function, and nothing of Electron's.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { channelsOf, EVENT_CHANNEL, type WindowRole } from '../../src-shared/ipc-contract.ts'
import { OUT, ROOT, requireBuild } from './support/built-app.ts'
import { loadBuiltPreload, type LoadedPreload } from './support/built-preload.ts'
import { contractChannels } from './support/contract-channels.ts'

/** The globals the renderer declares on `Window` (its env.d.ts files): what it expects to find. */
function rendererGlobals(): string[] {
  const names = new Set<string>()
  const dir = join(ROOT, 'src-renderer/src')
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.d.ts')) continue
    const text = readFileSync(join(dir, file), 'utf8')
    for (const block of text.matchAll(/interface Window \{([^}]*)\}/g)) {
      for (const member of (block[1] ?? '').matchAll(/^\s*(\w+)\??:/gm)) names.add(member[1] ?? '')
    }
  }
  return [...names].sort()
}

type Api = Record<string, unknown>

/** Every [path, value] below `api`; the page gets only these. */
function leaves(api: unknown, path = ''): [string, unknown][] {
  if (typeof api !== 'object' || api === null) return [[path, api]]
  return Object.entries(api as Api).flatMap(([key, value]) =>
    leaves(value, path ? `${path}.${key}` : key),
  )
}

let preload: LoadedPreload
beforeAll(() => {
  requireBuild()
  preload = loadBuiltPreload(join(OUT, 'preload/index.cjs'))
})

/** The globals that carry the contract's calls (cairnFiles only asks Electron for file paths). */
function contractGlobals(loaded: LoadedPreload): [string, unknown][] {
  return [...loaded.exposed].filter(([name]) => name !== 'cairnFiles')
}

describe('the built preload', () => {
  it('gives the main window, and only it, a file-path lookup that sends nothing to main', () => {
    const files = preload.exposed.get('cairnFiles') as { pathOf: (f: unknown) => unknown }
    expect(Object.keys(files)).toEqual(['pathOf'])
    const before = preload.ipc.invokes.length
    expect(files.pathOf({ path: '/home/ada/export.json' })).toBe('/home/ada/export.json')
    expect(files.pathOf({})).toBeNull()
    expect(preload.pathLookups).toHaveLength(2)
    expect(preload.ipc.invokes.length).toBe(before)
    for (const page of ['/picker.html', '/scan.html']) {
      expect(loadBuiltPreload(join(OUT, 'preload/index.cjs'), page).exposed.has('cairnFiles')).toBe(
        false,
      )
    }
  })

  it('is one script that requires nothing but electron', () => {
    expect([...new Set(preload.required)]).toEqual(['electron'])
  })

  it('exposes exactly the globals the renderer declares', () => {
    expect([...preload.exposed.keys()].sort()).toEqual(rendererGlobals())
  })

  it('exposes only functions, none of them Electron\u2019s', () => {
    const raw = new Set(Object.values(preload.ipcRenderer))
    for (const [name, api] of preload.exposed) {
      for (const [path, value] of leaves(api)) {
        expect(typeof value, `${name}.${path}`).toBe('function')
        expect(raw.has(value), `${name}.${path} is ipcRenderer's own`).toBe(false)
      }
      expect(api).not.toBe(preload.ipcRenderer)
    }
  })

  it('maps each call to one contract channel, arguments and reply untouched, covering the contract', async () => {
    const invoked = new Set<string>()
    const pages: [WindowRole, string][] = [
      ['main', '/index.html'],
      ['picker', '/picker.html'],
      ['scan', '/scan.html'],
    ]
    for (const [role, page] of pages) {
      const loaded = loadBuiltPreload(join(OUT, 'preload/index.cjs'), page)
      const window = await callsOf(loaded)
      // Each window is given exactly the calls main lets it make.
      expect([...window].sort(), role).toEqual([...channelsOf(role)].sort())
      for (const channel of window) invoked.add(channel)
    }
    expect([...invoked].sort()).toEqual(await contractChannels())
  })

  it('maps each call of a window to its own channel', async () => {
    await callsOf(preload)
  })

  async function callsOf(loaded: LoadedPreload): Promise<Set<string>> {
    const preload = loaded
    const invoked = new Set<string>()
    for (const [name, api] of contractGlobals(preload)) {
      for (const [path, call] of leaves(api)) {
        if (path.startsWith('events.')) continue
        const before = preload.ipc.invokes.length
        const args = [{ marker: path }, 7]
        const result = await (call as (...a: unknown[]) => Promise<unknown>)(...args)
        const made = preload.ipc.invokes.slice(before)
        expect(made, `${name}.${path}`).toHaveLength(1)
        expect(made[0]?.args, `${name}.${path}`).toEqual(args)
        expect(result, `${name}.${path}`).toBe(preload.reply)
        const channel = made[0]?.channel ?? ''
        expect(invoked.has(channel), `${channel} reached twice`).toBe(false)
        invoked.add(channel)
      }
    }
    return invoked
  }

  it('hands events to the page without the IPC event object, and unsubscribes', () => {
    const subscribed: string[] = []
    for (const [name, api] of contractGlobals(preload)) {
      const subscribe = (api as { events?: { subscribe?: unknown } }).events?.subscribe
      expect(typeof subscribe, `${name}.events.subscribe`).toBe('function')
      const before = new Map([...preload.ipc.listeners].map(([c, ls]) => [c, ls.length]))
      const heard: unknown[][] = []
      const unsubscribe = (subscribe as (l: (...a: unknown[]) => void) => () => void)((...args) =>
        heard.push(args),
      )
      const added = [...preload.ipc.listeners].filter(([c, ls]) => ls.length > (before.get(c) ?? 0))
      expect(added, name).toHaveLength(1)
      const [channel, listeners] = added[0] as [string, ((e: unknown, p: unknown) => void)[]]
      subscribed.push(channel)
      listeners.at(-1)?.({ sender: 'ipc event with a sender' }, { type: 'locked' })
      expect(heard).toEqual([[{ type: 'locked' }]])
      unsubscribe()
      expect(preload.ipc.listeners.get(channel)).toHaveLength(before.get(channel) ?? 0)
    }
    expect(subscribed).toContain(EVENT_CHANNEL)
  })
})
