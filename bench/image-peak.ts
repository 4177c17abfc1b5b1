// Run by qr.bench.ts in a child process of its own, so the peak memory it reports belongs to one
// operation alone: `node bench/image-peak.ts <operation> <file>` prints one JSON line with the
// process's resident memory just before the operation and its peak during it. Loading the
// TypeScript modules peaks higher than many operations do, so the peak is reset first (Linux's
// clear_refs) and read back from /proc (VmHWM).
import { readFileSync, writeFileSync } from 'node:fs'
import jpeg from 'jpeg-js'
import { readImportSource } from '../src-main/core/import/import-source.ts'
import { decodeImage } from '../src-main/core/qr/image-decode.ts'
import { DEFAULT_MAX_PIXELS } from '../src-main/core/qr/image-header.ts'

export type PeakOperation = 'decode' | 'scan' | 'jpeg-js'

export interface PeakReport {
  ms: number
  rssBeforeMiB: number
  /** Peak resident memory during the operation (since the reset). */
  peakRssMiB: number
  result: string
}

const MiB = 2 ** 20

function peakSinceReset(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]
  if (!kib) throw new Error('no VmHWM in /proc/self/status')
  return (Number(kib) * 1024) / MiB
}

const operations: Record<PeakOperation, (bytes: Uint8Array) => string> = {
  decode: (bytes) => {
    const image = decodeImage(bytes, DEFAULT_MAX_PIXELS)
    return `${image.width}×${image.height} ${image.format}`
  },
  // What `cairn scan FILE` does with a file's bytes: decode, find every code, classify it.
  scan: (bytes) => `${readImportSource('file', bytes).items.length} codes`,
  'jpeg-js': (bytes) => {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true })
    return `${image.width}×${image.height} rgba`
  },
}

const [operation, file] = process.argv.slice(2) as [PeakOperation, string]
const bytes = new Uint8Array(readFileSync(file))
writeFileSync('/proc/self/clear_refs', '5')
const rssBefore = process.memoryUsage.rss()
const start = performance.now()
const result = operations[operation](bytes)
const ms = performance.now() - start
const report: PeakReport = {
  ms,
  rssBeforeMiB: rssBefore / MiB,
  peakRssMiB: peakSinceReset(),
  result,
}
console.log(JSON.stringify(report))
