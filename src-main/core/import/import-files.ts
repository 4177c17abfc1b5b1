// Reads every input of `cairn scan` / `cairn import`. A file that cannot be read or decoded is a
// failure of that file (its name and the reason), not of the whole run: scan reports it beside
// the others, import refuses to write anything.
import { isCairnError } from '../errors.ts'
import { readInputFile } from './input-file.ts'
import { readImportSource } from './import-source.ts'
import type { ScanOutcome } from './scan-report.ts'

export async function readImportFiles(files: string[]): Promise<ScanOutcome[]> {
  const outcomes: ScanOutcome[] = []
  for (const file of files) {
    try {
      outcomes.push({ file, source: readImportSource(file, await readInputFile(file)) })
    } catch (e) {
      if (!isCairnError(e)) throw e
      outcomes.push({ file, error: e.message })
    }
  }
  return outcomes
}
