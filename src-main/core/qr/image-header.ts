// Reads an image's format and dimensions before anything the size of the image is allocated, so an
// oversized or foreign file is refused first. The decoders size their buffers from whichever size
// header they meet last, so a file with a second one (a 1×1 IHDR followed by an 8000×8000 one) is
// refused here too: the size checked must be the size decoded.
import { CairnError } from '../errors.ts'

export type ImageFormat = 'png' | 'jpeg'

export interface ImageHeader {
  format: ImageFormat
  width: number
  height: number
}

/**
 * 34 megapixels: an 8K screen (7680×4320) is 33.2 MP, anything larger is not a screenshot. A few
 * kilobytes of PNG can claim this many pixels, so it also bounds what a hostile file costs.
 */
export const DEFAULT_MAX_PIXELS = 34_000_000

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Formats we recognise but do not decode, so the message can say what the file is. */
const OTHER_FORMATS: { name: string; matches: (b: Uint8Array) => boolean }[] = [
  { name: 'GIF', matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { name: 'BMP', matches: (b) => ascii(b, 0, 2) === 'BM' },
  { name: 'WebP', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { name: 'TIFF', matches: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { name: 'HEIF/AVIF', matches: (b) => ascii(b, 4, 4) === 'ftyp' },
]

const isJpeg = (b: Uint8Array) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff

/** Whether the bytes start like an image file of any format we recognise (decodable or not). */
export function looksLikeImage(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, PNG_SIGNATURE) || isJpeg(bytes) || OTHER_FORMATS.some((f) => f.matches(bytes))
  )
}

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (startsWith(bytes, PNG_SIGNATURE)) return readPngHeader(bytes)
  if (isJpeg(bytes)) return readJpegHeader(bytes)
  const other = OTHER_FORMATS.find((f) => f.matches(bytes))
  if (other) {
    throw new CairnError(
      'UNSUPPORTED',
      `${other.name} images are not supported: use a PNG or JPEG screenshot`,
    )
  }
  throw new CairnError('MALFORMED_IMAGE', 'Not an image: expected a PNG or JPEG file')
}

/** Throws IMAGE_TOO_LARGE unless width × height fits the pixel budget. */
export function checkPixelBudget(width: number, height: number, maxPixels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new CairnError('MALFORMED_IMAGE', `Invalid image size ${width}×${height}`)
  }
  if (width * height > maxPixels) {
    throw new CairnError(
      'IMAGE_TOO_LARGE',
      `Image is ${width}×${height} (${megapixels(width * height)} MP), over the ${megapixels(maxPixels)} MP limit (a screenshot of an 8K screen is 33.2 MP): crop it to the QR code`,
    )
  }
}

function readPngHeader(bytes: Uint8Array): ImageHeader {
  // Signature (8), IHDR length (4) and type (4), then width and height (4 each).
  if (bytes.length < 33) throw truncated('PNG')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR') {
    throw new CairnError('MALFORMED_IMAGE', 'Damaged PNG: the IHDR header is missing')
  }
  // The other chunk headers, up to IEND (where the decoder stops) or as far as the file goes: a
  // truncated file is the decoder's to report, after the size check.
  for (let pos = 33; pos + 8 <= bytes.length; pos += 12 + view.getUint32(pos)) {
    const type = ascii(bytes, pos + 4, 4)
    if (type === 'IEND') break
    if (type === 'IHDR') {
      throw new CairnError('MALFORMED_IMAGE', 'Damaged PNG: more than one IHDR header')
    }
  }
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) }
}

// Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
const isStartOfFrame = (m: number) =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc

const START_OF_SCAN = 0xda
const END_OF_IMAGE = 0xd9

/**
 * Walks the segments up to the end of the image, skipping the compressed data after each
 * start-of-scan, and returns the one frame header's size. A second frame header is refused. Once
 * the frame is known, a file that ends early or holds bytes we cannot walk is jpeg-js's to judge
 * (it refuses more than one frame too, after allocating for each).
 */
function readJpegHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let header: ImageHeader | null = null
  let i = 2
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) {
      if (header) return header
      throw new CairnError('MALFORMED_IMAGE', 'Damaged JPEG: a segment marker is missing')
    }
    while (i < bytes.length && bytes[i] === 0xff) i++ // fill bytes
    if (i >= bytes.length) break
    const marker = bytes[i] as number
    i++
    // Markers without a length field.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue
    if (marker === END_OF_IMAGE && header) break
    if ((marker === START_OF_SCAN || marker === END_OF_IMAGE) && !header) {
      throw new CairnError('MALFORMED_IMAGE', 'Damaged JPEG: no frame header before the image data')
    }
    if (i + 2 > bytes.length) break
    const length = view.getUint16(i)
    if (length < 2) {
      if (header) return header
      throw new CairnError('MALFORMED_IMAGE', 'Damaged JPEG: bad segment length')
    }
    if (isStartOfFrame(marker)) {
      if (header) {
        throw new CairnError('MALFORMED_IMAGE', 'Damaged JPEG: more than one frame header')
      }
      if (i + 7 > bytes.length) break
      const height = view.getUint16(i + 3)
      const width = view.getUint16(i + 5)
      if (height === 0) {
        throw new CairnError(
          'UNSUPPORTED',
          'JPEG files that give their height later are not supported',
        )
      }
      header = { format: 'jpeg', width, height }
    }
    i += length
    if (marker === START_OF_SCAN) i = afterScanData(bytes, i)
  }
  if (header) return header
  throw truncated('JPEG')
}

/** Where the marker after a scan's compressed data starts (or the file's end). In that data a
 * 0xFF byte is followed by 0x00 (a stuffed byte), a restart marker, or more 0xFF (fill). */
function afterScanData(bytes: Uint8Array, from: number): number {
  let i = from
  for (;;) {
    i = bytes.indexOf(0xff, i)
    if (i === -1 || i + 1 >= bytes.length) return bytes.length
    const next = bytes[i + 1] as number
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2
    else if (next === 0xff) i += 1
    else return i
  }
}

function truncated(format: string): CairnError {
  return new CairnError('MALFORMED_IMAGE', `Truncated ${format} file: the header is incomplete`)
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}

function megapixels(pixels: number): string {
  return (pixels / 1e6).toFixed(1)
}
