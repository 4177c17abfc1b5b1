// PNG image data → 8-bit RGBA, for every colour type and bit depth the PNG spec allows, interlaced
// or not. Node's native zlib inflates the data to exactly the size the header implies (see
// inflateImageData), one loop per row undoes the filters, and each pixel is written once, so the
// output depends on the file alone. Screenshots (8-bit RGB/RGBA, not interlaced) take a short path
// that unfilters a whole pixel at a time.
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

/** Decodes a PNG whose chunks readPngFile checked and whose header fits the pixel budget. */
export function decodePng(file: PngFile): RawImage {
  const { width, height } = file.header
  const raw = inflateImageData(file)
  if (raw.length !== inflatedSize(file.header)) damaged('image data has the wrong size')
  const bitsPerPixel = CHANNELS[file.header.colorType]! * file.header.bitDepth
  if (file.header.bitDepth === 8 && !file.header.interlaced) {
    if (file.header.colorType === RGBA) {
      return { pixels: unfilterRgba8(raw, width, height), width, height, format: 'rgba' }
    }
    if (file.header.colorType === RGB && !file.transparency) {
      return { pixels: unfilterRgb8(raw, width, height), width, height, format: 'rgba' }
    }
  }
  const out = new Uint8Array(width * height * 4)
  const write = rowWriter(file, out)
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
      write(pass.subarray(start, start + stride), y0 + r * dy, x0, dx, passWidth)
    }
  }
  return { pixels: out, width, height, format: 'rgba' }
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

/**
 * Adds four bytes to four bytes at once, each modulo 256 (no carry between them). Signed 32-bit,
 * like the words it is compared with (pixels are read as Int32Array words).
 */
const addBytes = (a: number, b: number) =>
  ((a & 0x7f7f7f7f) + (b & 0x7f7f7f7f)) ^ ((a ^ b) & 0x80808080)

/** Each byte's floor((a + b) / 2), four at once: the Average filter's predictor. */
const averageBytes = (a: number, b: number) => ((a & b) + (((a ^ b) >>> 1) & 0x7f7f7f7f)) | 0

/** The Paeth predictor (PNG spec §9.4) of each of four bytes, left `a`, above `b`, upper-left `c`. */
function paethBytes(a: number, b: number, c: number): number {
  let out = 0
  for (let shift = 0; shift < 32; shift += 8) {
    const av = (a >>> shift) & 255
    const bv = (b >>> shift) & 255
    const cv = (c >>> shift) & 255
    const pa = bv > cv ? bv - cv : cv - bv
    const pb = av > cv ? av - cv : cv - av
    const pc = av + bv > cv + cv ? av + bv - cv - cv : cv + cv - av - bv
    out |= (pa <= pb && pa <= pc ? av : pb <= pc ? bv : cv) << shift
  }
  return out
}

/**
 * 8-bit RGBA, the usual screenshot: the unfiltered rows already are the output. The rows are
 * packed first (the filter-type bytes set aside), in place, so no second buffer is needed, and
 * then unfiltered.
 */
function unfilterRgba8(raw: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4
  const filters = new Uint8Array(height)
  for (let y = 0; y < height; y++) {
    filters[y] = raw[y * (stride + 1)]!
    raw.copyWithin(y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1))
  }
  const pixels = raw.subarray(0, stride * height)
  if (pixels.byteOffset % 4 !== 0) {
    // A small image in a shared pool buffer may sit unaligned: byte by byte, via the general path.
    for (let y = 0; y < height; y++) unfilterRow(pixels, y * stride, stride, filters[y]!, y > 0, 4)
    return pixels
  }
  const words = new Int32Array(pixels.buffer, pixels.byteOffset, width * height)
  for (let y = 0; y < height; y++) unfilterWordRow(words, y, width, filters[y]!)
  return pixels
}

/**
 * The alpha byte to put in front of each 3-byte pixel of an RGB row unfiltered as RGBA, for the
 * first pixel and the rest: what the row's filter turns into 255 given opaque pixels to the left
 * and above (and zeros outside the image).
 */
function alphaDeltas(filter: number, y: number): [first: number, rest: number] {
  switch (filter) {
    case 0:
      return [255, 255]
    case 1:
      return [255, 0]
    case 2:
      return y === 0 ? [255, 255] : [0, 0]
    case 3:
      return y === 0 ? [255, 128] : [128, 0]
    default:
      // Paeth (an unknown filter is refused when the row is unfiltered).
      return y === 0 ? [255, 0] : [0, 0]
  }
}

/**
 * 8-bit RGB: each row is spread into the RGBA output and unfiltered there as RGBA. Every filter
 * predicts each channel from the same channel of the pixels to the left, above and upper-left, so
 * 3-byte pixels unfilter alike in 4-byte slots, and the alpha bytes put in (see alphaDeltas) come
 * out opaque. Four pixels are read as three little-endian words and written as four.
 */
