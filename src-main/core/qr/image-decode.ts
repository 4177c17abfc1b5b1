// PNG/JPEG bytes → RGBA pixels. The header is read (refusing files with a second one) and the
// pixel budget checked first; only then do the decoders allocate, within bounds set from it.
import { PNG } from 'pngjs'
import jpeg from 'jpeg-js'
import { CairnError } from '../errors.ts'
import { checkPixelBudget, readImageHeader } from './image-header.ts'
import { decodePngFast } from './png-decode.ts'
import { checkPngBudget, inflateImageData, readPngFile } from './png-file.ts'
import type { RawImage } from './raw-image.ts'

export function decodeImage(bytes: Uint8Array, maxPixels: number): RawImage {
  const header = readImageHeader(bytes)
  checkPixelBudget(header.width, header.height, maxPixels)
  const decoded =
    header.format === 'png' ? decodePng(bytes, maxPixels) : decodeJpeg(bytes, maxPixels)
  if (decoded.width !== header.width || decoded.height !== header.height) {
    throw new CairnError('MALFORMED_IMAGE', `Damaged ${header.format.toUpperCase()} file`)
  }
  return decoded
}

function decodePng(bytes: Uint8Array, maxPixels: number): RawImage {
  const file = readPngFile(bytes)
  checkPngBudget(file.header, maxPixels)
  const fast = decodePngFast(file)
  if (fast) return fast
  // pngjs bounds what it inflates by the header's size, except for interlaced images: inflate
  // those once within that size first (a second pass, for a kind of file screenshots never are).
  if (file.header.interlaced) inflateImageData(file)
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const png = PNG.sync.read(buffer)
    const pixels = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength)
    return { pixels, width: png.width, height: png.height, format: 'rgba' }
  } catch (cause) {
    throw new CairnError('MALFORMED_IMAGE', describePngFailure(cause), { cause })
  }
}

/**
 * jpeg-js holds the DCT coefficients (4 bytes a sample), the component planes and the output at
 * once: about 14 bytes a pixel for a 4:2:0 file, 22 for 4:4:4 (an 8K 4:4:4 screenshot needs 730
 * MB, over jpeg-js's default 512 MB). Its cap is set from our pixel budget instead.
 */
const JPEG_BYTES_PER_PIXEL = 16

function decodeJpeg(bytes: Uint8Array, maxPixels: number): RawImage {
  const maxMemoryUsageInMB = Math.ceil((maxPixels * JPEG_BYTES_PER_PIXEL) / 2 ** 20)
  try {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB,
    })
    return { pixels: image.data, width: image.width, height: image.height, format: 'rgba' }
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : ''
    if (/maxMemoryUsageInMB|maxResolutionInMP/.test(message)) {
      throw new CairnError(
        'IMAGE_TOO_LARGE',
        `This JPEG needs more than ${maxMemoryUsageInMB} MB to decode: save the screenshot as PNG or at a lower resolution`,
        { cause },
      )
    }
    throw new CairnError('MALFORMED_IMAGE', 'Damaged or truncated JPEG file', { cause })
  }
}

function describePngFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : ''
  // pngjs reports a cut-off stream as pending read requests on a finished stream.
  if (/finished stream|unexpected end/i.test(message)) return 'Truncated PNG file'
  return 'Damaged PNG file'
}
