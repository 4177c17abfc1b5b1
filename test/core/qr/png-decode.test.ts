// decodePng on PNGs of every colour type and bit depth (written by our spec-based encoder), checked
// pixel for pixel against ImageMagick's decoder; image data that inflates short refused; repeated
// decodes identical; a size claim too large for a screenshot refused before anything is inflated.
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { decodeImage } from '../../../src-main/core/qr/image-decode.ts'
import { DEFAULT_MAX_PIXELS } from '../../../src-main/core/qr/image-header.ts'
import { decodePng } from '../../../src-main/core/qr/png-decode.ts'
import { readPngFile } from '../../../src-main/core/qr/png-file.ts'
import { scanImage } from '../../../src-main/core/qr/qr-scan.ts'
import { errorOf, ihdrBody, pngChunk, pngOf } from './fixtures/image-bytes.ts'
import { everyKind, imageMagickRgba, lumaOf } from './fixtures/imagemagick.ts'
import { encodePng } from './fixtures/png-encoder.ts'
import { TOTP_ALICE } from './fixtures/screens.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

const decode = (png: Uint8Array) => decodePng(readPngFile(png))

describe('decodePng against ImageMagick', () => {
  for (const spec of everyKind(37, 19)) {
    it(`decodes ${spec.label} exactly as ImageMagick does`, () => {
      const { png } = encodePng({ ...spec, seed: spec.colorType * 100 + spec.bitDepth })
      const ours = decode(png)
      expect(ours).toMatchObject({ width: 37, height: 19, format: 'rgba' })
      const reference = imageMagickRgba(png)
      expect(reference.length).toBe(37 * 19 * 4)
      expect(Buffer.from(ours.pixels).equals(reference)).toBe(true)
    })
  }

  it('decodes images too large for a shared buffer (8-bit RGBA a pixel at a time) as ImageMagick does', () => {
    for (const spec of everyKind(641, 37).filter((s) => s.bitDepth === 8)) {
      const { png } = encodePng({ ...spec, seed: 5 })
      expect(Buffer.from(decode(png).pixels).equals(imageMagickRgba(png)), spec.label).toBe(true)
    }
  })

  it('decodes screen-like 8-bit RGB and RGBA (flat blocks, each filter on the first row) as ImageMagick does', () => {
    // Flat areas take the whole-pixel shortcuts of the screenshot path; the first row, with a
    // zero row above it, is decoded under each of the five filters.
    for (const colorType of [2, 6]) {
      for (let firstFilter = 0; firstFilter < 5; firstFilter++) {
        for (const [width, height] of [
          [641, 37],
          [5, 3],
          [1, 6],
        ] as const) {
          const spec = { width, height, colorType, bitDepth: 8, flat: true, firstFilter }
          const { png } = encodePng({ ...spec, seed: firstFilter + width })
          const label = `type ${colorType}, ${width}×${height}, first filter ${firstFilter}`
          expect(Buffer.from(decode(png).pixels).equals(imageMagickRgba(png)), label).toBe(true)
        }
      }
    }
  })

  it('decodes odd sizes, one row and one column included, as ImageMagick does', () => {
    for (const [width, height] of [
      [1, 1],
      [1, 9],
      [9, 1],
      [3, 5],
      [17, 2],
    ] as const) {
      for (const spec of everyKind(width, height)) {
        const { png } = encodePng({ ...spec, seed: width * 7 + height })
        const ours = decode(png)
        expect(Buffer.from(ours.pixels).equals(imageMagickRgba(png)), spec.label).toBe(true)
      }
    }
  })
})

describe('decodePng on image data that inflates short', () => {
  for (const spec of everyKind(23, 11)) {
    it(`refuses ${spec.label} missing its last byte, or most of its data`, () => {
      const { scanlines } = encodePng(spec)
      for (const shortBy of [1, Math.floor(scanlines.length / 2), scanlines.length - 1]) {
        const { png } = encodePng({ ...spec, shortBy })
        const e = errorOf(() => decode(png))
        expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
        expect((e as Error).message).toBe(
          'Damaged PNG file: image data is shorter than its header says',
        )
      }
    })
  }
})

