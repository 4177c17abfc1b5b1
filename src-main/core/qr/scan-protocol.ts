// Messages between QrScanWorker and qr-scan-worker.ts.
import type { CairnErrorCode } from '../errors.ts'
import type { QrScanResult, ScanInput, ScanOptions } from './qr-scan.ts'

export interface ScanRequest {
  id: number
  input: ScanInput
  options: ScanOptions
}

export type ScanResponse =
  | { id: number; ok: true; result: QrScanResult }
  | { id: number; ok: false; error: { code: CairnErrorCode | null; message: string } }
