// A large Google Authenticator export spans several QR codes ("1 of 3"...), tied by a batch id.
// Given the parts seen so far (in one screenshot or across several), which are still missing?

export interface BatchPart {
  batchId: number
  /** From 0. */
  batchIndex: number
  batchSize: number
}

export interface BatchStatus {
  batchId: number
  size: number
  /** Part numbers as shown to people: from 1. */
  seen: number[]
  missing: number[]
}

/** One status per multi-part export, in order of first appearance; single codes are left out. */
export function batchStatuses(parts: BatchPart[]): BatchStatus[] {
  const batches = new Map<number, { size: number; seen: Set<number> }>()
  for (const part of parts) {
    if (part.batchSize <= 1) continue
    let batch = batches.get(part.batchId)
    if (!batch) {
      batch = { size: part.batchSize, seen: new Set() }
      batches.set(part.batchId, batch)
    }
    batch.size = Math.max(batch.size, part.batchSize)
    batch.seen.add(part.batchIndex + 1)
  }
  return [...batches].map(([batchId, { size, seen }]) => {
    const all = Array.from({ length: size }, (_, i) => i + 1)
    return {
      batchId,
      size,
      seen: all.filter((n) => seen.has(n)),
      missing: all.filter((n) => !seen.has(n)),
    }
  })
}

/** "part 2", "parts 2 and 3", "parts 2, 3 and 5". */
export function describeParts(numbers: number[]): string {
  if (numbers.length === 1) return `part ${numbers[0]}`
  const list = numbers.slice(0, -1).join(', ')
  return `parts ${list} and ${numbers.at(-1)}`
}
