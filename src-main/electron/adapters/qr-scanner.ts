/// <reference types="electron-vite/node" />
// The app's QR scanner: the core's QrScanWorker with its worker entry bundled by electron-vite
// (`?nodeWorker` emits qr-scan-worker.ts as its own chunk and returns a Worker factory). Scans of
// screen captures and clipboard images run there, never on the main process's thread.
import createScanWorker from '../../core/qr/qr-scan-worker.ts?nodeWorker'
import { QrScanWorker } from '../../core/qr/scan-in-worker.ts'

export function createQrScanner(): QrScanWorker {
  return new QrScanWorker({ createWorker: () => createScanWorker({}) })
}
