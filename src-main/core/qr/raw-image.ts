// Raw pixels as the scanner reads them: 8-bit, rows packed, four channels per pixel or one (grey).
// Electron's NativeImage.toBitmap() (screen capture, clipboard) gives BGRA on the usual
// little-endian builds; decoded PNG files give RGBA, and JPEG files their luminance alone.
import { CairnError } from '../errors.ts'
import { checkPixelBudget } from './image-header.ts'

export type PixelFormat = 'rgba' | 'bgra' | 'grey'

export interface RawImage {
  pixels: Uint8Array
  width: number
  height: number
  format: PixelFormat
}

/** Bytes per pixel, and where red, green and blue are in a pixel (all one sample for grey). */
export function pixelLayout(format: PixelFormat): {
  channels: number
  red: number
  green: number
  blue: number
} {
  if (format === 'grey') return { channels: 1, red: 0, green: 0, blue: 0 }
  return format === 'rgba'
    ? { channels: 4, red: 0, green: 1, blue: 2 }
    : { channels: 4, red: 2, green: 1, blue: 0 }
}

export function checkRawImage(image: RawImage, maxPixels: number): void {
  checkPixelBudget(image.width, image.height, maxPixels)
  if (image.format !== 'rgba' && image.format !== 'bgra' && image.format !== 'grey') {
    throw new CairnError('INVALID_ARGUMENT', `Unknown pixel format ${String(image.format)}`)
  }
  if (!(image.pixels instanceof Uint8Array)) {
    throw new CairnError('INVALID_ARGUMENT', 'Pixels must be a Uint8Array')
  }
  const expected = image.width * image.height * pixelLayout(image.format).channels
  if (image.pixels.length !== expected) {
    throw new CairnError(
      'MALFORMED_IMAGE',
      `Pixel buffer holds ${image.pixels.length} bytes; ${image.width}×${image.height} ${image.format} needs ${expected}`,
    )
  }
}
