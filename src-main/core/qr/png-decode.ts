// PNG image data → 8-bit RGBA, for every colour type and bit depth the PNG spec allows, interlaced
// or not. Node's native zlib inflates the data to exactly the size the header implies (see
// inflateImageData), one loop per row undoes the filters, and each pixel is written once, so the
// output depends on the file alone. The scanner's screenshots (8-bit RGB/RGBA, not interlaced)
// take png-luma's shorter path instead, straight to luminance.
import { CairnError } from '../errors.ts'
import { ADAM7_PASSES, inflateImageData, inflatedSize } from './png-file.ts'
import type { PngFile, PngHeader } from './png-file.ts'
import type { RawImage } from './raw-image.ts'

const GREY = 0
const RGB = 2
const PALETTE = 3
const GREY_ALPHA = 4
const RGBA = 6

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

function damaged(detail: string): never {
  throw new CairnError('MALFORMED_IMAGE', `Damaged PNG file: ${detail}`)
}

/**
 * Decodes a PNG whose chunks readPngFile checked and whose header fits the pixel budget, to RGBA
 * or to the scanner's luminance (each row's pixels made RGBA in a one-row buffer, then weighed:
 * no RGBA buffer the size of the image).
 */
export function decodePng(file: PngFile, format: 'rgba' | 'grey' = 'rgba'): RawImage {
  const { width, height } = file.header
  const raw = inflateImageData(file)
  if (raw.length !== inflatedSize(file.header)) damaged('image data has the wrong size')
  const bitsPerPixel = CHANNELS[file.header.colorType]! * file.header.bitDepth
  const out = new Uint8Array(width * height * (format === 'grey' ? 1 : 4))
  const direct = format === 'grey' ? greyWriter(file, out) : null
  const rowRgba = format === 'grey' && !direct ? new Uint8Array(width * 4) : null
  const write = direct ?? rowWriter(file, rowRgba ?? out)
  // Filters work on whole bytes: the byte to the left is one pixel back, at least one byte.
  const bpp = Math.max(1, bitsPerPixel >> 3)
  const passes = file.header.interlaced ? ADAM7_PASSES : ([[0, 0, 1, 1]] as const)
  let offset = 0
  for (const [x0, y0, dx, dy] of passes) {
    const passWidth = Math.ceil((width - x0) / dx)
    const passHeight = Math.ceil((height - y0) / dy)
    if (passWidth <= 0 || passHeight <= 0) continue
    const stride = Math.ceil((passWidth * bitsPerPixel) / 8)
    const pass = raw.subarray(offset, offset + passHeight * (stride + 1))
    offset += pass.length
    unfilter(pass, stride, passHeight, bpp)
    for (let r = 0; r < passHeight; r++) {
      const start = r * (stride + 1) + 1
      const line = pass.subarray(start, start + stride)
      if (rowRgba) {
        write(line, 0, 0, 1, passWidth)
        placeLuma(rowRgba, out, (y0 + r * dy) * width + x0, dx, passWidth)
      } else {
        write(line, y0 + r * dy, x0, dx, passWidth)
      }
    }
  }
  return { pixels: out, width, height, format }
}

/**
 * For grey, grey + alpha and palette images of up to 8 bits a sample: a writer of luminance
 * straight from the samples, through a table of each sample value's luminance (a grey level's is
 * itself, scaled to 8 bits; a palette entry's is its colour's, black past the palette's end, as
 * the RGBA path gives it). Null for other kinds.
 */
function greyWriter(file: PngFile, out: Uint8Array): RowWriter | null {
  const { width, bitDepth, colorType } = file.header
  if (bitDepth > 8 || (colorType !== GREY && colorType !== GREY_ALPHA && colorType !== PALETTE)) {
    return null
  }
  const levels = new Uint8Array(256)
  const toByte = byteScale(bitDepth)
  const palette = file.palette
  for (let v = 0; v < 1 << bitDepth; v++) {
    if (colorType !== PALETTE) levels[v] = toByte(v)
    else if (v * 3 + 2 < palette!.length) {
      levels[v] =
        (palette![v * 3]! * 77 + palette![v * 3 + 1]! * 150 + palette![v * 3 + 2]! * 29) >> 8
    }
  }
  // Bits from one sample to the next: grey + alpha skips its alpha sample.
  const step = bitDepth * CHANNELS[colorType]!
  const mask = (1 << bitDepth) - 1
  return (row, y, x0, dx, count) => {
    for (let x = 0, bit = 0, o = y * width + x0; x < count; x++, bit += step, o += dx) {
      out[o] = levels[(row[bit >> 3]! >> (8 - bitDepth - (bit & 7))) & mask]!
    }
  }
}

/** `count` packed RGBA pixels' luminance (alpha ignored) to `at`, `at + dx`, … of the plane. */
function placeLuma(rgba: Uint8Array, out: Uint8Array, at: number, dx: number, count: number): void {
  for (let i = 0, o = at; i < count * 4; i += 4, o += dx) {
    out[o] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8
  }
}

