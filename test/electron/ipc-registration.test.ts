import { describe, expect, it } from 'vitest'
import { CairnError } from '../../src-main/core/errors.ts'
import { registerIpcHandlers, type IpcMainLike } from '../../src-main/electron/ipc-registration.ts'
import type { IpcSenderEvent } from '../../src-main/electron/ipc-sender.ts'

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
  it('runs the handler with the renderer arguments for a trusted sender', async () => {
    const ipc = new FakeIpcMain()
    const calls: unknown[][] = []
    registerIpcHandlers(
      ipc,
      { 'x:add': (a, b) => (calls.push([a, b]), (a as number) + (b as number)) },
      { isTrusted, mode: 'envelope' },
    )
    expect(await ipc.invoke('x:add', ours, 2, 3)).toEqual({ ok: true, value: 5 })
    expect(calls).toEqual([[2, 3]])
  })

  it('never runs the handler for an untrusted sender', async () => {
    const ipc = new FakeIpcMain()
    let ran = false
    const log: string[] = []
    registerIpcHandlers(
      ipc,
      { 'x:secret': () => (ran = true) },
      {
        isTrusted,
        mode: 'envelope',
        log: (l) => log.push(l),
      },
    )
    expect(await ipc.invoke('x:secret', stranger)).toEqual({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER', message: 'Refused: not a Cairn window.' },
    })
    expect(ran).toBe(false)
    expect(log[0]).toContain('https://evil.example/')

    const plain = new FakeIpcMain()
    registerIpcHandlers(plain, { 'x:secret': () => (ran = true) }, { isTrusted, mode: 'plain' })
    await expect(plain.invoke('x:secret', stranger)).rejects.toThrow('not a Cairn window')
    expect(ran).toBe(false)
  })

  it('passes a CairnError code and message, and hides any other error text', async () => {
    const ipc = new FakeIpcMain()
    const log: string[] = []
    registerIpcHandlers(
      ipc,
      {
        'x:wrong': () => {
          throw new CairnError('WRONG_PASSWORD', 'Wrong master password.')
        },
        'x:bug': async () => {
          throw new TypeError('cannot read secret JBSWY3DPEHPK3PXP')
        },
      },
      { isTrusted, mode: 'envelope', log: (l) => log.push(l) },
    )
    expect(await ipc.invoke('x:wrong', ours)).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'Wrong master password.' },
    })
    const bug = await ipc.invoke('x:bug', ours)
    expect(JSON.stringify(bug)).not.toContain('JBSWY3DPEHPK3PXP')
    expect(bug).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(log.join('\n')).not.toContain('JBSWY3DPEHPK3PXP')
  })

  it('in plain mode returns the bare value and rethrows CairnErrors', async () => {
    const ipc = new FakeIpcMain()
    registerIpcHandlers(
      ipc,
      {
        'x:v': () => ({ a: 1 }),
        'x:e': () => {
          throw new CairnError('LOCKED', 'The vault is locked.')
        },
      },
      { isTrusted, mode: 'plain' },
    )
    expect(await ipc.invoke('x:v', ours)).toEqual({ a: 1 })
    await expect(ipc.invoke('x:e', ours)).rejects.toMatchObject({ code: 'LOCKED' })
  })

  it('removes exactly its channels when disposed', () => {
    const ipc = new FakeIpcMain()
    ipc.handle('other', () => 1)
    const dispose = registerIpcHandlers(
      ipc,
      { a: () => 1, b: () => 2 },
      { isTrusted, mode: 'plain' },
    )
    expect([...ipc.handlers.keys()].sort()).toEqual(['a', 'b', 'other'])
    dispose()
    expect([...ipc.handlers.keys()]).toEqual(['other'])
  })
})
