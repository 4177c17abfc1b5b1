// Dark/light decisions for the finder search, computed once per image. Only every `rowStep`-th row
// is read up front (the row scan reads nothing else); any other pixel is read on demand by the
// cross-checks. A luminance plane is read in place; colour pixels of the sampled rows are
// converted to luma into a buffer of their own. Thresholds are local: per block the midpoint of
// its darkest and lightest sample, smoothed over the 5×5 neighbouring blocks, as in a hybrid
// binarizer, so dark themes, gradients and light-on-dark codes binarize as well as black on white.
import { pixelLayout } from './raw-image.ts'
import type { RawImage } from './raw-image.ts'

export const BLOCK_WIDTH = 16
/** Below this spread a block is taken as flat (one colour), not as an edge. */
const MIN_CONTRAST = 24

/** What every sampled pixel of a block is, against the block's threshold. */
export const MIXED = 0
export const ALL_LIGHT = 1
export const ALL_DARK = 2

export class SampledBinarizer {
  readonly width: number
  readonly height: number
  readonly rowStep: number
  /** Luma of the sampled rows: sampled row r (image row r × rowStep) starts at r × rowStride. */
  readonly rows: Uint8Array
  readonly rowStride: number
  readonly rowCount: number
  /** Per block threshold: a pixel is dark when luma <= threshold. */
  readonly thresholds: Uint8Array
  /** Per block: MIXED, or ALL_LIGHT / ALL_DARK when every sampled pixel in it is that. */
  readonly uniform: Uint8Array
  /**
   * Per sampled row and block (r × blocksAcross + block), the darkest and lightest pixel of the
   * row's stretch of the block: in a MIXED block, a stretch all on one side of the threshold (the
   * gap between two lines of text) is still one run for the row scan.
   */
  readonly stretchMin: Uint8Array
  readonly stretchMax: Uint8Array
  readonly blocksAcross: number
  private readonly blocksDown: number
  private readonly blockRowOfY: Int32Array
  private readonly rowsPerBlock: number
  private readonly pixels: Uint8Array
  private readonly channels: number
  private readonly red: number
  private readonly green: number
  private readonly blue: number

  constructor(image: RawImage, rowStep: number) {
    this.width = image.width
    this.height = image.height
    this.pixels = image.pixels
    const layout = pixelLayout(image.format)
    this.channels = layout.channels
    this.red = layout.red
    this.green = layout.green
    this.blue = layout.blue
    this.rowStep = rowStep
    this.rowCount = Math.ceil(image.height / rowStep)
    this.rowsPerBlock = Math.max(2, Math.ceil(BLOCK_WIDTH / rowStep))
    this.blocksAcross = Math.ceil(image.width / BLOCK_WIDTH)
    this.blocksDown = Math.ceil(this.rowCount / this.rowsPerBlock)
    if (image.format === 'grey') {
      this.rows = image.pixels
      this.rowStride = rowStep * image.width
    } else {
      this.rows = new Uint8Array(this.rowCount * this.width)
      this.rowStride = this.width
    }
    this.thresholds = new Uint8Array(this.blocksAcross * this.blocksDown)
    this.uniform = new Uint8Array(this.blocksAcross * this.blocksDown)
    this.stretchMin = new Uint8Array(this.rowCount * this.blocksAcross)
    this.stretchMax = new Uint8Array(this.rowCount * this.blocksAcross)
    this.blockRowOfY = new Int32Array(image.height)
    for (let y = 0; y < image.height; y++) {
      const by = Math.floor(Math.floor(y / rowStep) / this.rowsPerBlock)
      this.blockRowOfY[y] = Math.min(this.blocksDown - 1, by) * this.blocksAcross
    }
    this.sampleRows()
  }

  luma(x: number, y: number): number {
    const p = this.pixels
    if (this.channels === 1) return p[y * this.width + x]!
    const i = (y * this.width + x) * this.channels
    return (
      ((p[i + this.red] as number) * 77 +
        (p[i + this.green] as number) * 150 +
        (p[i + this.blue] as number) * 29) >>
      8
    )
  }

