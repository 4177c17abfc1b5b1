// The shape every CSV password export shares: a header row naming the columns, one entry per
// row. A format module names the columns that identify it and maps one row to a SourceEntry;
// this turns that into an Importer with content-based sniffing.
import { CairnError } from '../../errors.ts'
import { csvHeaderColumns, csvTable, decodeUtf8Text, parseCsv } from '../csv.ts'
import { SNIFF, type ImportedFile, type Importer, type SniffConfidence } from '../importer.ts'
import { EntryCollector, type SourceEntry } from './password-entries.ts'

export interface CsvRow {
  /** 1-based data row, for messages. */
  row: number
  get(column: string): string
}

export interface CsvFormat {
  id: string
  name: string
  help: string
  /** Columns (lower case) that must all be in the header; together they identify the format. */
  signature: string[]
  /** True when the signature is unique to this format (else it only has the format's shape). */
  distinctive: boolean
  /** One row; null to leave it out (the reason goes to `skipped`). */
  entry(row: CsvRow, skipped: (reason: string) => void): SourceEntry | null
  /** Said about the whole file whatever it holds (what the format cannot carry). */
  fileNotes?: string[]
}

/** By the header only: ".csv" says nothing, and a CSV of unknown columns is none of these formats. */
function sniffCsv(format: CsvFormat, bytes: Uint8Array): SniffConfidence {
  const columns = new Set(csvHeaderColumns(bytes))
  if (format.signature.every((c) => columns.has(c))) {
    return format.distinctive ? SNIFF.certain : SNIFF.shape
  }
  return SNIFF.no
}

export function csvImporter(format: CsvFormat): Importer {
  return {
    id: format.id,
    name: format.name,
    help: format.help,
    sniff: (bytes) => sniffCsv(format, bytes),
    async read(bytes): Promise<ImportedFile> {
      const what = `the ${format.name} file`
      const table = csvTable(parseCsv(decodeUtf8Text(bytes, what), what), what)
      const header = new Set(table.header.map((h) => h.toLowerCase()))
      const absent = format.signature.filter((c) => !header.has(c))
      if (absent.length > 0) {
        throw new CairnError(
          'MALFORMED_BACKUP',
          `${what} lacks the column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}: is it a ${format.name} export?`,
        )
      }
      const collector = new EntryCollector()
      const skipped = new Map<string, number>()
      for (const row of table.rows) {
        const entry = format.entry(row, (reason) =>
          skipped.set(reason, (skipped.get(reason) ?? 0) + 1),
        )
        if (entry) collector.add(entry)
      }
      const notes = [...(format.fileNotes ?? [])]
      for (const [reason, count] of skipped) notes.push(`${count} rows left out: ${reason}`)
      return collector.file(format.id, format.name, notes)
    },
  }
}

/** "name: value" lines, as Bitwarden's CSV writes custom fields. */
export function nameValueLines(text: string): { name: string; value: string }[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(': ')
      return colon === -1
        ? { name: line.trim(), value: '' }
        : { name: line.slice(0, colon).trim(), value: line.slice(colon + 2) }
    })
}

/** A title from a URL's host when the format has no title column. */
export function titleFromUrl(url: string): string {
  try {
    return new URL(url).hostname || url
  } catch {
    return url
  }
}
