// PNG/JPEG bytes → pixels: the luminance alone (all the scanner reads) for PNGs and for the JPEGs
// screenshots are (other JPEGs go to jpeg-js, as RGBA). The header is read (refusing files with a second one) and the
// pixel budget checked first; only then do the decoders allocate, within bounds set from it.
import jpeg from 'jpeg-js'
import { CairnError } from '../errors.ts'
import { checkPixelBudget, readImageHeader } from './image-header.ts'
import { decodeJpegLuma } from './jpeg-luma.ts'
import { checkPngBudget, readPngFile } from './png-file.ts'
import { decodePngLuma } from './png-luma.ts'
import type { RawImage } from './raw-image.ts'

export function decodeImage(bytes: Uint8Array, maxPixels: number): RawImage {
  const header = readImageHeader(bytes)
  checkPixelBudget(header.width, header.height, maxPixels)
  const decoded =
    header.format === 'png' ? decodePngFile(bytes, maxPixels) : decodeJpeg(bytes, maxPixels)
  if (decoded.width !== header.width || decoded.height !== header.height) {
    throw new CairnError('MALFORMED_IMAGE', `Damaged ${header.format.toUpperCase()} file`)
  }
  return decoded
}

function decodePngFile(bytes: Uint8Array, maxPixels: number): RawImage {
  const file = readPngFile(bytes)
  checkPngBudget(file.header, maxPixels)
  return decodePngLuma(file)
}

/**
 * jpeg-js (progressive, RGB and CMYK files) holds the DCT coefficients (4 bytes a sample), the
 * component planes and the output at once: about 14 bytes a pixel for a 4:2:0 file, 22 for 4:4:4
 * (an 8K 4:4:4 file needs 730 MB, over jpeg-js's default 512 MB). Its cap is set from our pixel
 * budget instead.
 */
const JPEG_BYTES_PER_PIXEL = 16

function decodeJpeg(bytes: Uint8Array, maxPixels: number): RawImage {
  const luma = decodeJpegLuma(bytes, maxPixels)
  if (luma) return luma
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
