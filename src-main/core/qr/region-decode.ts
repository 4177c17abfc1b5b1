// Decodes one region of the image with jsQR: the region is cut out as grey RGBA, shrunk by an
// integer factor when its modules are large (jsQR's cost grows with pixels, and 3-4 px per module
// is plenty for it), and inverted when the code is light-on-dark.
import jsQRModule from 'jsqr'
import { resampleGrey } from './grid-resample.ts'
import type { CellGrid, GreyRgba } from './grid-resample.ts'
import { pixelLayout } from './raw-image.ts'
import type { RawImage } from './raw-image.ts'

// jsqr is a CommonJS bundle typed as an ES module: Node hands over the function itself, a bundler
// may hand over the exports object.
type JsQr = typeof jsQRModule.default
const loaded = jsQRModule as unknown as JsQr | { default: JsQr }
const jsQR: JsQr = typeof loaded === 'function' ? loaded : loaded.default

export interface Point {
  x: number
  y: number
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface RegionCode {
  text: string
  bytes: Uint8Array
  /** Corners of the symbol in image pixels: top-left, top-right, bottom-right, bottom-left. */
  corners: [Point, Point, Point, Point]
  /** Centres of its three finder patterns in image pixels. */
  finders: [Point, Point, Point]
}

/** jsQR's binarizer works on 8-px regions over a 5×5 neighbourhood: give it at least that. */
const MIN_CROP_SIDE = 48

export function decodeRegion(
  image: RawImage,
  region: Box,
  shrink: number,
  inverted: boolean,
): RegionCode | null {
  return decodeCrop(cropGrey(image, region, shrink, inverted), region.x, region.y, shrink)
}

/** Decodes the cells of a grid laid over the image (see grid-resample.ts). */
export function decodeGrid(image: RawImage, grid: CellGrid, inverted: boolean): RegionCode | null {
  return decodeCrop(resampleGrey(image, grid, inverted), grid.x, grid.y, grid.step)
}

/** jsQR on a grey crop whose pixel (u, v) sits at image pixel (x + u × scale, y + v × scale). */
function decodeCrop(crop: GreyRgba, x: number, y: number, scale: number): RegionCode | null {
  // jsQR keeps its options in a shared object: always pass the inversion setting explicitly.
  const result = jsQR(crop.data, crop.width, crop.height, { inversionAttempts: 'dontInvert' })
  if (!result) return null
  const toImage = (p: Point): Point => ({ x: x + p.x * scale, y: y + p.y * scale })
  const l = result.location
  return {
    text: result.data,
    bytes: Uint8Array.from(result.binaryData),
    corners: [
      toImage(l.topLeftCorner),
      toImage(l.topRightCorner),
      toImage(l.bottomRightCorner),
      toImage(l.bottomLeftCorner),
    ],
    finders: [
      toImage(l.topLeftFinderPattern),
      toImage(l.topRightFinderPattern),
      toImage(l.bottomLeftFinderPattern),
    ],
  }
}

/** Clamps a box to the image. */
export function clampBox(box: Box, width: number, height: number): Box {
  const x0 = Math.max(0, Math.floor(box.x))
  const y0 = Math.max(0, Math.floor(box.y))
  const x1 = Math.min(width, Math.ceil(box.x + box.width))
  const y1 = Math.min(height, Math.ceil(box.y + box.height))
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) }
}

function cropGrey(image: RawImage, region: Box, shrink: number, inverted: boolean): GreyRgba {
  const cropWidth = Math.floor(region.width / shrink)
  const cropHeight = Math.floor(region.height / shrink)
  // Small crops are padded with the quiet-zone colour (light once inverted).
  const width = Math.max(MIN_CROP_SIDE, cropWidth)
  const height = Math.max(MIN_CROP_SIDE, cropHeight)
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  for (let cy = 0; cy < cropHeight; cy++) {
    const from = (region.y + cy * shrink) * image.width + region.x
    const to = cy * width * 4
    if (image.format === 'grey' && shrink === 1) {
      copyGreyRow(image.pixels, from, data, to, cropWidth, inverted)
    } else {
      shrinkRow(image, from, shrink, data, to, cropWidth, inverted)
    }
  }
  return { data, width, height }
}

/** One row of a luminance plane, as it is, into grey RGBA. */
function copyGreyRow(
  pixels: Uint8Array,
  from: number,
  data: Uint8ClampedArray,
  to: number,
  count: number,
  inverted: boolean,
): void {
  const flip = inverted ? 255 : 0
  for (let x = 0, o = to; x < count; x++, o += 4) {
    const v = flip ^ pixels[from + x]!
    data[o] = v
    data[o + 1] = v
    data[o + 2] = v
  }
}

/**
 * One crop row: the mean luma of each `shrink` × `shrink` block of pixels starting at pixel index
 * `from`, into grey RGBA.
 */
function shrinkRow(
  image: RawImage,
  from: number,
  shrink: number,
  data: Uint8ClampedArray,
  to: number,
  count: number,
  inverted: boolean,
): void {
  const { pixels, width: imageWidth } = image
  const { channels, red, green, blue } = pixelLayout(image.format)
  const area = shrink * shrink
  for (let cx = 0; cx < count; cx++) {
    let sum = 0
    for (let sy = 0; sy < shrink; sy++) {
      let i = (from + sy * imageWidth + cx * shrink) * channels
      for (let sx = 0; sx < shrink; sx++, i += channels) {
        sum += (pixels[i + red]! * 77 + pixels[i + green]! * 150 + pixels[i + blue]! * 29) >> 8
      }
    }
    let v = Math.round(sum / area)
    if (inverted) v = 255 - v
    const o = to + cx * 4
    data[o] = v
    data[o + 1] = v
    data[o + 2] = v
  }
}
