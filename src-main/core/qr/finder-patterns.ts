// Finds QR finder patterns (the three nested squares in a code's corners): runs of dark and light
// in the ratio 1:1:3:1:1 on a sampled row, confirmed through the same centre vertically,
// horizontally again and diagonally. Both polarities are searched, so a light-on-dark code is
// found in the same pass as a normal one.
import { ALL_DARK, ALL_LIGHT, BLOCK_WIDTH, MIXED } from './sampled-binarizer.ts'
import type { SampledBinarizer } from './sampled-binarizer.ts'

export interface FinderPattern {
  /** Centre, in image pixels (continuous coordinates: pixel k covers [k, k + 1)). */
  x: number
  y: number
  /** Estimated module size in pixels. */
  module: number
  /** Light centre on dark: the code is drawn light-on-dark. */
  inverted: boolean
  /** How many sampled rows crossed it: a rough confidence. */
  hits: number
}

/** Accepted deviation of each run from its ideal length, as a share of the module size. */
const RUN_TOLERANCE = 0.5
const DIAGONAL_TOLERANCE = 0.75

function runsMatch(
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  tolerance: number,
): boolean {
  const total = a + b + c + d + e
  if (total < 7) return false
  const module = total / 7
  const variance = module * tolerance
  return (
    Math.abs(a - module) < variance &&
    Math.abs(b - module) < variance &&
    Math.abs(c - 3 * module) < 3 * variance &&
    Math.abs(d - module) < variance &&
    Math.abs(e - module) < variance
  )
}

/**
 * Within RUN_TOLERANCE every outer run is under 1.5 modules and the centre over 1.5: a centre run
 * no longer than the others rules a finder out with four integer comparisons (most runs of text).
 */
function centreLongest(a: number, b: number, c: number, d: number, e: number): boolean {
  return c > a && c > b && c > d && c > e
}

interface CrossCheck {
  /** Centre of the middle run along the line, in steps from the start point's pixel origin. */
  center: number
  total: number
}

/**
 * Walks from (x, y) both ways along (dx, dy) and measures the five runs around it. Returns the
 * centre of the middle run (as an offset along the line) and the total length, or null when the
 * runs are not a finder pattern. Runs longer than maxRun end the walk early.
 */
function crossCheck(
  bin: SampledBinarizer,
  x: number,
  y: number,
  dx: number,
  dy: number,
  centerDark: boolean,
  maxRun: number,
  tolerance: number,
): CrossCheck | null {
  // Steps available before leaving the image, backwards and forwards.
  const back = Math.min(dx ? x : Infinity, dy ? y : Infinity)
  const ahead = Math.min(dx ? bin.width - 1 - x : Infinity, dy ? bin.height - 1 - y : Infinity)
  // A run this long is too long: no walk needs to go further.
  const tooLong = Math.floor(maxRun) + 1
  // Backwards: centre (including the start pixel), inner ring, outer ring.
  let k = 0
  let want = centerDark
  const c0 = bin.run(x, y, -dx, -dy, want, Math.min(back + 1, tooLong))
  if (c0 === tooLong || (k += c0) > back) return null
  want = !want
  const b = bin.run(x - k * dx, y - k * dy, -dx, -dy, want, Math.min(back - k + 1, tooLong))
  if (b === tooLong || (k += b) > back) return null
  want = !want
  // Only the outer ring may end at the image edge.
  const a = bin.run(x - k * dx, y - k * dy, -dx, -dy, want, Math.min(back - k + 1, tooLong))
  if (a === tooLong) return null
  const centerStart = 1 - c0
  k = 1
  want = centerDark
  const c1 = k <= ahead ? bin.run(x + dx, y + dy, dx, dy, want, Math.min(ahead, tooLong - c0)) : 0
  if (c0 + c1 >= tooLong || (k += c1) > ahead) return null
  want = !want
  const d = bin.run(x + k * dx, y + k * dy, dx, dy, want, Math.min(ahead - k + 1, tooLong))
  if (d === tooLong || (k += d) > ahead) return null
  want = !want
  const e = bin.run(x + k * dx, y + k * dy, dx, dy, want, Math.min(ahead - k + 1, tooLong))
  if (e === tooLong) return null
  const c = c0 + c1
  if (!runsMatch(a, b, c, d, e, tolerance)) return null
  const centerEnd = centerStart + c
  return { center: (centerStart + centerEnd) / 2, total: a + b + c + d + e }
}

