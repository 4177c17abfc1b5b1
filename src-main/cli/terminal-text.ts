// What a vault or an input file holds reaches the terminal as text, never as terminal commands: a
// hostile title, note or imported name must not move the cursor, rewrite the window title or
// reorder a line with bidi overrides. Lines for people are made printable; JSON stays exact.
import { printable } from '../core/import/scan-report.ts'

export { printable }

/** Multi-line text (notes): each line made printable, tabs shown as a space. */
export function printableLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/).map((line) => printable(line.replace(/\t/g, ' ')))
}

const UNSAFE_IN_JSON = /[\p{Cc}\p{Cf}\p{Co}\u2028\u2029]/gu

/**
 * JSON for standard output. JSON.stringify leaves C1 controls (U+0080–U+009F, which some
 * terminals obey), bidi and other format characters raw; they are written as \u escapes, so a
 * script reads the same values and a terminal shows them inert.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) =>
    // Inside strings JSON.stringify escapes C0 controls: a raw newline is its own indentation.
    c === '\n'
      ? c
      : Array.from(
          { length: c.length },
          (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`,
        ).join(''),
  )
}
