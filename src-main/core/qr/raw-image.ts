// Raw pixels as the scanner reads them: 8-bit, four channels per pixel, rows packed. Electron's
// NativeImage.toBitmap() (screen capture, clipboard) gives BGRA on the usual little-endian builds;
// decoded PNG/JPEG files give RGBA.
import { CairnError } from '../errors.ts'
import { checkPixelBudget } from './image-header.ts'

export type PixelFormat = 'rgba' | 'bgra'

export interface RawImage {
  pixels: Uint8Array
  width: number
  height: number
  format: PixelFormat
}

export function checkRawImage(image: RawImage, maxPixels: number): void {
  checkPixelBudget(image.width, image.height, maxPixels)
  if (image.format !== 'rgba' && image.format !== 'bgra') {
    throw new CairnError('INVALID_ARGUMENT', `Unknown pixel format ${String(image.format)}`)
  }
  if (!(image.pixels instanceof Uint8Array)) {
    throw new CairnError('INVALID_ARGUMENT', 'Pixels must be a Uint8Array')
  }
  const expected = image.width * image.height * 4
  if (image.pixels.length !== expected) {
    throw new CairnError(
      'MALFORMED_IMAGE',
      `Pixel buffer holds ${image.pixels.length} bytes; ${image.width}×${image.height} ${image.format} needs ${expected}`,
    )
  }
}