export function findFinderPatterns(bin: SampledBinarizer): FinderPattern[] {
  const found: FinderPattern[] = []
  const { rowStep } = bin

  /** Whether a row through (cx, y), its finder-like runs `rowTotal` long, is a finder's. */
  const consider = (cx: number, y: number, rowTotal: number, centerDark: boolean): boolean => {
    const inverted = !centerDark
    for (const f of found) {
      // Another row through a finder already confirmed.
      if (
        f.inverted === inverted &&
        Math.abs(f.x - cx) <= f.module * 2 &&
        Math.abs(f.y - y) <= f.module * 2.5
      ) {
        f.hits++
        return true
      }
    }
    const x0 = Math.floor(cx)
    const vertical = crossCheck(bin, x0, y, 0, 1, centerDark, rowTotal, RUN_TOLERANCE)
    if (!vertical || 5 * Math.abs(vertical.total - rowTotal) >= 2 * rowTotal) return false
    const cy = y + vertical.center
    const horizontal = crossCheck(
      bin,
      x0,
      Math.floor(cy),
      1,
      0,
      centerDark,
      rowTotal * 1.5,
      RUN_TOLERANCE,
    )
    if (!horizontal || 5 * Math.abs(horizontal.total - vertical.total) >= 2 * vertical.total) {
      return false
    }
    const fx = x0 + horizontal.center
    const diagonal = crossCheck(
      bin,
      Math.floor(fx),
      Math.floor(cy),
      1,
      1,
      centerDark,
      rowTotal * 1.5,
      DIAGONAL_TOLERANCE,
    )
    if (!diagonal) return false
    const module = (horizontal.total + vertical.total) / 14
    for (const f of found) {
      if (
        f.inverted === inverted &&
        Math.abs(f.x - fx) <= module * 2 &&
        Math.abs(f.y - cy) <= module * 2 &&
        Math.max(f.module, module) / Math.min(f.module, module) < 1.5
      ) {
        const n = f.hits
        f.x = (f.x * n + fx) / (n + 1)
        f.y = (f.y * n + cy) / (n + 1)
        f.module = (f.module * n + module) / (n + 1)
        f.hits = n + 1
        return true
      }
    }
    found.push({ x: fx, y: cy, module, inverted, hits: 1 })
    return true
  }

  /**
   * A row through a small finder's ring (dark, five modules light from `start`, dark): its centre
   * lies about two modules up or down, where the light run's first and last pixels are still
   * light (the ring) and its middle dark (the centre); from such a row it is tried as any other.
   */
  const considerRing = (
    start: number,
    light: number,
    y: number,
    rowTotal: number,
    dark: boolean,
  ) => {
    const offset = Math.max(1, Math.round((2 * rowTotal) / 7))
    const cx = start + light / 2
    for (let probe = y + offset, tries = 0; tries < 2; tries++, probe = y - offset) {
      if (probe < 0 || probe >= bin.height) continue
      if (
        bin.isDark(Math.floor(cx), probe) === dark &&
        bin.isDark(start, probe) !== dark &&
        bin.isDark(start + light - 1, probe) !== dark &&
        consider(cx, probe, rowTotal, dark)
      ) {
        return
      }
    }
  }

  // Candidate runs are gathered a row at a time, then considered in the order they were met.
  const candidates: number[] = []
  for (let r = 0; r < bin.rowCount; r++) {
    const y = r * rowStep
    scanRow(bin, r, candidates)
    for (let k = 0; k < candidates.length; k += CANDIDATE_SIZE) {
      const xEnd = candidates[k]!
      const flags = candidates[k + 6]!
      const centerDark = (flags & CENTRE_DARK) !== 0
      const c = candidates[k + 3]!
      const d = candidates[k + 4]!
      const e = candidates[k + 5]!
      if (flags & RING) {
        considerRing(xEnd - e - d, d, y, c + d + e, centerDark)
      } else {
        consider(
          xEnd - e - d - c / 2,
          y,
          candidates[k + 1]! + candidates[k + 2]! + c + d + e,
          centerDark,
        )
      }
    }
  }
  return found
}

/**
 * A candidate's numbers: where its last run ends, its five runs, and flags: whether its centre is
 * dark, and whether only its last three runs count, as a row through a small finder's ring.
 */
const CANDIDATE_SIZE = 7
const CENTRE_DARK = 1
const RING = 2

