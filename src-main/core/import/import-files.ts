// Reads every input of `cairn scan` / `cairn import`. A file that cannot be read or decoded is a
// failure of that file (its name and the reason, one message), not of the whole run: scan reports
// it beside the others, import refuses to write anything.
import { isCairnError } from '../errors.ts'
import type { AskSecret, ImportReadOptions } from './importer.ts'
import { readImportedFile } from './importers/index.ts'
import type { ReadImport } from './import-plan.ts'
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

export type ImportOutcome = ReadImport | { name: string; error: string; code: string }

/** Each file through the import registry (`from` names the format instead of detecting it). */
export async function readImports(
  files: string[],
  askSecret: AskSecret,
  from?: string,
  options?: ImportReadOptions,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = []
  for (const name of files) {
    try {
      const bytes = await readInputFile(name)
      outcomes.push({ name, file: await readImportedFile(bytes, name, askSecret, from, options) })
    } catch (e) {
      if (!isCairnError(e)) throw e
      outcomes.push({ name, error: e.message, code: e.code })
    }
  }
  return outcomes
}
