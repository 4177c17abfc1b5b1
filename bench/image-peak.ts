// Run by qr.bench.ts in a child process of its own, so the peak memory it reports belongs to one
// operation alone: `node bench/image-peak.ts <operation> <file>` prints one JSON line with the
// process's resident memory just before the operation and its peak (maxRSS) after it.
import { readFileSync } from 'node:fs'
import jpeg from 'jpeg-js'
import { readImportSource } from '../src-main/core/import/import-source.ts'
import { decodeImage } from '../src-main/core/qr/image-decode.ts'
import { DEFAULT_MAX_PIXELS } from '../src-main/core/qr/image-header.ts'

export type PeakOperation = 'decode' | 'scan' | 'jpeg-js'

export interface PeakReport {
  ms: number
  rssBeforeMiB: number
  maxRssMiB: number
  result: string
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
const MiB = 2 ** 20
const rssBefore = process.memoryUsage.rss()
const start = performance.now()
const result = operations[operation](bytes)
const ms = performance.now() - start
const report: PeakReport = {
  ms,
  rssBeforeMiB: rssBefore / MiB,
  // maxRSS is in KiB.
  maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
  result,
}
console.log(JSON.stringify(report))
