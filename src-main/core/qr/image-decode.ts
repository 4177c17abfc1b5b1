// PNG/JPEG bytes → RGBA pixels. The header is read and the pixel budget checked first; only then
// do the decoders allocate.
import { PNG } from 'pngjs'
import jpeg from 'jpeg-js'
import { CairnError } from '../errors.ts'
import { checkPixelBudget, readImageHeader } from './image-header.ts'
import { decodePngFast } from './png-decode.ts'
import type { RawImage } from './raw-image.ts'

export function decodeImage(bytes: Uint8Array, maxPixels: number): RawImage {
  const header = readImageHeader(bytes)
  checkPixelBudget(header.width, header.height, maxPixels)
  const decoded = header.format === 'png' ? decodePng(bytes) : decodeJpeg(bytes, maxPixels)
  if (decoded.width !== header.width || decoded.height !== header.height) {
    throw new CairnError('MALFORMED_IMAGE', `Damaged ${header.format.toUpperCase()} file`)
  }
  return decoded
}

function decodePng(bytes: Uint8Array): RawImage {
  const fast = decodePngFast(bytes)
  if (fast) return fast
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const png = PNG.sync.read(buffer)
    const pixels = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength)
    return { pixels, width: png.width, height: png.height, format: 'rgba' }
  } catch (cause) {
    throw new CairnError('MALFORMED_IMAGE', describePngFailure(cause), { cause })
  }
}

function decodeJpeg(bytes: Uint8Array, maxPixels: number): RawImage {
  try {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: maxPixels / 1e6,
    })
    return { pixels: image.data, width: image.width, height: image.height, format: 'rgba' }
  } catch (cause) {
    throw new CairnError('MALFORMED_IMAGE', 'Damaged or truncated JPEG file', { cause })
  }
}

function describePngFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : ''
  // pngjs reports a cut-off stream as pending read requests on a finished stream.
  if (/finished stream|unexpected end/i.test(message)) return 'Truncated PNG file'
  return 'Damaged PNG file'
}