/**
 * Undoes the per-row filters in place (PNG spec §9.2), each row against the one above. The first
 * row reads a zero row above it and the first pixel a zero pixel to its left; both are handled
 * outside the inner loops so those stay branch-free.
 */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): void {
  const zeros = new Uint8Array(stride)
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1
    const filter = raw[row - 1]
    const line = raw.subarray(row, row + stride)
    const above = y > 0 ? raw.subarray(row - stride - 1, row - 1) : zeros
    if (filter === 0) continue
    if (filter === 1) {
      for (let i = bpp; i < stride; i++) line[i] = line[i]! + line[i - bpp]!
    } else if (filter === 2) {
      for (let i = 0; i < stride; i++) line[i] = line[i]! + above[i]!
    } else if (filter === 3) {
      for (let i = 0; i < bpp && i < stride; i++) line[i] = line[i]! + (above[i]! >> 1)
      for (let i = bpp; i < stride; i++) line[i] = line[i]! + ((line[i - bpp]! + above[i]!) >> 1)
    } else if (filter === 4) {
      for (let i = 0; i < bpp && i < stride; i++) line[i] = line[i]! + above[i]!
      for (let i = bpp; i < stride; i++) {
        const a = line[i - bpp]!
        const b = above[i]!
        const c = above[i - bpp]!
        const pa = b > c ? b - c : c - b
        const pb = a > c ? a - c : c - a
        const pc = a + b > 2 * c ? a + b - 2 * c : 2 * c - a - b
        line[i] = line[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
      }
    } else {
      damaged(`unknown row filter ${filter}`)
    }
  }
}

/** Writes one unfiltered row: `count` pixels to (x0, y), (x0 + dx, y), … of the RGBA output. */
type RowWriter = (row: Uint8Array, y: number, x0: number, dx: number, count: number) => void

function rowWriter(file: PngFile, out: Uint8Array): RowWriter {
  const { header } = file
  const width = header.width
  if (header.bitDepth === 8 && !file.transparency) {
    if (header.colorType === RGBA) {
      return (row, y, x0, dx, count) => {
        if (dx === 1) return out.set(row, (y * width + x0) * 4)
        for (let i = 0, o = (y * width + x0) * 4; i < count * 4; i += 4, o += dx * 4) {
          out[o] = row[i]!
          out[o + 1] = row[i + 1]!
          out[o + 2] = row[i + 2]!
          out[o + 3] = row[i + 3]!
        }
      }
    }
    if (header.colorType === RGB) {
      return (row, y, x0, dx, count) => {
        for (let i = 0, o = (y * width + x0) * 4; i < count * 3; i += 3, o += dx * 4) {
          out[o] = row[i]!
          out[o + 1] = row[i + 1]!
          out[o + 2] = row[i + 2]!
          out[o + 3] = 255
        }
      }
    }
  }
  const sample = sampleReader(header)
  const toByte = byteScale(header.bitDepth)
  const channels = CHANNELS[header.colorType]!
  const key = transparentKey(file)
  const palette = file.palette
  const alphas = header.colorType === PALETTE ? paletteAlphas(file) : null
  return (row, y, x0, dx, count) => {
    for (let x = 0, o = (y * width + x0) * 4; x < count; x++, o += dx * 4) {
      const s = x * channels
      switch (header.colorType) {
        case GREY: {
          const v = sample(row, s)
          out[o] = out[o + 1] = out[o + 2] = toByte(v)
          out[o + 3] = key !== null && v === key[0] ? 0 : 255
          break
        }
        case GREY_ALPHA:
          out[o] = out[o + 1] = out[o + 2] = toByte(sample(row, s))
          out[o + 3] = toByte(sample(row, s + 1))
          break
        case RGB: {
          const r = sample(row, s)
          const g = sample(row, s + 1)
          const b = sample(row, s + 2)
          out[o] = toByte(r)
          out[o + 1] = toByte(g)
          out[o + 2] = toByte(b)
          out[o + 3] = key !== null && r === key[0] && g === key[1] && b === key[2] ? 0 : 255
          break
        }
        case RGBA:
          out[o] = toByte(sample(row, s))
          out[o + 1] = toByte(sample(row, s + 1))
          out[o + 2] = toByte(sample(row, s + 2))
          out[o + 3] = toByte(sample(row, s + 3))
          break
        case PALETTE: {
          const index = sample(row, s)
          // An index past the palette's end is black, as libpng gives it.
          const p = index * 3 + 2 < palette!.length ? index * 3 : -1
          out[o] = p < 0 ? 0 : palette![p]!
          out[o + 1] = p < 0 ? 0 : palette![p + 1]!
          out[o + 2] = p < 0 ? 0 : palette![p + 2]!
          out[o + 3] = alphas![index]!
          break
        }
      }
    }
  }
}

/** Sample number `n` of a row, at the header's bit depth (packed from the high bit down). */
function sampleReader(header: PngHeader): (row: Uint8Array, n: number) => number {
  switch (header.bitDepth) {
    case 16:
      return (row, n) => (row[2 * n]! << 8) | row[2 * n + 1]!
    case 8:
      return (row, n) => row[n]!
    default: {
      const depth = header.bitDepth
      const perByte = 8 / depth
      const mask = (1 << depth) - 1
      return (row, n) => (row[(n / perByte) | 0]! >> (8 - depth * ((n % perByte) + 1))) & mask
    }
  }
}

/** Sample to 8 bits: sub-byte depths scale up exactly, 16 bits round to the nearest. */
function byteScale(depth: number): (v: number) => number {
  if (depth === 16) return (v) => ((v * 255 + 32767) / 65535) | 0
  if (depth === 8) return (v) => v
  const factor = 255 / ((1 << depth) - 1)
  return (v) => v * factor
}

/** The grey or RGB value tRNS makes transparent, at the image's bit depth. */
function transparentKey(file: PngFile): number[] | null {
  const t = file.transparency
  if (!t || (file.header.colorType !== GREY && file.header.colorType !== RGB)) return null
  const key: number[] = []
  for (let i = 0; i + 1 < t.length; i += 2) key.push((t[i]! << 8) | t[i + 1]!)
  return key
}

/** Alpha for each of the 256 possible indices: tRNS's entries, then opaque. */
function paletteAlphas(file: PngFile): Uint8Array {
  const alphas = new Uint8Array(256).fill(255)
  if (file.transparency) alphas.set(file.transparency)
  return alphas
}