/**
 * The runs a row crosses a finder's ring by: dark, light five modules long, dark (or the reverse).
 * Only asked of finders whose 3-module centre could fall between two sampled rows.
 */
function ringMatch(a: number, b: number, c: number): boolean {
  if (b <= a || b <= c) return false
  const module = (a + b + c) / 7
  const variance = module * RUN_TOLERANCE
  return (
    Math.abs(a - module) < variance &&
    Math.abs(b - 5 * module) < 5 * variance &&
    Math.abs(c - module) < variance
  )
}

/**
 * One sampled row's runs of dark and light, keeping the five latest (r4 the newest) in plain locals;
 * each run sequence in a finder's 1:1:3:1:1 ratio goes into `out`. A block whose sampled pixels are
 * all on one side of its threshold is one run of its width, taken in one step: most of a screen.
 */
function scanRow(bin: SampledBinarizer, r: number, out: number[]): void {
  out.length = 0
  const { width, rows, thresholds, uniform, stretchMin, stretchMax } = bin
  const rowStart = r * bin.rowStride
  const blockRow = bin.blockRowOffset(r * bin.rowStep)
  const stretchRow = r * bin.blocksAcross
  // A finder whose centre (3 modules) is shorter than the row step may be crossed only through its
  // ring (every finder with modules over a fifth of the step is crossed through one or the other).
  const ringTotalBelow = bin.rowStep > 3 ? (7 * bin.rowStep) / 3 : 0
  let r0: number
  let r1 = 0
  let r2 = 0
  let r3 = 0
  let r4 = 0
  let runDark = rows[rowStart]! <= thresholds[blockRow]!
  let runLength = 0
  // One step past the last block, a change of colour at the row's end ends the last run.
  const blocks = Math.ceil(width / BLOCK_WIDTH)
  for (let block = 0; block <= blocks; block++) {
    const b = blockRow + block
    const x0 = Math.min(width, block * BLOCK_WIDTH)
    const x1 = Math.min(width, x0 + BLOCK_WIDTH)
    let kind = block < blocks ? uniform[b]! : runDark ? ALL_LIGHT : ALL_DARK
    if (kind === MIXED) {
      const threshold = thresholds[b]!
      if (stretchMax[stretchRow + block]! <= threshold) kind = ALL_DARK
      else if (stretchMin[stretchRow + block]! > threshold) kind = ALL_LIGHT
    }
    if (kind !== MIXED) {
      const dark = kind === ALL_DARK
      if (dark === runDark) {
        runLength += x1 - x0
        continue
      }
      r0 = r1
      r1 = r2
      r2 = r3
      r3 = r4
      r4 = runLength
      if (
        r0 !== 0 &&
        centreLongest(r0, r1, r2, r3, r4) &&
        runsMatch(r0, r1, r2, r3, r4, RUN_TOLERANCE)
      ) {
        out.push(x0, r0, r1, r2, r3, r4, runDark ? CENTRE_DARK : 0)
      } else if (r2 + r3 + r4 < ringTotalBelow && r1 !== 0 && ringMatch(r2, r3, r4)) {
        out.push(x0, r0, r1, r2, r3, r4, runDark ? CENTRE_DARK | RING : RING)
      }
      runDark = dark
      runLength = x1 - x0
      continue
    }
    // Each run followed to its end in a loop of its own colour: one comparison a pixel.
    const threshold = thresholds[b]!
    const end = rowStart + x1
    let i = rowStart + x0
    for (;;) {
      const from = i
      if (runDark) while (i < end && rows[i]! <= threshold) i++
      else while (i < end && rows[i]! > threshold) i++
      runLength += i - from
      if (i === end) break
      r0 = r1
      r1 = r2
      r2 = r3
      r3 = r4
      r4 = runLength
      // The run that just ended has the colour of the pattern's centre and outer ring.
      if (
        r0 !== 0 &&
        centreLongest(r0, r1, r2, r3, r4) &&
        runsMatch(r0, r1, r2, r3, r4, RUN_TOLERANCE)
      ) {
        out.push(i - rowStart, r0, r1, r2, r3, r4, runDark ? CENTRE_DARK : 0)
      } else if (r2 + r3 + r4 < ringTotalBelow && r1 !== 0 && ringMatch(r2, r3, r4)) {
        out.push(i - rowStart, r0, r1, r2, r3, r4, runDark ? CENTRE_DARK | RING : RING)
      }
      runDark = !runDark
      runLength = 0
    }
  }
}
