import type { MessagePort } from 'node:worker_threads'
import { wipe } from '../crypto/wipe.ts'
import { createArgon2Wasm, type Argon2Wasm, type Argon2WasmAssets } from './argon2-wasm.ts'
import type { Argon2WorkerRequest, Argon2WorkerResponse } from './argon2-worker-protocol.ts'

/** Answers Argon2WorkerRequest messages on `port`, one at a time, with argon2-browser. */
export function serveArgon2Requests(port: MessagePort, loadAssets: () => Argon2WasmAssets): void {
  let wasm: Promise<Argon2Wasm> | null = null
  let queue: Promise<void> = Promise.resolve()

  port.on('message', (msg: Argon2WorkerRequest) => {
    queue = queue.then(async () => {
      let reply: Argon2WorkerResponse
      try {
        wasm ??= createArgon2Wasm(loadAssets())
        const tag = await (await wasm).hash(msg.request)
        const bytes = new Uint8Array(tag)
        wipe(tag)
        reply = { id: msg.id, ok: true, tag: bytes }
        port.postMessage(reply, [bytes.buffer])
      } catch (e) {
        reply = { id: msg.id, ok: false, message: e instanceof Error ? e.message : String(e) }
        port.postMessage(reply)
      } finally {
        wipe(msg.request.password, msg.request.secret)
      }
    })
  })
}
