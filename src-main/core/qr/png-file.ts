// The chunk layer of a PNG file, read and checked before either decoder (our fast path or pngjs)
// allocates anything the size of the image. Both decoders take the size from whichever IHDR they
// saw last, so IHDR must be the first chunk and the only one. Every chunk must be complete and
// pass its checksum, and the file must reach IEND; what follows IEND is ignored, as both do.
import { crc32, inflateSync } from 'node:zlib'
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
const ADAM7 = [
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
    } else if (type === 'IEND') {
      break
    }
    pos += 12 + length
  }
  if (!header) damaged('no header')
  if (data.length === 0) damaged('no image data')
  return { header, data }
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
 * Refuses a header over the pixel budget. 16-bit images count twice: pngjs holds them at 8 bytes
 * per pixel on the way to RGBA, so they cost what an 8-bit image twice their size does.
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
  for (const [x0, y0, dx, dy] of ADAM7) {
    size += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy))
  }
  return size
}

/**
 * The IDAT stream inflated, never to more than the size the header implies: a few kilobytes of
 * zlib can claim gigabytes.
 */
export function inflateImageData(file: PngFile): Uint8Array {
  let inflated: Buffer
  try {
    inflated = inflateSync(Buffer.concat(file.data), { maxOutputLength: inflatedSize(file.header) })
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
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength)
}
