// Worker entry: runs argon2-browser so a derivation (about a second) never blocks the main thread.
// The Electron build may bundle its own entry that calls serveArgon2Requests the same way.
import { parentPort } from 'node:worker_threads'
import { readArgon2BrowserAssets } from './argon2-browser-assets.ts'
import { serveArgon2Requests } from './argon2-worker-serve.ts'

if (!parentPort) throw new Error('argon2-worker.ts must run in a worker thread')
serveArgon2Requests(parentPort, () => readArgon2BrowserAssets())
