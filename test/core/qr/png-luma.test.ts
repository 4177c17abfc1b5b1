// decodePngLuma, the scanner's PNG decoder, on PNGs of every colour type and bit depth (written by
// our spec-based encoder): its luminance plane checked pixel for pixel against the luminance of
// ImageMagick's RGBA; image data that inflates short, or names an unknown filter, refused; repeated
// decodes identical.
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { readPngFile } from '../../../src-main/core/qr/png-file.ts'
import { decodePngLuma } from '../../../src-main/core/qr/png-luma.ts'
import { errorOf, ihdrBody, pngChunk, pngOf } from './fixtures/image-bytes.ts'
import { everyKind, imageMagickRgba, lumaOf } from './fixtures/imagemagick.ts'
import { encodePng } from './fixtures/png-encoder.ts'

const decode = (png: Uint8Array) => decodePngLuma(readPngFile(png))

const sameAsImageMagick = (png: Uint8Array) =>
  Buffer.from(decode(png).pixels).equals(lumaOf(imageMagickRgba(png)))

describe('decodePngLuma against ImageMagick', () => {
  for (const spec of everyKind(37, 19)) {
    it(`gives the luminance of ${spec.label} exactly as ImageMagick's pixels have it`, () => {
      const { png } = encodePng({ ...spec, seed: spec.colorType * 100 + spec.bitDepth })
      const ours = decode(png)
      expect(ours).toMatchObject({ width: 37, height: 19, format: 'grey' })
      expect(ours.pixels.length).toBe(37 * 19)
      expect(sameAsImageMagick(png)).toBe(true)
    })
  }

  it('decodes screen-like 8-bit RGB and RGBA (flat runs, each filter on the first row)', () => {
    // Flat areas take the repeat-the-left-pixel shortcuts; the first row, with a zero row above
    // it, is decoded under each of the five filters.
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
          expect(sameAsImageMagick(png), label).toBe(true)
        }
      }
    }
  })

  it('decodes long and short runs that repeat the row above or the left pixel, each filter', () => {
    for (const colorType of [2, 6]) {
      for (let firstFilter = 0; firstFilter < 5; firstFilter++) {
        for (const [width, height] of [
          [641, 41],
          [40, 12],
        ] as const) {
          const spec = { width, height, colorType, bitDepth: 8, blocky: true, firstFilter }
          const { png } = encodePng({ ...spec, seed: 3 + firstFilter + width })
          const label = `type ${colorType}, ${width}×${height}, first filter ${firstFilter}`
          expect(sameAsImageMagick(png), label).toBe(true)
        }
      }
    }
  })

  it('decodes a black first row under each filter, with no row above it to repeat', () => {
    for (const colorType of [2, 6]) {
      for (let filter = 0; filter < 5; filter++) {
        const [width, height, channels] = [50, 8, colorType === 6 ? 4 : 3]
        const rowBytes = 1 + width * channels
        // Later rows are bright and varied, so a copy from anywhere but a black row shows.
        const lines = Buffer.alloc(rowBytes * height, 0)
        for (let i = rowBytes; i < lines.length; i++) lines[i] = i % rowBytes ? 97 + (i % 89) : 0
        lines[0] = filter
        const png = pngOf(
          pngChunk('IHDR', ihdrBody(width, height, { bitDepth: 8, colorType })),
          pngChunk('IDAT', deflateSync(lines)),
          pngChunk('IEND'),
        )
        expect(
          decode(png)
            .pixels.subarray(0, width)
            .every((v) => v === 0),
        ).toBe(true)
        expect(sameAsImageMagick(png), `type ${colorType}, filter ${filter}`).toBe(true)
      }
    }
  })

  it('decodes noisy 8-bit RGB and RGBA, with and without tRNS, wide and narrow', () => {
    for (const spec of everyKind(641, 23).filter((s) => s.bitDepth === 8 && !s.interlaced)) {
      for (let firstFilter = 0; firstFilter < 5; firstFilter++) {
        const { png } = encodePng({ ...spec, seed: 9 + firstFilter, firstFilter })
        expect(sameAsImageMagick(png), `${spec.label}, first filter ${firstFilter}`).toBe(true)
      }
    }
  })

  it('decodes odd sizes, one row and one column included', () => {
    for (const [width, height] of [
      [1, 1],
      [1, 9],
      [9, 1],
      [3, 5],
      [17, 2],
    ] as const) {
      for (const spec of everyKind(width, height)) {
        const { png } = encodePng({ ...spec, seed: width * 7 + height })
        expect(sameAsImageMagick(png), `${spec.label} ${width}×${height}`).toBe(true)
      }
    }
  })
})

describe('decodePngLuma on damaged image data', () => {
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

  it('refuses image data without a zlib header: another method, a preset dictionary, a bad check', () => {
    const scanlines = Buffer.alloc((1 + 4 * 9) * 5, 0)
    const stream = deflateSync(scanlines)
    const withHeader = (cmf: number, flg: number) =>
      pngOf(
        pngChunk('IHDR', ihdrBody(9, 5, { bitDepth: 8, colorType: 6 })),
        pngChunk('IDAT', Buffer.concat([Buffer.from([cmf, flg]), stream.subarray(2)])),
        pngChunk('IEND'),
      )
    expect(decode(withHeader(stream[0]!, stream[1]!)).pixels.length).toBe(45)
    const fcheck = (cmf: number, flg: number) => flg + ((31 - (((cmf << 8) | flg) % 31)) % 31)
    for (const [cmf, flg] of [
      [0x79, fcheck(0x79, 0x80)], // method 9
      [0x88, fcheck(0x88, 0x80)], // a window larger than 32 KiB
      [0x78, fcheck(0x78, 0xa0)], // a preset dictionary
      [0x78, 0x9d], // header check wrong
    ] as const) {
      const e = errorOf(() => decode(withHeader(cmf, flg)))
      expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
      expect((e as Error).message).toMatch(/does not inflate/)
    }
  })

  it('decodes image data whose zlib checksum is wrong: the chunks’ CRC-32s vouch for the bytes', () => {
    // The Adler-32 of the inflated image is not checked (a third of the decode's time); flipping it
    // leaves every chunk CRC right, as an encoder's bug would.
    const { png, scanlines } = encodePng({ width: 31, height: 7, colorType: 6, bitDepth: 8 })
    const stream = deflateSync(scanlines)
    stream[stream.length - 1]! ^= 0xff
    const flipped = pngOf(
      pngChunk('IHDR', ihdrBody(31, 7, { bitDepth: 8, colorType: 6 })),
      pngChunk('IDAT', stream),
      pngChunk('IEND'),
    )
    expect(Buffer.from(decode(flipped).pixels).equals(Buffer.from(decode(png).pixels))).toBe(true)
  })

  it('refuses an unknown row filter in 8-bit RGB and RGBA, on the first row and a later one', () => {
    for (const colorType of [2, 6]) {
      const bytesPerRow = 1 + 2 * (colorType === 6 ? 4 : 3)
      for (const badRow of [0, 1]) {
        const scanlines = Buffer.alloc(2 * bytesPerRow)
        scanlines[badRow * bytesPerRow] = 5
        const png = pngOf(
          pngChunk('IHDR', ihdrBody(2, 2, { bitDepth: 8, colorType })),
          pngChunk('IDAT', deflateSync(scanlines)),
          pngChunk('IEND'),
        )
        const e = errorOf(() => decode(png))
        expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
        expect((e as Error).message).toBe('Damaged PNG file: unknown row filter 5')
      }
    }
  })
})

describe('decodePngLuma is deterministic', () => {
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
