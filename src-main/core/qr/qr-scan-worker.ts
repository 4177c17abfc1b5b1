// Worker thread entry: runs scanImage off the caller's thread. One request at a time per message;
// CairnErrors travel back as their code and message.
import { parentPort } from 'node:worker_threads'
import { CairnError } from '../errors.ts'
import { scanImage } from './qr-scan.ts'
import type { ScanRequest, ScanResponse } from './scan-protocol.ts'

const port = parentPort
if (!port) throw new Error('qr-scan-worker.ts must run as a worker thread')

port.on('message', (request: ScanRequest) => {
  let response: ScanResponse
  try {
    response = { id: request.id, ok: true, result: scanImage(request.input, request.options) }
  } catch (e) {
    response = {
      id: request.id,
      ok: false,
      error:
        e instanceof CairnError
          ? { code: e.code, message: e.message }
          : { code: null, message: e instanceof Error ? e.message : String(e) },
    }
  }
  port.postMessage(response)
})