describe('decodePng is deterministic', () => {
  it('never lets a one-row PNG return a screenshot decoded before it', () => {
    const screen = new SyntheticScreen(640, 360, 4).desktop('light', 2)
    screen.qr(TOTP_ALICE, 220, 80, { modulePx: 4 })
    const screenshot = screen.toPng()
    const rows = everyKind(200, 1).filter((s) => !s.interlaced)
    // decodeImage gives the scanner its luminance plane.
    const expected = rows.map((spec) => lumaOf(imageMagickRgba(encodePng(spec).png)))
    for (let round = 0; round < 20; round++) {
      expect(scanImage(screenshot).codes.map((c) => c.text)).toEqual([TOTP_ALICE])
      rows.forEach((spec, i) => {
        const short = encodePng({ ...spec, shortBy: 1 + round }).png
        expect(isCairnError(errorOf(() => decodeImage(short, DEFAULT_MAX_PIXELS)))).toBe(true)
        const pixels = decodeImage(encodePng(spec).png, DEFAULT_MAX_PIXELS).pixels
        expect(Buffer.from(pixels).equals(expected[i]!), spec.label).toBe(true)
      })
    }
  })

  it('gives the same bytes on every decode of every kind of PNG', () => {
    const files = everyKind(29, 13).map((spec, i) => encodePng({ ...spec, seed: i }).png)
    const first = files.map((png) => Buffer.from(decode(png).pixels))
    for (let round = 0; round < 10; round++) {
      files.forEach((png, i) =>
        expect(Buffer.from(decode(png).pixels).equals(first[i]!)).toBe(true),
      )
    }
  })
})

describe('decodePng bounds', () => {
  it('refuses a 6 KB 1-bit PNG claiming 49 megapixels before inflating it', () => {
    const side = 7000
    const scanlines = Buffer.alloc((side / 8 + 1) * side)
    const png = pngOf(
      pngChunk('IHDR', ihdrBody(side, side, { bitDepth: 1, colorType: 0 })),
      pngChunk('IDAT', deflateSync(scanlines, { level: 9 })),
      pngChunk('IEND'),
    )
    expect(png.length).toBeLessThan(8_000)
    const e = errorOf(() => scanImage(png))
    expect(isCairnError(e, 'IMAGE_TOO_LARGE')).toBe(true)
    expect((e as Error).message).toBe(
      'Image is 7000×7000 (49.0 MP), over the 34.0 MP limit (a screenshot of an 8K screen is 33.2 MP): crop it to the QR code',
    )
  })

  it('refuses image data that inflates to more than the header implies', () => {
    // 4×4 RGBA is 4 × (1 + 16) bytes of scanlines; these inflate to 64 KiB.
    const bytes = pngOf(
      pngChunk('IHDR', ihdrBody(4, 4)),
      pngChunk('IDAT', deflateSync(Buffer.alloc(65_536))),
      pngChunk('IEND'),
    )
    const e = errorOf(() => decode(bytes))
    expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
    expect((e as Error).message).toBe('Damaged PNG file: image data is larger than its header says')
  })

  it('refuses a palette image without its palette, and an unknown row filter', () => {
    const noPalette = pngOf(
      pngChunk('IHDR', ihdrBody(2, 2, { bitDepth: 8, colorType: 3 })),
      pngChunk('IDAT', deflateSync(Buffer.alloc(6))),
      pngChunk('IEND'),
    )
    expect((errorOf(() => decode(noPalette)) as Error).message).toBe('Damaged PNG file: no palette')
    const badFilter = pngOf(
      pngChunk('IHDR', ihdrBody(2, 1)),
      pngChunk('IDAT', deflateSync(Buffer.from([5, 0, 0, 0, 0, 0, 0, 0, 0]))),
      pngChunk('IEND'),
    )
    expect((errorOf(() => decode(badFilter)) as Error).message).toBe(
      'Damaged PNG file: unknown row filter 5',
    )
  })
})