  /** Index into `thresholds` of the first block of the block row holding image row y. */
  blockRowOffset(y: number): number {
    return this.blockRowOfY[y] as number
  }

  isDark(x: number, y: number): boolean {
    return (
      this.luma(x, y) <= (this.thresholds[(this.blockRowOfY[y] as number) + (x >> 4)] as number)
    )
  }

  /**
   * How many pixels from (x, y) on, stepping (dx, dy), are dark (or light, `dark` false) in a row,
   * counting at most `limit`; the caller keeps the walk inside the image.
   */
  run(x: number, y: number, dx: number, dy: number, dark: boolean, limit: number): number {
    const { pixels, width, thresholds, blockRowOfY } = this
    let n = 0
    if (this.channels === 1) {
      // A luminance plane: walk the index, the threshold looked up as the walk crosses blocks.
      const di = dy * width + dx
      for (let i = y * width + x; n < limit; n++, i += di, x += dx, y += dy) {
        if (pixels[i]! <= thresholds[blockRowOfY[y]! + (x >> 4)]! !== dark) break
      }
      return n
    }
    for (; n < limit; n++, x += dx, y += dy) {
      if (this.isDark(x, y) !== dark) break
    }
    return n
  }

  private sampleRows(): void {
    const { width, rowStride, rows, blocksAcross } = this
    const blockCount = this.thresholds.length
    const min = new Uint8Array(blockCount).fill(255)
    const max = new Uint8Array(blockCount)
    const grey = this.channels === 1
    // Rows read four bytes at a time where they sit on 4-byte boundaries (see blockRange).
    const words =
      (rows.byteOffset + rowStride) % 4 === 0 && rows.byteOffset % 4 === 0
        ? new Int32Array(rows.buffer, rows.byteOffset, rows.length >> 2)
        : null
    // Colour pixels read one 4-byte word each where they sit on word boundaries.
    const pixelWords =
      !grey && LITTLE_ENDIAN && this.pixels.byteOffset % 4 === 0
        ? new Int32Array(this.pixels.buffer, this.pixels.byteOffset, this.pixels.length >> 2)
        : null
    for (let r = 0; r < this.rowCount; r++) {
      const blockRow = Math.floor(r / this.rowsPerBlock) * blocksAcross
      if (!grey) {
        const src = r * this.rowStep * width * this.channels
        if (pixelWords) {
          lumaRowOfWords(
            pixelWords,
            src >> 2,
            this.red,
            this.green,
            this.blue,
            rows,
            r * width,
            width,
          )
        } else {
          lumaRow(
            this.pixels,
            src,
            this.channels,
            this.red,
            this.green,
            this.blue,
            rows,
            r * width,
            width,
          )
        }
      }
      blockRange(
        rows,
        words,
        r * rowStride,
        width,
        min,
        max,
        blockRow,
        this.stretchMin,
        this.stretchMax,
        r * blocksAcross,
      )
    }
    this.computeThresholds(min, max)
    for (let b = 0; b < blockCount; b++) {
      const t = this.thresholds[b]!
      this.uniform[b] = max[b]! <= t ? ALL_DARK : min[b]! > t ? ALL_LIGHT : MIXED
    }
  }

  private computeThresholds(min: Uint8Array, max: Uint8Array): void {
    const across = this.blocksAcross
    const down = this.blocksDown
    const blackPoints = new Float32Array(across * down)
    for (let by = 0; by < down; by++) {
      for (let bx = 0; bx < across; bx++) {
        const b = by * across + bx
        const lo = min[b] as number
        const hi = max[b] as number
        let point = (lo + hi) / 2
        if (hi - lo <= MIN_CONTRAST) {
          // A flat block: call it light, unless it is darker than its already-judged neighbours
          // (the inside of a large dark module), whose estimate then carries over.
          point = lo / 2
          if (by > 0 && bx > 0) {
            const neighbours =
              ((blackPoints[b - across] as number) +
                2 * (blackPoints[b - 1] as number) +
                (blackPoints[b - across - 1] as number)) /
              4
            if (lo < neighbours) point = neighbours
          }
        }
        blackPoints[b] = point
      }
    }
    // Smooth over the 5×5 neighbouring blocks (fewer at the image border): sums of five down each
    // column first, then of five of those across.
    const columns = new Float64Array(across * down)
    for (let by = 0; by < down; by++) {
      const top = Math.max(0, by - 2)
      const bottom = Math.min(down - 1, by + 2)
      for (let bx = 0; bx < across; bx++) {
        let sum = 0
        for (let yy = top; yy <= bottom; yy++) sum += blackPoints[yy * across + bx] as number
        columns[by * across + bx] = sum
      }
    }
    for (let by = 0; by < down; by++) {
      const top = Math.max(0, by - 2)
      const bottom = Math.min(down - 1, by + 2)
      const row = by * across
      for (let bx = 0; bx < across; bx++) {
        const left = Math.max(0, bx - 2)
        const right = Math.min(across - 1, bx + 2)
        let sum = 0
        for (let xx = left; xx <= right; xx++) sum += columns[row + xx] as number
        this.thresholds[by * across + bx] = sum / ((bottom - top + 1) * (right - left + 1))
      }
    }
  }
}

