// Resamples part of an image onto a grid of square cells, each cell the exact mean luma of the
// image area it covers (a box filter with fractional edges), as grey RGBA for jsQR. Laid on a
// code's module edges with two cells a module, every cell falls inside one module: a code drawn
// with 3-px modules becomes a clean 2-px one, with under half the pixels for jsQR to read.
import { pixelLayout } from './raw-image.ts'
import type { RawImage } from './raw-image.ts'

export interface GreyRgba {
  data: Uint8ClampedArray
  width: number
  height: number
}

/** A grid of `width` × `height` cells of `step` image pixels, its first cell's corner at (x, y). */
export interface CellGrid {
  x: number
  y: number
  step: number
  width: number
  height: number
}

/**
 * The grid's cells as grey RGBA, inverted for a light-on-dark code. A cell partly outside the
 * image is the mean of its part inside; a cell wholly outside is light (a quiet zone).
 */
export function resampleGrey(image: RawImage, grid: CellGrid, inverted: boolean): GreyRgba {
  const { width, height, step } = grid
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  // The image window the grid covers.
  const wx0 = clamp(Math.floor(grid.x), 0, image.width)
  const wy0 = clamp(Math.floor(grid.y), 0, image.height)
  const wx1 = clamp(Math.ceil(grid.x + width * step), 0, image.width)
  const wy1 = clamp(Math.ceil(grid.y + height * step), 0, image.height)
  const ww = wx1 - wx0
  const wh = wy1 - wy0
  if (ww <= 0 || wh <= 0) return { data, width, height }
  const cols = edges(grid.x - wx0, step, width, ww)
  const rows = edges(grid.y - wy0, step, height, wh)
  const { pixels, width: imageWidth } = image
  const { channels, red, green, blue } = pixelLayout(image.format)
  // Each image row once: its integral up to every column edge (a running sum plus the part of
  // the pixel the edge cuts), differenced into the cells, added to the cell rows it overlaps.
  const sums = new Float64Array(width * height)
  const atEdges = new Float64Array(width + 1)
  const line = channels === 1 ? pixels : new Uint8Array(ww)
  let firstRow = 0
  for (let y = 0; y < wh; y++) {
    let at = (wy0 + y) * imageWidth + wx0
    if (channels !== 1) {
      for (let x = 0, i = at * channels; x < ww; x++, i += channels) {
        line[x] = (pixels[i + red]! * 77 + pixels[i + green]! * 150 + pixels[i + blue]! * 29) >> 8
      }
      at = 0
    }
    let sum = 0
    let x = 0
    for (let i = 0; i <= width; i++) {
      const k = cols.index[i]!
      while (x < k) sum += line[at + x++]!
      atEdges[i] = sum + cols.fraction[i]! * line[at + k]!
    }
    while (firstRow < height && rows.position[firstRow + 1]! <= y) firstRow++
    for (let j = firstRow; j < height && rows.position[j]! < y + 1; j++) {
      const weight = Math.min(y + 1, rows.position[j + 1]!) - Math.max(y, rows.position[j]!)
      if (weight <= 0) continue
      for (let i = 0, o = j * width; i < width; i++, o++) {
        sums[o] = sums[o]! + weight * (atEdges[i + 1]! - atEdges[i]!)
      }
    }
  }
  for (let j = 0; j < height; j++) {
    const cellHeight = rows.position[j + 1]! - rows.position[j]!
    for (let i = 0; i < width; i++) {
      const area = (cols.position[i + 1]! - cols.position[i]!) * cellHeight
      if (area <= 1e-9) continue
      let v = Math.round(sums[j * width + i]! / area)
      if (inverted) v = 255 - v
      const o = (j * width + i) * 4
      data[o] = v
      data[o + 1] = v
      data[o + 2] = v
    }
  }
  return { data, width, height }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v
}

interface Edges {
  /** Each edge's position in the window, clamped to it. */
  position: Float64Array
  /** The pixel it falls in (the last one for the far edge) and how far into it. */
  index: Int32Array
  fraction: Float64Array
}

function edges(start: number, step: number, cells: number, size: number): Edges {
  const position = new Float64Array(cells + 1)
  const index = new Int32Array(cells + 1)
  const fraction = new Float64Array(cells + 1)
  for (let i = 0; i <= cells; i++) {
    const p = clamp(start + i * step, 0, size)
    const k = Math.min(Math.floor(p), size - 1)
    position[i] = p
    index[i] = k
    fraction[i] = p - k
  }
  return { position, index, fraction }
}
