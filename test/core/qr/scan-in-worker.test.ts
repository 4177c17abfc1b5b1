import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { CairnError } from '../../../src-main/core/errors.ts'
import { scanImage } from '../../../src-main/core/qr/qr-scan.ts'
import {
  QrScanWorker,
  defaultScanWorkerFactory,
  scanImageInWorker,
} from '../../../src-main/core/qr/scan-in-worker.ts'
import { pngHeaderOnly } from './fixtures/image-bytes.ts'
import { TOTP_ALICE, TOTP_BOB, severalCodes4k, twoCodesSideBySide } from './fixtures/screens.ts'

describe('scanImageInWorker', () => {
  it('returns what scanImage returns, from a worker thread', async () => {
    const png = twoCodesSideBySide().screen.toPng()
    const result = await scanImageInWorker(png)
    expect(result.codes.map((c) => c.text)).toEqual([TOTP_ALICE, TOTP_BOB])
    expect(result).toEqual(scanImage(png))
  })

  it('keeps the calling thread free while a 4K frame is scanned', async () => {
    const { screen } = severalCodes4k()
    const pixels = screen.toBgra()
    // The event loop keeps turning while the worker scans: no turn waits for the whole scan.
    const turnsAt: number[] = []
    let done = false
    const spin = () => {
      if (done) return
      turnsAt.push(performance.now())
      setImmediate(spin)
    }
    const started = performance.now()
    setImmediate(spin)
    const result = await scanImageInWorker({
      pixels,
      width: screen.width,
      height: screen.height,
      format: 'bgra',
    })
    done = true
    const elapsed = performance.now() - started
    expect(result.codes).toHaveLength(5)
    let longestWait = 0
    let previous = started
    for (const t of [...turnsAt, performance.now()]) {
      longestWait = Math.max(longestWait, t - previous)
      previous = t
    }
    expect(turnsAt.length).toBeGreaterThanOrEqual(10)
    expect(longestWait).toBeLessThan(elapsed / 2)
  })

  it('brings CairnErrors back with their code', async () => {
    await expect(scanImageInWorker(pngHeaderOnly(10_000, 10_000))).rejects.toMatchObject({
      name: 'CairnError',
      code: 'IMAGE_TOO_LARGE',
    })
    await expect(scanImageInWorker(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(CairnError)
  })

  it('moves the buffer instead of copying it when asked', async () => {
    const png = twoCodesSideBySide().screen.toPng()
    const result = await scanImageInWorker(png, { transfer: true })
    expect(result.codes).toHaveLength(2)
    expect(png.byteLength).toBe(0)
  })
})

describe('QrScanWorker', () => {
  it('uses the injected factory and keeps one worker across scans', async () => {
    let created = 0
    const scanner = new QrScanWorker({
      createWorker: () => {
        created++
        return defaultScanWorkerFactory()
      },
    })
    try {
      const png = twoCodesSideBySide().screen.toPng()
      const [a, b] = await Promise.all([scanner.scan(png), scanner.scan(png)])
      expect(a.codes).toHaveLength(2)
      expect(b.codes).toHaveLength(2)
      expect(created).toBe(1)
    } finally {
      await scanner.close()
    }
    await expect(scanner.scan(new Uint8Array(1))).rejects.toThrow(/closed/)
  })

  it('fails the scans of a worker that dies and starts a new one for the next scan', async () => {
    let created = 0
    const scanner = new QrScanWorker({
      createWorker: () =>
        ++created === 1
          ? new Worker('process.exit(3)', { eval: true })
          : defaultScanWorkerFactory(),
    })
    try {
      const png = twoCodesSideBySide().screen.toPng()
      await expect(scanner.scan(png)).rejects.toThrow(/exited \(3\)/)
      expect((await scanner.scan(png)).codes).toHaveLength(2)
      expect(created).toBe(2)
    } finally {
      await scanner.close()
    }
  })
})

describe('QrScanWorker transfer fallback', () => {
  it('copies a buffer that cannot be moved instead of failing', async () => {
    const png = twoCodesSideBySide().screen.toPng()
    // WebAssembly memory cannot be transferred, like memory owned by native code; the PNG ends
    // at its IEND chunk, so the zero padding up to the page size is never read.
    const memory = new WebAssembly.Memory({ initial: Math.ceil(png.length / 65536) })
    const bytes = new Uint8Array(memory.buffer)
    bytes.set(png)
    const result = await scanImageInWorker(bytes, { transfer: true })
    expect(result.codes).toHaveLength(2)
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(png.length)
  })
})
