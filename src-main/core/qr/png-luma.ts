// PNG image data → one 8-bit luminance plane, the only thing the QR scanner reads. Screenshots
// (8-bit RGB or RGBA, not interlaced) never get an RGBA buffer: each row is unfiltered in a
// one-row buffer against the row before it and turned into luminance at once, so the image costs
// its inflated data alone. Every other kind goes through png-decode's general path, which weighs
// a row at a time. Luminance is the scanner's own weighting of red, green and blue; alpha is
// ignored, as the scanner ignores it in RGBA.
import { CairnError } from '../errors.ts'
import { inflateImageData } from './png-file.ts'
import type { PngFile } from './png-file.ts'
import { decodePng } from './png-decode.ts'
import type { RawImage } from './raw-image.ts'
import { PngRowsMemory } from './png-rows-wasm.ts'

const RGB = 2
const RGBA = 6

function unknownFilter(filter: number): never {
  throw new CairnError('MALFORMED_IMAGE', `Damaged PNG file: unknown row filter ${filter}`)
}

/** Decodes a PNG whose chunks readPngFile checked and whose header fits the pixel budget. */
export function decodePngLuma(file: PngFile): RawImage {
  const { width, height, bitDepth, colorType, interlaced } = file.header
  if (bitDepth === 8 && !interlaced && (colorType === RGB || colorType === RGBA)) {
    // inflateImageData refuses data that inflates to any size but the header's.
    const raw = inflateImageData(file)
    const pixels = rowsToLuma(raw, width, height, colorType === RGBA ? 4 : 3)
    return { pixels, width, height, format: 'grey' }
  }
  return decodePng(file, 'grey')
}

/**
 * 8-bit RGB or RGBA rows, one at a time, unfiltered and turned into luminance by wasm/png-rows.c
 * against the row before (zeros for the first, as the PNG spec has it).
 *
 * The plane is written over the start of the inflated data itself: row y's plane row ends before
 * row y + 1's data begins (a pixel there takes one byte, here three or four), and row y's data is
 * copied out before its plane row is written, so nothing is overwritten before it is read, and no
 * second image-sized buffer is needed.
 */
function rowsToLuma(raw: Uint8Array, width: number, height: number, channels: 3 | 4): Uint8Array {
  const stride = width * channels
  const out = raw.subarray(0, width * height)
  const rows = new PngRowsMemory(width, channels)
  try {
    for (let y = 0; y < height; y++) {
      const at = y * (stride + 1)
      const filter = raw[at]!
      if (!rows.unfilterRow(raw.subarray(at + 1, at + 1 + stride), filter, out, y * width)) {
        unknownFilter(filter)
      }
    }
  } finally {
    rows.release()
  }
  return out
}
