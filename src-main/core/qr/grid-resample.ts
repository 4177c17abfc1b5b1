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
  // The image window the grid covers, and a summed-area table over it: the integral of a
  // piecewise-constant image at a fractional point is the bilinear blend of the table around it.
  const wx0 = clamp(Math.floor(grid.x), 0, image.width)
  const wy0 = clamp(Math.floor(grid.y), 0, image.height)
  const wx1 = clamp(Math.ceil(grid.x + width * step), 0, image.width)
  const wy1 = clamp(Math.ceil(grid.y + height * step), 0, image.height)
  const ww = wx1 - wx0
  const wh = wy1 - wy0
  if (ww <= 0 || wh <= 0) return { data, width, height }
  const sat = summedLuma(image, wx0, wy0, ww, wh)

  const cols = edges(grid.x - wx0, step, width, ww)
  const rows = edges(grid.y - wy0, step, height, wh)
  // The table blended at every column edge, for every table row.
  const across = width + 1
  const satStride = ww + 1
  const atColumns = new Float64Array(across * (wh + 1))
  for (let r = 0; r <= wh; r++) {
    const from = r * satStride
    for (let i = 0; i <= width; i++) {
      const k = cols.index[i]!
      const f = cols.fraction[i]!
      atColumns[r * across + i] = sat[from + k]! * (1 - f) + sat[from + k + 1]! * f
    }
  }
  // ...and then at every row edge: the integral up to each grid corner.
  const corners = new Float64Array(across * (height + 1))
  for (let j = 0; j <= height; j++) {
    const l = rows.index[j]!
    const g = rows.fraction[j]!
    for (let i = 0; i <= width; i++) {
      corners[j * across + i] =
        atColumns[l * across + i]! * (1 - g) + atColumns[(l + 1) * across + i]! * g
    }
  }
  for (let j = 0; j < height; j++) {
    const cellHeight = rows.position[j + 1]! - rows.position[j]!
    for (let i = 0; i < width; i++) {
      const area = (cols.position[i + 1]! - cols.position[i]!) * cellHeight
      if (area <= 1e-9) continue
      const top = j * across + i
      const bottom = top + across
      const sum = corners[bottom + 1]! - corners[bottom]! - corners[top + 1]! + corners[top]!
      let v = Math.round(sum / area)
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
  /** The table index at or before it (never the last, so index + 1 exists) and the rest. */
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

/** Summed-area table of the luma of a window: entry (r, c) sums the r × c pixels above-left. */
function summedLuma(image: RawImage, x0: number, y0: number, w: number, h: number): Float64Array {
  const { pixels, width: imageWidth } = image
  const { channels, red, green, blue } = pixelLayout(image.format)
  const stride = w + 1
  const sat = new Float64Array(stride * (h + 1))
  for (let y = 0; y < h; y++) {
    let rowSum = 0
    let i = ((y0 + y) * imageWidth + x0) * channels
    const above = y * stride
    const here = above + stride
    for (let x = 0; x < w; x++, i += channels) {
      rowSum +=
        channels === 1
          ? pixels[i]!
          : (pixels[i + red]! * 77 + pixels[i + green]! * 150 + pixels[i + blue]! * 29) >> 8
      sat[here + x + 1] = sat[above + x + 1]! + rowSum
    }
  }
  return sat
}
