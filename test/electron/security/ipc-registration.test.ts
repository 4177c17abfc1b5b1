import { describe, expect, it } from 'vitest'
import {
  REFUSED_MESSAGE,
  registerIpcHandlers,
  type IpcMainLike,
} from '../../../src-main/electron/security/ipc-registration.ts'
import type { IpcSenderEvent } from '../../../src-main/electron/security/ipc-sender.ts'

/** A stand-in for ipcMain: keeps handlers and lets the test invoke them like a renderer would. */
class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => unknown>()
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  }
  invoke(channel: string, event: IpcSenderEvent, ...args: unknown[]) {
    const h = this.handlers.get(channel)
    if (!h) throw new Error(`No handler registered for '${channel}'`)
    return h(event, ...args)
  }
}

const ours: IpcSenderEvent = {
  sender: { id: 1, mainFrame: { processId: 1, routingId: 1 } },
  senderFrame: { url: 'cairn-app://app/index.html', parent: null, processId: 1, routingId: 1 },
}
const stranger: IpcSenderEvent = {
  sender: { id: 2, mainFrame: { processId: 2, routingId: 1 } },
  senderFrame: { url: 'https://evil.example/', parent: null, processId: 2, routingId: 1 },
}
const isTrusted = (e: IpcSenderEvent) => e === ours

describe('IPC registration', () => {
  it('hands a trusted sender’s argument list to the handler and returns its envelope', async () => {
    const ipc = new FakeIpcMain()
    const seen: unknown[] = []
    registerIpcHandlers(
      ipc,
      [
        {
          'x:add': async (args) => {
            seen.push(args)
            const [a, b] = args as [number, number]
            return { ok: true, value: a + b }
          },
        },
      ],
      { isTrusted },
    )
    expect(await ipc.invoke('x:add', ours, 2, 3)).toEqual({ ok: true, value: 5 })
    expect(seen).toEqual([[2, 3]])
  })

  it('never runs a handler for an untrusted sender, and logs the page address only', async () => {
    const ipc = new FakeIpcMain()
    let ran = false
    const log: string[] = []
    registerIpcHandlers(
      ipc,
      [
        {
          'x:secret': async () => {
            ran = true
            return { ok: true, value: 'JBSWY3DPEHPK3PXP' }
          },
        },
      ],
      { isTrusted, log: (l) => log.push(l) },
    )
    await expect(ipc.invoke('x:secret', stranger, 'hunter2')).rejects.toThrow(REFUSED_MESSAGE)
    await expect(ipc.invoke('x:secret', { ...ours, senderFrame: null }, 'hunter2')).rejects.toThrow(
      REFUSED_MESSAGE,
    )
    expect(ran).toBe(false)
    expect(log).toEqual([
      'ipc: refused x:secret from https://evil.example/',
      'ipc: refused x:secret from a destroyed frame',
    ])
  })

  it('turns a handler that throws into a generic rejection without its text', async () => {
    const ipc = new FakeIpcMain()
    const log: string[] = []
    registerIpcHandlers(
      ipc,
      [
        {
          'x:bug': async () => {
            throw new TypeError('cannot read secret JBSWY3DPEHPK3PXP')
          },
        },
      ],
      { isTrusted, log: (l) => log.push(l) },
    )
    const error = await Promise.resolve(ipc.invoke('x:bug', ours)).then(
      () => null,
      (e: unknown) => e as Error,
    )
    expect(error?.message).toBe('Something went wrong inside Cairn.')
    expect(log.join('\n')).not.toContain('JBSWY3DPEHPK3PXP')
    expect(log).toEqual(['ipc: x:bug threw TypeError'])
  })

  it('registers several tables, refuses a channel claimed twice, and removes exactly its own', () => {
    const ipc = new FakeIpcMain()
    const h = async () => ({ ok: true, value: null })
    ipc.handle('other', () => 1)
    expect(() => registerIpcHandlers(ipc, [{ a: h }, { a: h }], { isTrusted })).toThrow(
      'IPC channel registered twice: a',
    )
    expect([...ipc.handlers.keys()]).toEqual(['other'])
    const dispose = registerIpcHandlers(ipc, [{ a: h }, { b: h }], { isTrusted })
    expect([...ipc.handlers.keys()].sort()).toEqual(['a', 'b', 'other'])
    dispose()
    expect([...ipc.handlers.keys()]).toEqual(['other'])
  })
})
