/// <reference types="electron-vite/node" />
// argon2-browser's worker entry, bundled by electron-vite (`?nodeWorker` emits it as its own chunk):
// after bundling, the core's default `new URL('../argon2-worker.ts', import.meta.url)` no longer
// exists, and argon2-browser is the fallback whenever @node-rs/argon2 cannot load.
import createArgon2Worker from '../../core/kdf/argon2-worker.ts?nodeWorker'
import { configureKdf } from '../../core/kdf/derive-key.ts'

export function configureBundledArgon2Worker(): Promise<void> {
  return configureKdf({ createArgon2Worker: () => createArgon2Worker({}) })
}