/** One row of colour pixels to luma (the scanner's weighting), into `out` at `to`. */
function lumaRow(
  pixels: Uint8Array,
  from: number,
  channels: number,
  red: number,
  green: number,
  blue: number,
  out: Uint8Array,
  to: number,
  width: number,
): void {
  for (let x = 0, src = from; x < width; x++, src += channels) {
    out[to + x] =
      (pixels[src + red]! * 77 + pixels[src + green]! * 150 + pixels[src + blue]! * 29) >> 8
  }
}

/** Whether a 4-byte word holds a pixel's first byte in its lowest 8 bits. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * lumaRow for 4-byte pixels read as little-endian words (red, green and blue given as byte
 * offsets); a pixel equal to the one before it (most of a screen) reuses its luma.
 */
function lumaRowOfWords(
  words: Int32Array,
  from: number,
  red: number,
  green: number,
  blue: number,
  out: Uint8Array,
  to: number,
  width: number,
): void {
  const rs = red * 8
  const gs = green * 8
  const bs = blue * 8
  let last = 0
  let luma = 0
  for (let x = 0; x < width; x++) {
    const w = words[from + x]!
    if (x === 0 || w !== last) {
      luma = (((w >>> rs) & 255) * 77 + ((w >>> gs) & 255) * 150 + ((w >>> bs) & 255) * 29) >> 8
      last = w
    }
    out[to + x] = luma
  }
}

/**
 * The darkest and lightest pixel of each 16-pixel stretch of one row, into stretchMin and
 * stretchMax from index `stretch` on, and widening each block's (from `block` on) with them. Given
 * `words` (the rows as 4-byte words, the row starting on a word), a stretch of one value (most of
 * a screen) is recognised from four words instead of read pixel by pixel.
 */
function blockRange(
  rows: Uint8Array,
  words: Int32Array | null,
  at: number,
  width: number,
  min: Uint8Array,
  max: Uint8Array,
  block: number,
  stretchMin: Uint8Array,
  stretchMax: Uint8Array,
  stretch: number,
): void {
  for (let x0 = 0, b = block, s = stretch; x0 < width; x0 += BLOCK_WIDTH, b++, s++) {
    const end = at + Math.min(width, x0 + BLOCK_WIDTH)
    let lo = 255
    let hi = 0
    if (words && end - at - x0 === BLOCK_WIDTH) {
      const k = (at + x0) >> 2
      const w = words[k]!
      // All four bytes of the word alike, and the next three words the same word.
      if (
        ((w ^ (w >>> 8)) & 0xffffff) === 0 &&
        w === words[k + 1] &&
        w === words[k + 2] &&
        w === words[k + 3]
      ) {
        const v = w & 255
        stretchMin[s] = v
        stretchMax[s] = v
        if (v < min[b]!) min[b] = v
        if (v > max[b]!) max[b] = v
        continue
      }
    }
    for (let i = at + x0; i < end; i++) {
      const v = rows[i]!
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    stretchMin[s] = lo
    stretchMax[s] = hi
    if (lo < min[b]!) min[b] = lo
    if (hi > max[b]!) max[b] = hi
  }
}
