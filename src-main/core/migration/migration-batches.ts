// A large Google Authenticator export spans several QR codes ("1 of 3"...), tied by a batch id.
// Given the parts seen so far (in one screenshot or across several), which are still missing?
import { MAX_BATCH_SIZE } from './migration-payload.ts'

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

/**
 * One status per multi-part export, in order of first appearance; single codes are left out. The
 * decoder refuses sizes above MAX_BATCH_SIZE and indexes outside the size; such parts are skipped
 * here too, so a count read from a QR code can never size a list.
 */
export function batchStatuses(parts: BatchPart[]): BatchStatus[] {
  const batches = new Map<number, { size: number; seen: Set<number> }>()
  for (const part of parts) {
    const { batchId, batchIndex, batchSize } = part
    if (batchSize <= 1 || batchSize > MAX_BATCH_SIZE) continue
    if (!Number.isInteger(batchIndex) || batchIndex < 0 || batchIndex >= batchSize) continue
    let batch = batches.get(batchId)
    if (!batch) {
      batch = { size: batchSize, seen: new Set() }
      batches.set(batchId, batch)
    }
    batch.size = Math.max(batch.size, batchSize)
    batch.seen.add(batchIndex + 1)
  }
  return [...batches].map(([batchId, { size, seen }]) => {
    const missing: number[] = []
    for (let n = 1; n <= size; n++) if (!seen.has(n)) missing.push(n)
    return { batchId, size, seen: [...seen].sort((a, b) => a - b), missing }
  })
}

/** "part 2", "parts 2 and 3", "parts 2, 3 and 5", "parts 2 to 40 and 43". */
export function describeParts(numbers: number[]): string {
  if (numbers.length === 1) return `part ${numbers[0]}`
  const runs: string[] = []
  for (let i = 0; i < numbers.length;) {
    let end = i
    while (end + 1 < numbers.length && numbers[end + 1] === numbers[end]! + 1) end++
    // Runs of three or more are ranges; shorter ones stay a list ("2 and 3", not "2 to 3").
    if (end - i >= 2) runs.push(`${numbers[i]} to ${numbers[end]}`)
    else runs.push(...numbers.slice(i, end + 1).map(String))
    i = end + 1
  }
  if (runs.length === 1) return `parts ${runs[0]}`
  return `parts ${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}`
}
