// The chunk layer of a PNG file, read and checked before the decoder allocates anything the size
// of the image. IHDR must be the first chunk and the only one, so the size checked against the
// budget is the size decoded. Every chunk must be complete and pass its checksum, and the file
// must reach IEND; what follows IEND is ignored.
import { crc32, inflateRawSync } from 'node:zlib'
import { CairnError } from '../errors.ts'
import { checkPixelBudget } from './image-header.ts'

export interface PngHeader {
  width: number
  height: number
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  bitDepth: number
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number
  interlaced: boolean
}

export interface PngFile {
  header: PngHeader
  /** The IDAT chunk bodies, in order: one zlib stream. */
  data: Uint8Array[]
  /** PLTE: red, green, blue per entry (required for colour type 3, ignored otherwise). */
  palette: Uint8Array | null
  /** tRNS: alpha per palette entry, or the one transparent grey / RGB value (16-bit samples). */
  transparency: Uint8Array | null
}

/** Samples per pixel, and the bit depths the PNG spec allows, per colour type. */
const COLOR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
}

/** Adam7 passes: first column, first row, column step, row step. */
export const ADAM7_PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

function damaged(detail: string): never {
  throw new CairnError('MALFORMED_IMAGE', `Damaged PNG file: ${detail}`)
}

function truncated(): never {
  throw new CairnError('MALFORMED_IMAGE', 'Truncated PNG file')
}

export function readPngFile(bytes: Uint8Array): PngFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let header: PngHeader | null = null
  const data: Uint8Array[] = []
  let palette: Uint8Array | null = null
  let transparency: Uint8Array | null = null
  for (let pos = 8; ;) {
    if (pos + 12 > bytes.length) truncated()
    const length = view.getUint32(pos)
    if (pos + 12 + length > bytes.length) truncated()
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8))
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== view.getUint32(pos + 8 + length)) {
      damaged(`checksum mismatch in ${type.replace(/[^A-Za-z]/g, '?')}`)
    }
    const body = bytes.subarray(pos + 8, pos + 8 + length)
    if (type === 'IHDR') {
      if (header) damaged('more than one IHDR header')
      if (length !== 13) damaged('bad header')
      header = parseHeader(body)
    } else if (!header) {
      damaged('the IHDR header is not the first chunk')
    } else if (type === 'IDAT') {
      data.push(body)
    } else if (type === 'PLTE') {
      if (palette || data.length > 0) damaged('misplaced palette')
      if (length === 0 || length % 3 !== 0 || length > 768) damaged('bad palette')
      palette = body
    } else if (type === 'tRNS') {
      if (transparency || data.length > 0) damaged('misplaced transparency')
      transparency = body
    } else if (type === 'IEND') {
      break
    }
    pos += 12 + length
  }
  if (!header) damaged('no header')
  if (data.length === 0) damaged('no image data')
  if (header.colorType === 3 && !palette) damaged('no palette')
  // tRNS has no meaning beside an alpha channel: ignored there, as libpng does.
  if (header.colorType === 4 || header.colorType === 6) transparency = null
  if (transparency) checkTransparency(header, transparency, palette)
  return { header, data, palette, transparency }
}

function checkTransparency(
  header: PngHeader,
  transparency: Uint8Array,
  palette: Uint8Array | null,
): void {
  const expected: Record<number, boolean> = {
    0: transparency.length === 2,
    2: transparency.length === 6,
    3: palette !== null && transparency.length <= palette.length / 3,
  }
  if (!expected[header.colorType]) damaged('bad transparency')
}

function parseHeader(body: Uint8Array): PngHeader {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const [bitDepth = 0, colorType = 0, compression, filter, interlace = 0] = body.subarray(8, 13)
  if (!COLOR_TYPES[colorType]?.depths.includes(bitDepth)) {
    damaged(`colour type ${colorType} with ${bitDepth}-bit samples`)
  }
  if (compression !== 0 || filter !== 0 || interlace > 1) damaged('unknown compression or filter')
  return {
    width: view.getUint32(0),
    height: view.getUint32(4),
    bitDepth,
    colorType,
    interlaced: interlace === 1,
  }
}

/**
 * Refuses a header over the pixel budget. 16-bit images count twice: their image data takes up
 * to 8 bytes a pixel beside the 4 of the RGBA output, what an 8-bit image twice their size needs.
 */
export function checkPngBudget(header: PngHeader, maxPixels: number): void {
  const { width, height, bitDepth } = header
  checkPixelBudget(width, height, maxPixels)
  if (bitDepth === 16 && width * height * 2 > maxPixels) {
    throw new CairnError(
      'IMAGE_TOO_LARGE',
      `Image is ${width}×${height} with 16-bit colour, which counts as ${((width * height * 2) / 1e6).toFixed(1)} MP; the limit is ${(maxPixels / 1e6).toFixed(1)} MP`,
    )
  }
}

/** Bytes of filtered scanlines the header implies: what the IDAT stream must inflate to. */
export function inflatedSize(header: PngHeader): number {
  const { width, height, bitDepth, colorType, interlaced } = header
  const bitsPerPixel = COLOR_TYPES[colorType]!.channels * bitDepth
  // Each row: one filter-type byte, then its pixels rounded up to whole bytes.
  const rows = (w: number, h: number) =>
    w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0
  if (!interlaced) return rows(width, height)
  let size = 0
  for (const [x0, y0, dx, dy] of ADAM7_PASSES) {
    size += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy))
  }
  return size
}

/** RFC 1950's two header bytes: deflate, a window PNG allows, no preset dictionary, checked. */
function isZlibHeader(stream: Uint8Array): boolean {
  if (stream.length < 2) return false
  const [cmf, flg] = [stream[0]!, stream[1]!]
  return (cmf & 15) === 8 && cmf >> 4 <= 7 && (flg & 0x20) === 0 && ((cmf << 8) | flg) % 31 === 0
}

/**
 * The IDAT stream inflated to exactly the size the header implies: never more (a few kilobytes of
 * zlib can claim gigabytes), and never less (a short stream is a damaged file, and whatever would
 * fill the rest must not be memory left over from something else).
 */
export function inflateImageData(file: PngFile): Uint8Array {
  const expected = inflatedSize(file.header)
  const stream = Buffer.concat(file.data)
  if (!isZlibHeader(stream)) {
    throw new CairnError(
      'MALFORMED_IMAGE',
      'Damaged PNG file: image data does not inflate (no zlib header)',
    )
  }
  let inflated: Buffer
  try {
    // The deflate data after the zlib header, inflated raw: the stream's closing Adler-32 of the
    // inflated image is not checked. Each chunk's CRC-32 has already vouched for the stored bytes,
    // so it would only check the inflater again, at about a third of the decode's time.
    // One output chunk a byte larger than the image: no second buffer, no copy at the end.
    inflated = inflateRawSync(stream.subarray(2), {
      maxOutputLength: expected,
      chunkSize: Math.max(64, expected + 1),
    })
  } catch (cause) {
    const tooLarge = (cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
    throw new CairnError(
      'MALFORMED_IMAGE',
      tooLarge
        ? 'Damaged PNG file: image data is larger than its header says'
        : 'Damaged PNG file: image data does not inflate',
      { cause },
    )
  }
  if (inflated.length !== expected) {
    throw new CairnError(
      'MALFORMED_IMAGE',
      'Damaged PNG file: image data is shorter than its header says',
    )
  }
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength)
}
