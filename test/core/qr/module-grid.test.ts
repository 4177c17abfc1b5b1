import { describe, expect, it } from 'vitest'
import type { FinderPattern } from '../../../src-main/core/qr/finder-patterns.ts'
import { decodeImage } from '../../../src-main/core/qr/image-decode.ts'
import { halfModuleGrid } from '../../../src-main/core/qr/module-grid.ts'
import { decodeGrid } from '../../../src-main/core/qr/region-decode.ts'
import { longPayload } from './fixtures/screens.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

const finder = (x: number, y: number, module: number): FinderPattern => ({
  x,
  y,
  module,
  inverted: false,
  hits: 3,
})

describe('halfModuleGrid', () => {
  it('lays half-module cells on the module edges of a square-drawn code', () => {
    // A 37-module code with 3-px modules at (400, 300): finder centres 3.5 modules in, 30 apart.
    // Centres a little off, as found in a real image.
    const cx = 400 + 3.5 * 3
    const cy = 300 + 3.5 * 3
    const triple = {
      corner: finder(cx + 0.2, cy - 0.1, 3.1),
      ends: [finder(cx + 90, cy + 0.2, 2.9), finder(cx - 0.1, cy + 90.3, 3)] as [
        FinderPattern,
        FinderPattern,
      ],
      module: 3,
      error: 0,
    }
    const grid = halfModuleGrid(triple, { x: 380, y: 280, width: 150, height: 150 })
    expect(grid).not.toBeNull()
    expect(grid!.step).toBe(1.5)
    // Every second cell edge is a module edge: 400 + 3k, 300 + 3k.
    const onEdge = (v: number, origin: number) => (((v - origin) % 3) + 3) % 3
    expect(onEdge(grid!.x, 400)).toBe(0)
    expect(onEdge(grid!.y, 300)).toBe(0)
    expect(grid!.x).toBeLessThanOrEqual(380)
    expect(grid!.x + grid!.width * grid!.step).toBeGreaterThanOrEqual(530)
  })

  it('keeps a fractional pitch when whole pixels do not fit the finder span', () => {
    const triple = {
      corner: finder(100, 100, 3.4),
      ends: [finder(202, 100, 3.4), finder(100, 202, 3.4)] as [FinderPattern, FinderPattern],
      module: 3.4,
      error: 0,
    }
    // 102 px over 30 modules: 3.4 px a module.
    expect(halfModuleGrid(triple, { x: 80, y: 80, width: 150, height: 150 })!.step).toBeCloseTo(1.7)
  })

  it('leaves a tilted code to the plain crop', () => {
    const angle = Math.PI / 7
    const leg = 90
    const triple = {
      corner: finder(300, 300, 3),
      ends: [
        finder(300 + leg * Math.cos(angle), 300 + leg * Math.sin(angle), 3),
        finder(300 - leg * Math.sin(angle), 300 + leg * Math.cos(angle), 3),
      ] as [FinderPattern, FinderPattern],
      module: 3,
      error: 0,
    }
    expect(halfModuleGrid(triple, { x: 200, y: 200, width: 250, height: 250 })).toBeNull()
  })

  it('reads 3-px modules of a JPEG from the grid alone, in both polarities', () => {
    for (const inverted of [false, true]) {
      const screen = new SyntheticScreen(640, 480, 9).desktop('light', 1)
      const text = longPayload(3)
      const drawn = screen.qr(text, 120, 80, { modulePx: 3, inverted })
      const jpeg = screen.toJpeg(85)
      const image = decodeImage(jpeg, 1e7)
      const c = { x: drawn.x + 10.5, y: drawn.y + 10.5 }
      const far = drawn.size - 21
      const triple = {
        corner: { ...finder(c.x, c.y, 3), inverted },
        ends: [
          { ...finder(c.x + far, c.y, 3), inverted },
          { ...finder(c.x, c.y + far, 3), inverted },
        ] as [FinderPattern, FinderPattern],
        module: 3,
        error: 0,
      }
      const margin = 5 * 3
      const grid = halfModuleGrid(triple, {
        x: c.x - margin,
        y: c.y - margin,
        width: far + 2 * margin,
        height: far + 2 * margin,
      })
      expect(decodeGrid(image, grid!, inverted)?.text).toBe(text)
    }
  })
})
