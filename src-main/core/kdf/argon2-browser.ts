// Main-thread side of the argon2-browser worker. One worker is started on first use and reused;
// it is unref'd while idle so it never keeps a CLI process alive.
import { Worker } from 'node:worker_threads'
import type { Argon2Implementation, Argon2Request } from './argon2-types.ts'
import type { Argon2WorkerRequest, Argon2WorkerResponse } from './argon2-worker-protocol.ts'

/** Creates the worker that runs argon2-worker.ts (or a bundler's equivalent entry). */
export type Argon2WorkerFactory = () => Worker

export const defaultArgon2WorkerFactory: Argon2WorkerFactory = () =>
  new Worker(new URL('./argon2-worker.ts', import.meta.url))

export interface Argon2BrowserKdf extends Argon2Implementation {
  /** Terminates the worker; a later hash starts a new one. */
  close(): Promise<void>
}

interface Pending {
  resolve: (tag: Buffer) => void
  reject: (e: Error) => void
}

export function createArgon2BrowserKdf(
  createWorker: Argon2WorkerFactory = defaultArgon2WorkerFactory,
): Argon2BrowserKdf {
  let worker: Worker | null = null
  let nextId = 1
  const pending = new Map<number, Pending>()

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
    worker = null
  }

  function start(): Worker {
    const w = createWorker()
    w.on('message', (msg: Argon2WorkerResponse) => {
      const p = pending.get(msg.id)
      if (!p) return
      pending.delete(msg.id)
      if (pending.size === 0) w.unref()
      if (msg.ok) p.resolve(Buffer.from(msg.tag.buffer, msg.tag.byteOffset, msg.tag.byteLength))
      else p.reject(new Error(`argon2-browser: ${msg.message}`))
    })
    w.on('error', (e) => {
      if (worker === w) failAll(new Error(`argon2-browser worker failed: ${e.message}`))
    })
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`argon2-browser worker exited (code ${code})`))
    })
    return w
  }

  return {
    name: 'argon2-browser',
    supportsAssociatedData: true,
    hash(request: Argon2Request): Promise<Buffer> {
      worker ??= start()
      const w = worker
      const id = nextId++
      // Copies are transferred, so no second copy of the password stays on this thread.
      const copy = (b: Uint8Array | undefined) => (b ? new Uint8Array(b) : undefined)
      const message: Argon2WorkerRequest = {
        id,
        request: {
          password: new Uint8Array(request.password),
          salt: new Uint8Array(request.salt),
          params: { ...request.params },
          tagLength: request.tagLength,
          secret: copy(request.secret),
          associatedData: copy(request.associatedData),
        },
      }
      const transfer = [message.request.password.buffer as ArrayBuffer]
      if (message.request.secret) transfer.push(message.request.secret.buffer as ArrayBuffer)
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        w.ref()
        w.postMessage(message, transfer)
      })
    },
    async close(): Promise<void> {
      const w = worker
      worker = null
      failAll(new Error('argon2-browser worker closed'))
      if (w) await w.terminate()
    },
  }
}
