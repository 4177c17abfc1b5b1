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
import { unfilterRowToLuma } from './png-luma-rows.ts'

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
 * 8-bit RGB or RGBA rows, one at a time: the row's pixels are loaded into a one-row buffer of
 * 32-bit words, unfiltered there against the previous row (zeros for the first, as the PNG spec
 * has it) and turned into luminance. RGB pixels are spread to four bytes with a zero fourth byte:
 * every filter predicts each byte from the same byte of the pixels left, above and upper-left, so
 * the colour bytes unfilter exactly as in 3-byte pixels, and the fourth byte stays zero.
 *
 * The plane is written over the start of the inflated data itself: row y's plane row ends before
 * row y + 1's data begins (a pixel there takes one byte, here three or four), so nothing is
 * overwritten before it is read, and no second image-sized buffer is needed.
 */
function rowsToLuma(raw: Uint8Array, width: number, height: number, channels: 3 | 4): Uint8Array {
  const stride = width * channels
  const out = raw.subarray(0, width * height)
  // Two row buffers take turns as the row and the row above.
  const even = new Int32Array(width)
  const odd = new Int32Array(width)
  const evenBytes = new Uint8Array(even.buffer)
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  const oddBytes = new Uint8Array(odd.buffer)
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1)
    const filter = raw[at]!
    const row = y & 1 ? odd : even
    if (channels === 4) (y & 1 ? oddBytes : evenBytes).set(raw.subarray(at + 1, at + 1 + stride))
    else spreadRgb(raw, view, at + 1, row, width)
    if (!unfilterRowToLuma(row, y & 1 ? even : odd, width, filter, out, y * width)) {
      unknownFilter(filter)
    }
  }
  return out
}

/**
 * `width` 3-byte pixels from `from` into words, red in the low byte and a zero fourth byte. Each
 * pixel is one unaligned 4-byte little-endian read with the next pixel's first byte masked off;
 * the last pixel, whose fourth byte may lie past the data, is read a byte at a time.
 */
function spreadRgb(
  raw: Uint8Array,
  view: DataView,
  from: number,
  row: Int32Array,
  width: number,
): void {
  const last = width - 1
  for (let x = 0, i = from; x < last; x++, i += 3) row[x] = view.getInt32(i, true) & 0xffffff
  const i = from + last * 3
  row[last] = raw[i]! | (raw[i + 1]! << 8) | (raw[i + 2]! << 16)
}
