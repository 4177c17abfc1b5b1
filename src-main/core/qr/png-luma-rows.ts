// PNG's row filters (spec §9) undone a whole 4-byte pixel at a time, each pixel's luminance
// written as it is reconstructed. The pixel is one little-endian 32-bit word (red in the low byte)
// and each byte of it is worked on independently (no carry between bytes), so four channels cost
// about what one does. Luminance is the scanner's weighting. Most of a screen is flat, so most
// differences are zero: a run of them repeats either the left pixel (filled) or the row above
// (copied, its luminance from the plane's row above), with native fills and copies once a run is
// long enough to pay for the call.

/** Runs shorter than this are copied pixel by pixel: a native copy's call costs more. */
const MIN_COPY = 16

/** Adds four bytes to four bytes at once, each modulo 256 (no carry between them). */
const addBytes = (a: number, b: number) =>
  ((a & 0x7f7f7f7f) + (b & 0x7f7f7f7f)) ^ ((a ^ b) & 0x80808080)

/** Each byte's floor((a + b) / 2), four at once: the Average filter's predictor. */
const averageBytes = (a: number, b: number) => ((a & b) + (((a ^ b) >>> 1) & 0x7f7f7f7f)) | 0

/** The Paeth predictor (§9.4) of each of four bytes, left `a`, above `b`, upper-left `c`. */
function paethBytes(a: number, b: number, c: number): number {
  let out = 0
  for (let shift = 0; shift < 32; shift += 8) {
    const av = (a >>> shift) & 255
    const bv = (b >>> shift) & 255
    const cv = (c >>> shift) & 255
    const pa = bv > cv ? bv - cv : cv - bv
    const pb = av > cv ? av - cv : cv - av
    const pc = av + bv > cv + cv ? av + bv - cv - cv : cv + cv - av - bv
    out |= (pa <= pb && pa <= pc ? av : pb <= pc ? bv : cv) << shift
  }
  return out
}

/** The scanner's luminance of a pixel word (red, green, blue in the low three bytes). */
const lumaOf = (w: number) =>
  ((w & 255) * 77 + ((w >>> 8) & 255) * 150 + ((w >>> 16) & 255) * 29) >> 8

/**
 * Undoes `filter` on `row` (its first `width` words) in place, against `above`, the previous row
 * already unfiltered (zeros for the first row, as the spec has it), and writes the row's
 * luminance to `out` from `at`; for any row but the first (`at` 0), `out` must hold the previous
 * row's luminance just before `at`. Returns false for a filter type the spec does not define. One
 * small function per filter keeps each loop simple for the compiler.
 */
export function unfilterRowToLuma(
  row: Int32Array,
  above: Int32Array,
  width: number,
  filter: number,
  out: Uint8Array,
  at: number,
): boolean {
  switch (filter) {
    case 0:
      lumaRow(row, width, out, at)
      return true
    case 1:
      subRow(row, width, out, at)
      return true
    case 2:
      upRow(row, above, width, out, at)
      return true
    case 3:
      averageRow(row, above, width, out, at)
      return true
    case 4:
      paethRow(row, above, width, out, at)
      return true
    default:
      return false
  }
}

function lumaRow(row: Int32Array, width: number, out: Uint8Array, at: number): void {
  let last = row[0]!
  let luma = lumaOf(last)
  for (let x = 0; x < width; x++) {
    const a = row[x]!
    if (a !== last) {
      last = a
      luma = lumaOf(a)
    }
    out[at + x] = luma
  }
}

function subRow(row: Int32Array, width: number, out: Uint8Array, at: number): void {
  let a = row[0]!
  let luma = (out[at] = lumaOf(a))
  for (let x = 1; x < width; x++) {
    if (row[x] === 0) {
      // A zero difference repeats the pixel to the left: runs filled natively.
      const start = x
      do x++
      while (x < width && row[x] === 0)
      if (x - start >= MIN_COPY) {
        row.fill(a, start, x)
        out.fill(luma, at + start, at + x)
      } else {
        for (let i = start; i < x; i++) {
          row[i] = a
          out[at + i] = luma
        }
      }
      if (x === width) break
    }
    a = row[x] = addBytes(row[x]!, a)
    luma = out[at + x] = lumaOf(a)
  }
}

