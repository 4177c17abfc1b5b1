import { deflateSync, inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import type { ColorType } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { checkPngBudget, inflatedSize, readPngFile } from '../../../src-main/core/qr/png-file.ts'
import { errorOf, ihdrBody, interlacedGreyPng, pngChunk, pngOf } from './fixtures/image-bytes.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

function malformed(fn: () => unknown): string {
  const e = errorOf(fn)
  expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
  return (e as Error).message
}

/** Real scanlines for a width × height 8-bit RGBA image (all zero, filter type 0). */
const rgbaIdat = (width: number, height: number) =>
  pngChunk('IDAT', deflateSync(Buffer.alloc((width * 4 + 1) * height)))

describe('readPngFile', () => {
  const screen = new SyntheticScreen(37, 23, 5).desktop('dark', 1)

  it('reads the header and image data of real PNGs, and knows their inflated size', () => {
    const cases: { colorType: ColorType; bitDepth: 8 | 16 }[] = [
      { colorType: 6, bitDepth: 8 },
      { colorType: 2, bitDepth: 8 },
      { colorType: 0, bitDepth: 8 },
      { colorType: 4, bitDepth: 8 },
      { colorType: 6, bitDepth: 16 },
      { colorType: 0, bitDepth: 16 },
    ]
    for (const { colorType, bitDepth } of cases) {
      const png = new PNG({ width: 37, height: 23, bitDepth })
      png.data = Buffer.from(screen.rgba)
      const bytes = new Uint8Array(
        PNG.sync.write(png, { colorType, bitDepth, inputHasAlpha: true }),
      )
      const file = readPngFile(bytes)
      expect(file.header).toEqual({ width: 37, height: 23, bitDepth, colorType, interlaced: false })
      expect(inflateSync(Buffer.concat(file.data)).length).toBe(inflatedSize(file.header))
    }
  })

  it('knows the inflated size of an interlaced image, as pngjs reads it', () => {
    for (const [width, height] of [
      [13, 9],
      [1, 1],
      [3, 17],
    ] as const) {
      const pixel = (x: number, y: number) => (x * 31 + y * 7) & 255
      const { png, scanlines } = interlacedGreyPng(width, height, pixel)
      const decoded = PNG.sync.read(Buffer.from(png))
      expect(decoded.data[4 * (width * (height - 1) + width - 1)]).toBe(
        pixel(width - 1, height - 1),
      )
      const file = readPngFile(png)
      expect(file.header.interlaced).toBe(true)
      expect(inflatedSize(file.header)).toBe(scanlines.length)
    }
  })

  it('refuses a second IHDR header, wherever it is', () => {
    // The review's file: a 1×1 header, then an 8000×8000 one a decoder could size from.
    const big = pngChunk('IHDR', ihdrBody(8000, 8000))
    const small = pngChunk('IHDR', ihdrBody(1, 1))
    for (const bytes of [
      pngOf(small, big, rgbaIdat(1, 1), pngChunk('IEND')),
      pngOf(small, rgbaIdat(1, 1), big, pngChunk('IEND')),
      pngOf(small, rgbaIdat(1, 1), small, pngChunk('IEND')),
    ]) {
      expect(malformed(() => readPngFile(bytes))).toBe(
        'Damaged PNG file: more than one IHDR header',
      )
    }
  })

  it('refuses a chunk before IHDR, and a file without image data', () => {
    const before = pngOf(
      pngChunk('tEXt', [...Buffer.from('a\0b')]),
      pngChunk('IHDR', ihdrBody(1, 1)),
      rgbaIdat(1, 1),
      pngChunk('IEND'),
    )
    expect(malformed(() => readPngFile(before))).toMatch(/IHDR header is not the first chunk/)
    const empty = pngOf(pngChunk('IHDR', ihdrBody(1, 1)), pngChunk('IEND'))
    expect(malformed(() => readPngFile(empty))).toMatch(/no image data/)
  })

  it('refuses bit depths and colour types the PNG spec does not allow', () => {
    for (const [bitDepth, colorType] of [
      [16, 3],
      [4, 6],
      [8, 5],
    ] as const) {
      const bytes = pngOf(
        pngChunk('IHDR', ihdrBody(1, 1, { bitDepth, colorType })),
        rgbaIdat(1, 1),
        pngChunk('IEND'),
      )
      expect(malformed(() => readPngFile(bytes))).toMatch(/colour type/)
    }
  })

  it('refuses a cut-off file and a corrupted chunk', () => {
    const bytes = screen.toPng()
    expect(malformed(() => readPngFile(bytes.subarray(0, bytes.length - 20)))).toBe(
      'Truncated PNG file',
    )
    const flipped = Uint8Array.from(bytes)
    flipped[60] = flipped[60]! ^ 0x40
    expect(malformed(() => readPngFile(flipped))).toMatch(/checksum/)
  })

  it('ignores what follows IEND, as decoders do', () => {
    const bytes = pngOf(
      pngChunk('IHDR', ihdrBody(1, 1)),
      rgbaIdat(1, 1),
      pngChunk('IEND'),
      pngChunk('IHDR', ihdrBody(8000, 8000)),
    )
    expect(readPngFile(bytes).header).toMatchObject({ width: 1, height: 1 })
  })
})

describe('checkPngBudget', () => {
  const header = { width: 800, height: 700, colorType: 6, interlaced: false }

  it('counts 16-bit pixels twice', () => {
    expect(() => checkPngBudget({ ...header, bitDepth: 8 }, 1_000_000)).not.toThrow()
    const e = errorOf(() => checkPngBudget({ ...header, bitDepth: 16 }, 1_000_000))
    expect(isCairnError(e, 'IMAGE_TOO_LARGE')).toBe(true)
    expect((e as Error).message).toBe(
      'Image is 800×700 with 16-bit colour, which counts as 1.1 MP; the limit is 1.0 MP',
    )
  })

  it('applies the plain pixel budget too', () => {
    const e = errorOf(() => checkPngBudget({ ...header, bitDepth: 8 }, 500_000))
    expect(isCairnError(e, 'IMAGE_TOO_LARGE')).toBe(true)
  })
})