function unfilterRgb8(raw: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 3
  const out = new Uint8Array(width * height * 4)
  const words = new Int32Array(out.buffer, out.byteOffset, width * height)
  const src = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  const dst = new DataView(out.buffer, out.byteOffset, out.byteLength)
  const quads = width >> 2
  for (let y = 0; y < height; y++) {
    let i = y * (stride + 1)
    const filter = raw[i++]!
    const [first, rest] = alphaDeltas(filter, y)
    const alpha = rest << 24
    let o = y * width * 4
    for (let q = 0; q < quads; q++, i += 12, o += 16) {
      const w0 = src.getUint32(i, true)
      const w1 = src.getUint32(i + 4, true)
      const w2 = src.getUint32(i + 8, true)
      dst.setUint32(o, (w0 & 0xffffff) | alpha, true)
      dst.setUint32(o + 4, (w0 >>> 24) | ((w1 & 0xffff) << 8) | alpha, true)
      dst.setUint32(o + 8, (w1 >>> 16) | ((w2 & 0xff) << 16) | alpha, true)
      dst.setUint32(o + 12, (w2 >>> 8) | alpha, true)
    }
    for (let end = (y + 1) * width * 4; o < end; o += 4, i += 3) {
      out[o] = raw[i]!
      out[o + 1] = raw[i + 1]!
      out[o + 2] = raw[i + 2]!
      out[o + 3] = rest
    }
    out[y * width * 4 + 3] = first
    unfilterWordRow(words, y, width, filter)
  }
  return out
}

/**
 * Undoes the filter of row `y` of packed 4-byte pixels, one pixel (a 32-bit word) at a time,
 * against the row above (already unfiltered). Paeth, most of a screenshot's cost, takes a shortcut
 * where a screenshot mostly is flat: where the pixel above equals the upper-left one, every byte's
 * predictor is the left byte; where the left equals the upper-left, it is the byte above (§9.4's
 * tie order gives exactly these).
 */
function unfilterWordRow(words: Int32Array, y: number, width: number, filter: number): void {
  const row = y * width
  const end = row + width
  if (filter === 0) return
  if (filter === 2) {
    if (y > 0) for (let x = row; x < end; x++) words[x] = addBytes(words[x]!, words[x - width]!)
  } else if (filter === 1 || (filter === 4 && y === 0)) {
    // Sub; and Paeth with a zero row above, which predicts from the left.
    for (let x = row + 1; x < end; x++) words[x] = addBytes(words[x]!, words[x - 1]!)
  } else if (filter === 3) {
    const above = (x: number) => (y > 0 ? words[x - width]! : 0)
    let a = (words[row] = addBytes(words[row]!, (above(row) >>> 1) & 0x7f7f7f7f))
    for (let x = row + 1; x < end; x++) {
      a = words[x] = addBytes(words[x]!, averageBytes(a, above(x)))
    }
  } else if (filter === 4) {
    // The first pixel has a zero left and upper-left: its predictor is the byte above.
    let c = words[row - width]!
    let a = (words[row] = addBytes(words[row]!, c))
    for (let x = row + 1; x < end; x++) {
      const b = words[x - width]!
      const predicted = b === c ? a : a === c ? b : paethBytes(a, b, c)
      a = words[x] = addBytes(words[x]!, predicted)
      c = b
    }
  } else {
    damaged(`unknown row filter ${filter}`)
  }
}

/**
 * One packed row at `at`, against the row just before it (when `hasAbove`): the byte-wise form,
 * for 8-bit RGBA that sits unaligned (a small image in a shared pool buffer).
 */
function unfilterRow(
  p: Uint8Array,
  at: number,
  stride: number,
  filter: number,
  hasAbove: boolean,
  bpp: number,
): void {
  const end = at + stride
  const up = hasAbove ? stride : 0
  if (filter === 1) {
    for (let i = at + bpp; i < end; i++) p[i] = p[i]! + p[i - bpp]!
  } else if (filter === 2) {
    if (hasAbove) for (let i = at; i < end; i++) p[i] = p[i]! + p[i - up]!
  } else if (filter === 3) {
    for (let i = at; i < at + bpp; i++) p[i] = p[i]! + (hasAbove ? p[i - up]! >> 1 : 0)
    for (let i = at + bpp; i < end; i++) {
      p[i] = p[i]! + ((p[i - bpp]! + (hasAbove ? p[i - up]! : 0)) >> 1)
    }
  } else if (filter === 4) {
    if (!hasAbove) {
      // With no row above, Paeth picks the left byte: it is Sub.
      for (let i = at + bpp; i < end; i++) p[i] = p[i]! + p[i - bpp]!
      return
    }
    // One channel at a time, its left and upper-left bytes carried along rather than reloaded.
    for (let channel = 0; channel < bpp; channel++) {
      let i = at + channel
      let a = (p[i] = (p[i]! + p[i - up]!) & 255)
      let c = p[i - up]!
      for (i += bpp; i < end; i += bpp) {
        const b = p[i - up]!
        const pa = Math.abs(b - c)
        const pb = Math.abs(a - c)
        const pc = Math.abs(a + b - c - c)
        a = p[i] = (p[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 255
        c = b
      }
    }
  } else if (filter !== 0) {
    damaged(`unknown row filter ${filter}`)
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