function upRow(
  row: Int32Array,
  above: Int32Array,
  width: number,
  out: Uint8Array,
  at: number,
): void {
  // The first row's plane has no row above it to copy from.
  const minCopy = at === 0 ? Infinity : MIN_COPY
  for (let x = 0; x < width;) {
    // A run of zero differences repeats the row above, its luminance included: copied whole.
    const start = x
    while (x < width && row[x] === 0) x++
    if (x - start >= minCopy) {
      row.set(above.subarray(start, x), start)
      out.copyWithin(at + start, at - width + start, at - width + x)
    } else {
      for (let i = start; i < x; i++) out[at + i] = lumaOf((row[i] = above[i]!))
    }
    for (; x < width && row[x] !== 0; x++) {
      const a = (row[x] = addBytes(row[x]!, above[x]!))
      out[at + x] = lumaOf(a)
    }
  }
}

function averageRow(
  row: Int32Array,
  above: Int32Array,
  width: number,
  out: Uint8Array,
  at: number,
): void {
  // The first pixel's left neighbour is zero.
  let a = (row[0] = addBytes(row[0]!, (above[0]! >>> 1) & 0x7f7f7f7f))
  out[at] = lumaOf(a)
  for (let x = 1; x < width; x++) {
    a = row[x] = addBytes(row[x]!, averageBytes(a, above[x]!))
    out[at + x] = lumaOf(a)
  }
}

/**
 * Paeth, most of a screenshot's cost, takes a shortcut where a screen mostly is flat: where the
 * pixel above equals the upper-left one, every byte's predictor is the left byte; where the left
 * equals the upper-left, it is the byte above (§9.4's tie order gives exactly these).
 */
function paethRow(
  row: Int32Array,
  above: Int32Array,
  width: number,
  out: Uint8Array,
  at: number,
): void {
  // The first pixel has a zero left and upper-left: its predictor is the byte above.
  let c = above[0]!
  let a = (row[0] = addBytes(row[0]!, c))
  let luma = (out[at] = lumaOf(a))
  // The first row's plane has no row above it to copy from.
  const minCopy = at === 0 ? Infinity : MIN_COPY
  for (let x = 1; x < width; x++) {
    if (row[x] === 0) {
      const start = x
      if (a === c) {
        // Left equal to upper-left makes the predictor the pixel above (§9.4), and a zero
        // difference keeps it so: the run repeats the row above, its luminance included.
        do x++
        while (x < width && row[x] === 0)
        if (x - start >= minCopy) {
          row.set(above.subarray(start, x), start)
          out.copyWithin(at + start, at - width + start, at - width + x)
        } else {
          for (let i = start; i < x; i++) out[at + i] = lumaOf((row[i] = above[i]!))
        }
        // The next pixel's luminance is computed below: the left's is not needed again.
        a = c = above[x - 1]!
      } else if (above[x] === c) {
        // Where the row above is flat the predictor is the left pixel: the run repeats it.
        do x++
        while (x < width && above[x] === c && row[x] === 0)
        if (x - start >= MIN_COPY) {
          row.fill(a, start, x)
          out.fill(luma, at + start, at + x)
        } else {
          for (let i = start; i < x; i++) {
            row[i] = a
            out[at + i] = luma
          }
        }
      }
      if (x === width) break
    }
    const b = above[x]!
    // Predicted from the left where the row above is flat (§9.4's tie order).
    a = addBytes(row[x]!, b === c ? a : a === c ? b : paethBytes(a, b, c))
    luma = lumaOf(a)
    row[x] = a
    out[at + x] = luma
    c = b
  }
}
