import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resampleGrey } from '../../../src-main/core/qr/grid-resample.ts'
import type { CellGrid } from '../../../src-main/core/qr/grid-resample.ts'
import type { RawImage } from '../../../src-main/core/qr/raw-image.ts'

/** A cell's mean by walking its pixels one by one: each pixel weighs the area it shares. */
function referenceMean(image: RawImage, x0: number, y0: number, step: number): number | null {
  let sum = 0
  let area = 0
  for (let y = Math.floor(y0); y < Math.ceil(y0 + step); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x0 + step); x++) {
      if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue
      const w = Math.max(0, Math.min(x + 1, x0 + step) - Math.max(x, x0))
      const h = Math.max(0, Math.min(y + 1, y0 + step) - Math.max(y, y0))
      sum += image.pixels[y * image.width + x]! * w * h
      area += w * h
    }
  }
  return area > 1e-9 ? sum / area : null
}

function greyImage(width: number, height: number, values: number[]): RawImage {
  return { pixels: Uint8Array.from(values), width, height, format: 'grey' }
}

describe('resampleGrey', () => {
  it('gives each cell the mean of the image area it covers, fractional edges included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((w) =>
          fc.integer({ min: 1, max: 12 }).chain((h) =>
            fc.record({
              w: fc.constant(w),
              h: fc.constant(h),
              values: fc.array(fc.integer({ min: 0, max: 255 }), {
                minLength: w * h,
                maxLength: w * h,
              }),
              x: fc.double({ min: -3, max: 10, noNaN: true }),
              y: fc.double({ min: -3, max: 10, noNaN: true }),
              step: fc.double({ min: 0.5, max: 4, noNaN: true }),
              cells: fc.integer({ min: 1, max: 6 }),
            }),
          ),
        ),
        ({ w, h, values, x, y, step, cells }) => {
          const image = greyImage(w, h, values)
          const grid: CellGrid = { x, y, step, width: cells, height: cells }
          const out = resampleGrey(image, grid, false)
          for (let j = 0; j < cells; j++) {
            for (let i = 0; i < cells; i++) {
              const want = referenceMean(image, x + i * step, y + j * step, step)
              const got = out.data[(j * cells + i) * 4]!
              if (want === null) expect(got).toBe(255)
              else expect(Math.abs(got - want)).toBeLessThanOrEqual(0.5 + 1e-6)
              expect(out.data[(j * cells + i) * 4 + 1]).toBe(got)
              expect(out.data[(j * cells + i) * 4 + 2]).toBe(got)
            }
          }
        },
      ),
      { numRuns: 300, seed: 1206 },
    )
  })

  it('turns 3-px modules into two clean cells each when laid on their edges', () => {
    // Modules of 3 px starting at x = 1: dark, light, dark, dark.
    const row = [128, 0, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0, 0]
    const image = greyImage(row.length, 3, [...row, ...row, ...row])
    const out = resampleGrey(image, { x: 1, y: 0, step: 1.5, width: 8, height: 2 }, false)
    const firstRow = Array.from({ length: 8 }, (_, i) => out.data[i * 4])
    expect(firstRow).toEqual([0, 0, 255, 255, 0, 0, 0, 0])
  })

  it('inverts a light-on-dark code but keeps cells outside the image light', () => {
    const image = greyImage(2, 2, [10, 20, 30, 40])
    const out = resampleGrey(image, { x: 0, y: 0, step: 2, width: 2, height: 1 }, true)
    expect(out.data[0]).toBe(255 - 25)
    expect(out.data[4]).toBe(255)
  })

  it('reads colour pixels by their luma', () => {
    const grey = greyImage(2, 1, [90, 200])
    // Luma (77 R + 150 G + 29 B) >> 8 of these two pixels is 90 and 200.
    const bgra: RawImage = {
      pixels: Uint8Array.from([90, 90, 90, 255, 200, 200, 200, 255]),
      width: 2,
      height: 1,
      format: 'bgra',
    }
    const grid: CellGrid = { x: 0.25, y: 0, step: 1, width: 2, height: 1 }
    expect(resampleGrey(bgra, grid, false).data).toEqual(resampleGrey(grey, grid, false).data)
  })
})
