// Sorts boxes the way a person reads a screen: rows top to bottom, each row left to right. A box
// joins the row of the box above-left of it when their vertical extents overlap by at least half
// the shorter of the two (codes side by side rarely line up to the pixel).
import type { Box } from './region-decode.ts'

function sameRow(a: Box, b: Box): boolean {
  const overlap = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return overlap >= Math.min(a.height, b.height) / 2
}

export function inReadingOrder<T extends { bounds: Box }>(items: T[]): T[] {
  const byTop = [...items].sort((a, b) => a.bounds.y - b.bounds.y)
  const rows: T[][] = []
  for (const item of byTop) {
    const row = rows.at(-1)
    if (row && sameRow(row[0]!.bounds, item.bounds)) row.push(item)
    else rows.push([item])
  }
  return rows.flatMap((row) => row.sort((a, b) => a.bounds.x - b.bounds.x))
}
