// A small RFC 4180 reader for the CSV exports of password managers: quoted fields may hold
// commas, doubled quotes and line breaks; CRLF, LF and a leading UTF-8 BOM are accepted. It is
// strict where a lenient guess would shift every later column (a quote that never closes, text
// after a closing quote) and says which line broke, never what the line held.
import { CairnError } from '../errors.ts'

/** Large enough for any real export, small enough that a hostile file cannot exhaust memory. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024

/** UTF-8 text without a BOM; MALFORMED_BACKUP when the bytes are not UTF-8. */
export function decodeUtf8Text(bytes: Uint8Array, what: string): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CairnError('MALFORMED_BACKUP', `${what} is not UTF-8 text`)
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Every record as an array of fields; blank lines are dropped. */
export function parseCsv(text: string, what = 'the CSV file'): string[][] {
  if (text.length > MAX_CSV_BYTES) {
    throw new CairnError('MALFORMED_BACKUP', `${what} is larger than any export we know of`)
  }
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let line = 1
  let i = 0
  let atFieldStart = true
  const endField = () => {
    record.push(field)
    field = ''
    atFieldStart = true
  }
  const endRecord = () => {
    endField()
    if (!(record.length === 1 && record[0] === '')) records.push(record)
    record = []
  }
  while (i < text.length) {
    const char = text[i] as string
    if (atFieldStart && char === '"') {
      const startLine = line
      i++
      for (;;) {
        if (i >= text.length) {
          throw new CairnError(
            'MALFORMED_BACKUP',
            `${what}: a quoted field opened on line ${startLine} never closes (is the file cut short?)`,
          )
        }
        const c = text[i] as string
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        if (c === '\n') line++
        field += c
        i++
      }
      const next = text[i]
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CairnError(
          'MALFORMED_BACKUP',
          `${what}, line ${line}: text follows a closing quote (expected a comma or a line end)`,
        )
      }
      atFieldStart = false
      continue
    }
    atFieldStart = false
    if (char === ',') {
      endField()
      i++
    } else if (char === '\r' && text[i + 1] === '\n') {
      endRecord()
      line++
      i += 2
    } else if (char === '\n' || char === '\r') {
      endRecord()
      line++
      i++
    } else {
      field += char
      i++
    }
  }
  if (!atFieldStart || field !== '' || record.length > 0) endRecord()
  return records
}

/** A header-keyed view of CSV rows; column names are matched case-insensitively. */
export interface CsvTable {
  header: string[]
  /** `row` counts data rows from 1 (the header is not one), as spreadsheets show them minus one. */
  rows: { row: number; get(column: string): string; cells: string[] }[]
}

export function csvTable(records: string[][], what: string): CsvTable {
  const [header, ...body] = records
  if (!header) throw new CairnError('MALFORMED_BACKUP', `${what} is empty`)
  const index = new Map<string, number>()
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase()
    if (!index.has(key)) index.set(key, i)
  })
  return {
    header: header.map((h) => h.trim()),
    rows: body.map((cells, n) => ({
      row: n + 1,
      cells,
      get(column: string) {
        const at = index.get(column.toLowerCase())
        return at === undefined ? '' : (cells[at] ?? '')
      },
    })),
  }
}

/** The first line of some bytes, lower-cased, for sniffing a CSV header cheaply. */
export function csvHeaderLine(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 2048)
  let text = new TextDecoder('utf-8').decode(head)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const end = text.search(/\r?\n/)
  return (end === -1 ? text : text.slice(0, end)).toLowerCase()
}

/** Header columns of a sniffed first line, without quotes, trimmed, lower case. */
export function csvHeaderColumns(bytes: Uint8Array): string[] {
  return csvHeaderLine(bytes)
    .split(',')
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1'))
}
