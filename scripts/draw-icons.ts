// Draws Cairn's icons (a cairn: stones stacked on a rounded square) as PNG files in
// resources/icons. Run `node scripts/draw-icons.ts` after changing the drawing; the PNGs are
// committed so builds need no drawing step.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'

type Rgba = [number, number, number, number]

interface Stone {
  /** Centre and radii in a 0..1 unit square. */
  cx: number
  cy: number
  rx: number
  ry: number
}

// Bottom to top: each stone a little smaller and a little tilted off centre, as real cairns are.
const STONES: Stone[] = [
  { cx: 0.5, cy: 0.74, rx: 0.3, ry: 0.1 },
  { cx: 0.48, cy: 0.56, rx: 0.22, ry: 0.085 },
  { cx: 0.52, cy: 0.41, rx: 0.15, ry: 0.07 },
  { cx: 0.5, cy: 0.28, rx: 0.085, ry: 0.055 },
]

const BACKGROUND: Rgba = [31, 78, 90, 255]
const STONE: Rgba = [236, 229, 210, 255]
const SHADOW: Rgba = [190, 180, 156, 255]

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (1 - radius))
  const dy = Math.max(radius - y, 0, y - (1 - radius))
  return dx * dx + dy * dy <= radius * radius
}

function stoneAt(x: number, y: number): Stone | null {
  for (const s of STONES) {
    const u = (x - s.cx) / s.rx
    const v = (y - s.cy) / s.ry
    if (u * u + v * v <= 1) return s
  }
  return null
}

/** Colour of one sample point; `monochrome` draws black stones on transparent (macOS template). */
function sample(x: number, y: number, monochrome: boolean, background: boolean): Rgba {
  const stone = stoneAt(x, y)
  if (monochrome) return stone ? [0, 0, 0, 255] : [0, 0, 0, 0]
  if (stone) {
    // The lower third of each stone is shaded, which reads as volume even at 16 px.
    return (y - stone.cy) / stone.ry > 0.35 ? SHADOW : STONE
  }
  if (background && insideRoundedSquare(x, y, 0.2)) return BACKGROUND
  return [0, 0, 0, 0]
}

function draw(size: number, options: { monochrome: boolean; background: boolean }): Buffer {
  const png = new PNG({ width: size, height: size })
  const ss = 4 // 4×4 samples per pixel for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0]
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample(
            (px + (sx + 0.5) / ss) / size,
            (py + (sy + 0.5) / ss) / size,
            options.monochrome,
            options.background,
          )
          // Premultiply so transparent samples do not darken the edges.
          acc[0]! += (c[0] * c[3]) / 255
          acc[1]! += (c[1] * c[3]) / 255
          acc[2]! += (c[2] * c[3]) / 255
          acc[3]! += c[3]
        }
      }
      const n = ss * ss
      const alpha = acc[3]! / n
      const i = (py * size + px) * 4
      png.data[i] = alpha > 0 ? Math.round(((acc[0]! / n) * 255) / alpha) : 0
      png.data[i + 1] = alpha > 0 ? Math.round(((acc[1]! / n) * 255) / alpha) : 0
      png.data[i + 2] = alpha > 0 ? Math.round(((acc[2]! / n) * 255) / alpha) : 0
      png.data[i + 3] = Math.round(alpha)
    }
  }
  return PNG.sync.write(png)
}

const out = join(import.meta.dirname, '..', 'resources', 'icons')
mkdirSync(out, { recursive: true })
const files: [string, number, { monochrome: boolean; background: boolean }][] = [
  ['cairn.png', 512, { monochrome: false, background: true }],
  ['cairn-256.png', 256, { monochrome: false, background: true }],
  ['tray.png', 16, { monochrome: false, background: true }],
  ['tray@2x.png', 32, { monochrome: false, background: true }],
  ['trayTemplate.png', 16, { monochrome: true, background: false }],
  ['trayTemplate@2x.png', 32, { monochrome: true, background: false }],
]
for (const [name, size, options] of files) {
  writeFileSync(join(out, name), draw(size, options))
  console.log(`wrote resources/icons/${name} (${size}×${size})`)
}
