// decodeImage on hostile files: a size header that is not the one decoded, image data that
// inflates past its header, and decoders' memory kept within bounds set from the pixel budget.
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import type { CairnErrorCode } from '../../../src-main/core/errors.ts'
import { decodeImage } from '../../../src-main/core/qr/image-decode.ts'
import {
  errorOf,
  ihdrBody,
  interlacedGreyPng,
  jpegHeaderSegment,
  pngChunk,
  pngOf,
} from './fixtures/image-bytes.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

function failure(fn: () => unknown, code: CairnErrorCode): string {
  const e = errorOf(fn)
  expect(isCairnError(e, code)).toBe(true)
  return (e as Error).message
}

describe('decodeImage: PNG', () => {
  it('refuses a 1×1 header followed by a large one, at 8 and 16 bits', () => {
    // A 1×1 header, then a 3000×3000 one, against a 1 MP budget: a decoder sizing its buffers from
    // the second header would go past the budget.
    const W = 3000
    for (const bitDepth of [8, 16]) {
      const scanlines = Buffer.alloc((W * 4 * (bitDepth / 8) + 1) * W)
      const idat = pngChunk('IDAT', deflateSync(scanlines, { level: 9 }))
      const png = pngOf(
        pngChunk('IHDR', ihdrBody(1, 1, { bitDepth })),
        pngChunk('IHDR', ihdrBody(W, W, { bitDepth })),
        idat,
        pngChunk('IEND'),
      )
      expect(failure(() => decodeImage(png, 1_000_000), 'MALFORMED_IMAGE')).toBe(
        'Damaged PNG: more than one IHDR header',
      )
    }
  })

  it('refuses an interlaced image whose data inflates far past its header', () => {
    // 16×16 grey needs 288 bytes of scanlines; this inflates to 16 MB.
    const png = pngOf(
      pngChunk('IHDR', ihdrBody(16, 16, { colorType: 0, interlace: 1 })),
      pngChunk('IDAT', deflateSync(Buffer.alloc(16 * 2 ** 20), { level: 9 })),
      pngChunk('IEND'),
    )
    expect(failure(() => decodeImage(png, 1_000_000), 'MALFORMED_IMAGE')).toBe(
      'Damaged PNG file: image data is larger than its header says',
    )
  })

  it('still decodes a well-formed interlaced image', () => {
    const pixel = (x: number, y: number) => (x * 13 + y * 29) & 255
    const image = decodeImage(interlacedGreyPng(21, 11, pixel).png, 1_000_000)
    // The scanner's luminance plane: a grey pixel's luminance is its grey value.
    expect(image).toMatchObject({ width: 21, height: 11, format: 'grey' })
    expect(image.pixels.length).toBe(21 * 11)
    for (let y = 0; y < 11; y++) {
      for (let x = 0; x < 21; x++) expect(image.pixels[y * 21 + x]).toBe(pixel(x, y))
    }
  })

  it('counts 16-bit pixels twice against the budget, before inflating anything', () => {
    // The image data is not zlib at all: refusing on size must come first.
    const junk = pngChunk('IDAT', [1, 2, 3, 4])
    const deep = pngOf(
      pngChunk('IHDR', ihdrBody(800, 700, { bitDepth: 16 })),
      junk,
      pngChunk('IEND'),
    )
    expect(failure(() => decodeImage(deep, 1_000_000), 'IMAGE_TOO_LARGE')).toMatch(/16-bit/)
    const plain = pngOf(pngChunk('IHDR', ihdrBody(800, 700)), junk, pngChunk('IEND'))
    expect(failure(() => decodeImage(plain, 1_000_000), 'MALFORMED_IMAGE')).toMatch(/inflate/)
  })
})

describe('decodeImage: JPEG', () => {
  const jpeg = new SyntheticScreen(320, 200, 2).desktop('light', 1).toJpeg(80)
  const sof = jpegHeaderSegment(jpeg, 0xc0)
  const at = Buffer.from(jpeg).indexOf(Buffer.from(sof))

  it('refuses a second frame header, next to the first or after the image data', () => {
    const bigger = Uint8Array.from(sof)
    bigger.set([0x0f, 0xa0, 0x0f, 0xa0], 5) // 4000×4000
    const adjacent = Buffer.concat([
      jpeg.subarray(0, at + sof.length),
      bigger,
      jpeg.subarray(at + sof.length),
    ])
    const trailing = Buffer.concat([jpeg.subarray(0, -2), bigger, jpeg.subarray(-2)])
    for (const bytes of [adjacent, trailing]) {
      expect(failure(() => decodeImage(new Uint8Array(bytes), 50_000_000), 'MALFORMED_IMAGE')).toBe(
        'Damaged JPEG: more than one frame header',
      )
    }
  })
})
