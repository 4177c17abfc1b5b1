// QR scanning, side by side on the test suite's synthetic screenshots: Cairn's scanner, plain
// jsQR on the whole frame, and zxing-cpp (zxing-wasm reader build) as the reference. Each figure
// is the median time on raw RGBA pixels (what a screen capture gives; JPEG cases are decoded
// first, outside the timing) with codes found / codes present in the note.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import jsQRModule from 'jsqr'
import jpeg from 'jpeg-js'
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'
import { scanImage, scanPixels } from '../src-main/core/qr/qr-scan.ts'
import type { RawImage } from '../src-main/core/qr/raw-image.ts'
import { QrScanWorker, scanImageInWorker } from '../src-main/core/qr/scan-in-worker.ts'
import {
  invertedOnDarkTheme,
  jpegSmallModules4k,
  jpegTwoCodes,
  noCode4k,
  oneCode1080p,
  severalCodes4k,
  smallModules4k,
  twoCodesSideBySide,
} from '../test/core/qr/fixtures/screens.ts'
import type { ScreenCase } from '../test/core/qr/fixtures/screens.ts'
import type { BenchFigure, BenchModule } from './bench-types.ts'
import { medianMs } from './measure.ts'

type JsQr = typeof jsQRModule.default
const loaded = jsQRModule as unknown as JsQr | { default: JsQr }
const jsQR: JsQr = typeof loaded === 'function' ? loaded : loaded.default

// zxing-wasm would fetch its .wasm: hand it the bytes.
async function loadZxing(): Promise<void> {
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')
  const bytes = readFileSync(path)
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true })
}

interface Decoder {
  name: string
  runs: number
  decode: (image: RawImage) => Promise<string[]> | string[]
}

const decoders: Decoder[] = [
  { name: 'Cairn', runs: 9, decode: (image) => scanPixels(image).map((c) => c.text) },
  {
    name: 'jsQR whole frame',
    runs: 3,
    decode: (image) => {
      const data = new Uint8ClampedArray(
        image.pixels.buffer,
        image.pixels.byteOffset,
        image.pixels.length,
      )
      const code = jsQR(data, image.width, image.height, { inversionAttempts: 'attemptBoth' })
      return code ? [code.data] : []
    },
  },
  {
    name: 'zxing-cpp',
    runs: 7,
    decode: async (image) => {
      const data = new Uint8ClampedArray(
        image.pixels.buffer,
        image.pixels.byteOffset,
        image.pixels.length,
      )
      const results = await readBarcodes(
        { data, width: image.width, height: image.height, colorSpace: 'srgb' } as ImageData,
        { formats: ['QRCode'], tryInvert: true, maxNumberOfSymbols: 255 },
      )
      return results.map((r) => r.text)
    },
  },
]

function pixelsOf(c: ScreenCase): RawImage {
  const { screen } = c
  if (c.jpegQuality === undefined) {
    return { pixels: screen.rgba, width: screen.width, height: screen.height, format: 'rgba' }
  }
  const decoded = jpeg.decode(screen.toJpeg(c.jpegQuality), { useTArray: true, formatAsRGBA: true })
  return { pixels: decoded.data, width: decoded.width, height: decoded.height, format: 'rgba' }
}

const bench: BenchModule = async () => {
  await loadZxing()
  const cases = [
    oneCode1080p(),
    twoCodesSideBySide(),
    invertedOnDarkTheme(),
    jpegTwoCodes(),
    smallModules4k(),
    severalCodes4k(),
    jpegSmallModules4k(),
    noCode4k(),
  ]
  const figures: BenchFigure[] = []
  for (const c of cases) {
    const image = pixelsOf(c)
    const present = new Set(c.screen.codes.map((code) => code.text))
    for (const decoder of decoders) {
      const texts = await decoder.decode(image)
      const found = new Set(texts.filter((t) => present.has(t))).size
      const wrong = texts.filter((t) => !present.has(t)).length
      const ms = await medianMs(() => decoder.decode(image), { runs: decoder.runs })
      const isGoalRow = decoder.name === 'Cairn' && c.screen.width === 3840 && present.size > 1
      figures.push({
        name: `${c.name} · ${decoder.name}`,
        value: ms,
        unit: 'ms',
        ...(isGoalRow ? { goal: '≤ 60 ms, all codes' } : {}),
        note: `found ${found}/${present.size}${wrong ? `, ${wrong} wrong` : ''}`,
      })
    }
  }

  // The paths around the scanner: a 4K PNG file (decode included) and a warm worker round trip.
  const several = severalCodes4k()
  const png = several.screen.toPng()
  figures.push({
    name: `${several.name} · Cairn from PNG file (decode included)`,
    value: await medianMs(() => scanImage(png), { runs: 5 }),
    unit: 'ms',
    note: `${(png.length / 1e6).toFixed(1)} MB PNG (8-bit RGBA: the native-inflate fast path)`,
  })
  const bgraOnce = () => ({
    pixels: several.screen.toBgra(),
    width: 3840,
    height: 2160,
    format: 'bgra' as const,
  })
  const coldInputs = [bgraOnce(), bgraOnce(), bgraOnce(), bgraOnce()]
  figures.push({
    name: `${several.name} · Cairn one-shot scanImageInWorker (cold worker, buffer moved)`,
    value: await medianMs(() => scanImageInWorker(coldInputs.pop()!, { transfer: true }), {
      runs: 3,
    }),
    unit: 'ms',
    note: 'thread start and unoptimised first run included: keep a QrScanWorker for repeated scans',
  })
  const worker = new QrScanWorker()
  try {
    const bgra = {
      pixels: several.screen.toBgra(),
      width: 3840,
      height: 2160,
      format: 'bgra' as const,
    }
    const ms = await medianMs(() => worker.scan(bgra), { runs: 9, warmup: 3 })
    figures.push({
      name: `${several.name} · Cairn in worker (BGRA copied over, warm)`,
      value: ms,
      unit: 'ms',
      note: `found ${(await worker.scan(bgra)).codes.length}/5`,
    })
  } finally {
    await worker.close()
  }
  return figures
}

export default bench
