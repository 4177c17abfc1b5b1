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
  const runs = [0, 0, 0, 0, 0]
  // Backwards: centre (including the start pixel), inner ring, outer ring.
  let k = 0
  for (let run = 2, want = centerDark; run >= 0; run--, want = !want) {
    while (k <= back && bin.isDark(x - k * dx, y - k * dy) === want) {
      if (++runs[run]! > maxRun) return null
      k++
    }
    // Only the outer ring may end at the image edge.
    if (k > back && run > 0) return null
  }
  const centerStart = 1 - (runs[2] as number)
  k = 1
  for (let run = 2, want = centerDark; run <= 4; run++, want = !want) {
    while (k <= ahead && bin.isDark(x + k * dx, y + k * dy) === want) {
      if (++runs[run]! > maxRun) return null
      k++
    }
    if (k > ahead && run < 4) return null
  }
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = runs
  if (!runsMatch(a, b, c, d, e, tolerance)) return null
  const centerEnd = centerStart + c
  return { center: (centerStart + centerEnd) / 2, total: a + b + c + d + e }
}

export function findFinderPatterns(bin: SampledBinarizer): FinderPattern[] {
  const found: FinderPattern[] = []
  const { rowStep } = bin

  const consider = (xEnd: number, y: number, runs: number[], centerDark: boolean) => {
    const [a = 0, b = 0, c = 0, d = 0, e = 0] = runs
    const rowTotal = a + b + c + d + e
    const cx = xEnd - e - d - c / 2
    const inverted = !centerDark
    for (const f of found) {
      // Another row through a finder already confirmed.
      if (
        f.inverted === inverted &&
        Math.abs(f.x - cx) <= f.module * 2 &&
        Math.abs(f.y - y) <= f.module * 2.5
      ) {
        f.hits++
        return
      }
    }
    const x0 = Math.floor(cx)
    const vertical = crossCheck(bin, x0, y, 0, 1, centerDark, rowTotal, RUN_TOLERANCE)
    if (!vertical || 5 * Math.abs(vertical.total - rowTotal) >= 2 * rowTotal) return
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
      return
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
    if (!diagonal) return
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
        return
      }
    }
    found.push({ x: fx, y: cy, module, inverted, hits: 1 })
  }

  // Candidate runs are gathered a row at a time, then considered in the order they were met.
  const candidates: number[] = []
  for (let r = 0; r < bin.rowCount; r++) {
    const y = r * rowStep
    scanRow(bin, r, candidates)
    for (let k = 0; k < candidates.length; k += CANDIDATE_SIZE) {
      const runs = candidates.slice(k + 1, k + 6)
      consider(candidates[k]!, y, runs, candidates[k + 6] === 1)
    }
  }
  return found
}

/** A candidate's numbers: where its last run ends, its five runs, and whether its centre is dark. */
const CANDIDATE_SIZE = 7

/**
 * One sampled row's runs of dark and light, keeping the five latest (r4 the newest) in plain locals;
 * each run sequence in a finder's 1:1:3:1:1 ratio goes into `out`. A block whose sampled pixels are
 * all on one side of its threshold is one run of its width, taken in one step: most of a screen.
 */
function scanRow(bin: SampledBinarizer, r: number, out: number[]): void {
  out.length = 0
  const { width, rows, thresholds, uniform } = bin
  const rowStart = r * bin.rowStride
  const blockRow = bin.blockRowOffset(r * bin.rowStep)
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
    const kind = block < blocks ? uniform[b]! : runDark ? ALL_LIGHT : ALL_DARK
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
        out.push(x0, r0, r1, r2, r3, r4, runDark ? 1 : 0)
      }
      runDark = dark
      runLength = x1 - x0
      continue
    }
    const threshold = thresholds[b]!
    for (let x = x0; x < x1; x++) {
      const dark = rows[rowStart + x]! <= threshold
      if (dark === runDark) {
        runLength++
        continue
      }
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
        out.push(x, r0, r1, r2, r3, r4, runDark ? 1 : 0)
      }
      runDark = dark
      runLength = 1
    }
  }
}
