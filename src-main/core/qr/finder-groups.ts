// Groups finder patterns into likely QR codes: three finders of one polarity and about the same
// module size forming an isosceles right triangle, whose legs span a plausible code size. Best
// fitting first; the scanner tries them in this order and drops finders once a code uses them.
import type { FinderPattern } from './finder-patterns.ts'

export interface FinderTriple {
  /** The corner finder (top-left of the code when upright). */
  corner: FinderPattern
  /** The two finders at the ends of the legs. */
  ends: [FinderPattern, FinderPattern]
  /** Mean module size in pixels. */
  module: number
  /** Lower is a better fit. */
  error: number
}

/** Version 1 is 21 modules, version 40 is 177; finder centres sit 7 modules closer. */
const MIN_SPAN_MODULES = 12
const MAX_SPAN_MODULES = 180
const MAX_MODULE_RATIO = 1.5
const MAX_LEG_MISMATCH = 0.2
const MAX_HYPOTENUSE_MISMATCH = 0.12

export function groupFinders(finders: FinderPattern[]): FinderTriple[] {
  const triples: FinderTriple[] = []
  const n = finders.length
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = j + 1; k < n; k++) {
        const triple = fit(finders[i]!, finders[j]!, finders[k]!)
        if (triple) triples.push(triple)
      }
    }
  }
  return triples.sort((a, b) => a.error - b.error)
}

function fit(p: FinderPattern, q: FinderPattern, r: FinderPattern): FinderTriple | null {
  if (p.inverted !== q.inverted || p.inverted !== r.inverted) return null
  const smallest = Math.min(p.module, q.module, r.module)
  const largest = Math.max(p.module, q.module, r.module)
  if (largest / smallest > MAX_MODULE_RATIO) return null
  const module = (p.module + q.module + r.module) / 3

  // The corner is opposite the longest side.
  const pq = distance(p, q)
  const pr = distance(p, r)
  const qr = distance(q, r)
  let corner: FinderPattern, e1: FinderPattern, e2: FinderPattern
  let leg1: number, leg2: number, hypotenuse: number
  if (qr >= pq && qr >= pr) [corner, e1, e2, leg1, leg2, hypotenuse] = [p, q, r, pq, pr, qr]
  else if (pr >= pq) [corner, e1, e2, leg1, leg2, hypotenuse] = [q, p, r, pq, qr, pr]
  else [corner, e1, e2, leg1, leg2, hypotenuse] = [r, p, q, pr, qr, pq]

  const leg = (leg1 + leg2) / 2
  const span = leg / module
  if (span < MIN_SPAN_MODULES || span > MAX_SPAN_MODULES) return null
  const legMismatch = Math.abs(leg1 - leg2) / leg
  if (legMismatch > MAX_LEG_MISMATCH) return null
  const expectedHypotenuse = Math.hypot(leg1, leg2)
  const hypotenuseMismatch = Math.abs(hypotenuse - expectedHypotenuse) / expectedHypotenuse
  if (hypotenuseMismatch > MAX_HYPOTENUSE_MISMATCH) return null
  const moduleSpread = (largest - smallest) / module
  return {
    corner,
    ends: [e1, e2],
    module,
    error: legMismatch + hypotenuseMismatch + moduleSpread / 2,
  }
}

function distance(a: FinderPattern, b: FinderPattern): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}
