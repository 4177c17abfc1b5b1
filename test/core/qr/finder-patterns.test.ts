import { describe, expect, it } from 'vitest'
import { findFinderPatterns } from '../../../src-main/core/qr/finder-patterns.ts'
import type { RawImage } from '../../../src-main/core/qr/raw-image.ts'
import { SampledBinarizer } from '../../../src-main/core/qr/sampled-binarizer.ts'

/** A grey image with one finder pattern of 1-px modules, its top-left corner at (left, top). */
function oneFinder(left: number, top: number, inverted: boolean): RawImage {
  const width = 120
  const height = 60
  const light = inverted ? 20 : 240
  const dark = inverted ? 230 : 10
  const pixels = new Uint8Array(width * height).fill(light)
  for (let y = 0; y < 7; y++) {
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3))
      if (ring !== 2) pixels[(top + y) * width + left + x] = dark
    }
  }
  return { pixels, width, height, format: 'grey' }
}

describe('findFinderPatterns', () => {
  it('finds a small finder whose centre falls between the sampled rows, from its ring', () => {
    for (const inverted of [false, true]) {
      // The finder covers rows 9-15, its centre rows 11-13. Rows 0, 5, 10, 15, … are read: they
      // cross its ring (row 10) and its outer edge (row 15), never its centre.
      const image = oneFinder(40, 9, inverted)
      const bin = new SampledBinarizer(image, 5)
      for (let r = 0; r < bin.rowCount; r++) expect([11, 12, 13]).not.toContain(r * 5)
      const found = findFinderPatterns(bin)
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ x: 43.5, y: 12.5, module: 1, inverted })
    }
  })

  it('finds no finder in a ring-like row that has no centre above or below it', () => {
    // The ring row alone: dark, five light, dark, with nothing around it.
    const width = 60
    const pixels = new Uint8Array(width * 30).fill(240)
    pixels[10 * width + 20] = 10
    pixels[10 * width + 26] = 10
    const bin = new SampledBinarizer({ pixels, width, height: 30, format: 'grey' }, 5)
    expect(findFinderPatterns(bin)).toEqual([])
  })
})
