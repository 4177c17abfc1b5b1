// scanImage on a worker thread, so a 4K capture never blocks the thread that asked (the Electron
// main process, the CLI's event loop). The worker entry is injectable: under Node the default is
// the .ts file next to this one; an electron-vite build passes the factory its `?nodeWorker`
// import gives. A QrScanWorker keeps one warm worker for repeated scans (the JIT-compiled scanner
// is several times faster than a cold one); scanImageInWorker is the one-shot form.
import { Worker } from 'node:worker_threads'
import { CairnError } from '../errors.ts'
import type { QrScanResult, ScanInput, ScanOptions } from './qr-scan.ts'
import type { ScanRequest, ScanResponse } from './scan-protocol.ts'

export type ScanWorkerFactory = () => Worker

export const defaultScanWorkerFactory: ScanWorkerFactory = () =>
  new Worker(new URL('./qr-scan-worker.ts', import.meta.url))

export interface QrScanWorkerOptions {
  createWorker?: ScanWorkerFactory
}

export interface WorkerScanOptions extends ScanOptions {
  /**
   * Move the pixel/file buffer to the worker instead of copying it. The caller's array is
   * unusable afterwards. Ignored for a view into a larger (e.g. pooled) buffer.
   */
  transfer?: boolean
}

interface Pending {
  resolve: (result: QrScanResult) => void
  reject: (error: Error) => void
}

export class QrScanWorker {
  private readonly createWorker: ScanWorkerFactory
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private closed = false

  constructor(options: QrScanWorkerOptions = {}) {
    this.createWorker = options.createWorker ?? defaultScanWorkerFactory
  }

  scan(input: ScanInput, options: WorkerScanOptions = {}): Promise<QrScanResult> {
    if (this.closed) return Promise.reject(new Error('QrScanWorker is closed'))
    const worker = this.ensureWorker()
    const id = this.nextId++
    const { transfer, ...scanOptions } = options
    const request: ScanRequest = { id, input, options: scanOptions }
    const buffer = input instanceof Uint8Array ? input : input.pixels
    const movable =
      transfer === true &&
      buffer.buffer instanceof ArrayBuffer &&
      buffer.byteOffset === 0 &&
      buffer.byteLength === buffer.buffer.byteLength
    return new Promise<QrScanResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.ref()
      try {
        try {
          worker.postMessage(request, movable ? [buffer.buffer as ArrayBuffer] : [])
        } catch (e) {
          // Memory owned by native code (some Electron buffers) cannot be moved: copy it instead.
          if (!movable) throw e
          worker.postMessage(request)
        }
      } catch (e) {
        this.settle(id)?.reject(e instanceof Error ? e : new Error(String(e)))
      }
    })
  }

  /** Stops the worker; scans still running are rejected. */
  async close(): Promise<void> {
    this.closed = true
    const worker = this.worker
    this.worker = null
    this.failAll(new Error('QrScanWorker was closed'))
    if (worker) await worker.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = this.createWorker()
    worker.on('message', (response: ScanResponse) => {
      const pending = this.settle(response.id)
      if (!pending) return
      if (response.ok) pending.resolve(response.result)
      else if (response.error.code) {
        pending.reject(new CairnError(response.error.code, response.error.message))
      } else pending.reject(new Error(`QR scan failed: ${response.error.message}`))
    })
    worker.on('error', (e) => this.drop(worker, e))
    worker.on('exit', (code) => this.drop(worker, new Error(`QR scan worker exited (${code})`)))
    worker.unref()
    this.worker = worker
    return worker
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id)
    this.pending.delete(id)
    // An idle worker must not keep the process alive.
    if (this.pending.size === 0) this.worker?.unref()
    return pending
  }

  /** A crashed worker fails its scans; the next scan starts a fresh one. */
  private drop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return
    this.worker = null
    this.failAll(error)
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const p of pending) p.reject(error)
  }
}

/** One scan on a fresh worker thread, which is stopped afterwards. */
export async function scanImageInWorker(
  input: ScanInput,
  options: WorkerScanOptions & QrScanWorkerOptions = {},
): Promise<QrScanResult> {
  const { createWorker, ...scanOptions } = options
  const worker = new QrScanWorker(createWorker ? { createWorker } : {})
  try {
    return await worker.scan(input, scanOptions)
  } finally {
    await worker.close()
  }
}
