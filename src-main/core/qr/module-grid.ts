// Lays a grid of half-module cells on a code's module edges, from its three finder patterns. The
// finder centres sit on module centres, 4k + 14 modules apart, so the distance between them gives
// the module pitch far more precisely than one finder's size, and one centre places the edges.
// Only for codes drawn square to the image (upright or turned by right angles), as screens show
// them; a tilted code is left to the plain crop.
import type { FinderTriple } from './finder-groups.ts'
import type { CellGrid } from './grid-resample.ts'
import type { Box } from './region-decode.ts'

/** Fewer cells across than this, and jsQR's 8-px blocks see too little around the code. */
const MIN_CELLS = 48

export function halfModuleGrid(triple: FinderTriple, region: Box): CellGrid | null {
  const { corner, ends, module } = triple
  const legs = ends.map((e) => ({ dx: Math.abs(e.x - corner.x), dy: Math.abs(e.y - corner.y) }))
  const [a, b] = legs as [{ dx: number; dy: number }, { dx: number; dy: number }]
  // One leg along each image axis, within a module.
  const square = (a.dy <= module && b.dx <= module) || (a.dx <= module && b.dy <= module)
  if (!square) return null
  const span = (Math.hypot(a.dx, a.dy) + Math.hypot(b.dx, b.dy)) / 2
  const modules = 14 + 4 * Math.round((span / module - 14) / 4)
  if (modules < 14) return null
  let pitch = span / modules
  // A whole-pixel pitch (most screens draw modules on whole pixels) when the span allows it, so the
  // cells stay on the module edges across the whole code rather than drift off.
  const whole = Math.round(pitch)
  const snapped = whole >= 1 && Math.abs(whole * modules - span) <= 1
  if (snapped) pitch = whole
  let edgeX = corner.x - pitch / 2
  let edgeY = corner.y - pitch / 2
  if (snapped) {
    edgeX = Math.round(edgeX)
    edgeY = Math.round(edgeY)
  }
  const step = pitch / 2
  const i0 = Math.floor((region.x - edgeX) / step)
  const j0 = Math.floor((region.y - edgeY) / step)
  const i1 = Math.ceil((region.x + region.width - edgeX) / step)
  const j1 = Math.ceil((region.y + region.height - edgeY) / step)
  return {
    x: edgeX + i0 * step,
    y: edgeY + j0 * step,
    step,
    width: Math.max(MIN_CELLS, i1 - i0),
    height: Math.max(MIN_CELLS, j1 - j0),
  }
}
