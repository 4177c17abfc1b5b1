// Sorts boxes the way a person reads a screen: rows top to bottom, each row left to right. Boxes
// belong to one row when their vertical centres fall within the first box's height.
import type { Box } from './region-decode.ts'

export function inReadingOrder<T extends { bounds: Box }>(items: T[]): T[] {
  const centerY = (b: Box) => b.y + b.height / 2
  const byTop = [...items].sort((a, b) => centerY(a.bounds) - centerY(b.bounds))
  const rows: T[][] = []
  for (const item of byTop) {
    const row = rows.at(-1)
    const first = row?.[0]
    if (
      row &&
      first &&
      centerY(item.bounds) <= first.bounds.y + first.bounds.height &&
      centerY(first.bounds) >= item.bounds.y
    ) {
      row.push(item)
    } else {
      rows.push([item])
    }
  }
  return rows.flatMap((row) => row.sort((a, b) => a.bounds.x - b.bounds.x))
}
