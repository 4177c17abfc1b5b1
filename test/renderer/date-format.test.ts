// One date format across the window: every date the renderer shows goes through formatDate in
// src-renderer/src/format.ts, so no other file formats a Date by itself.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatDate } from '../../src-renderer/src/format.ts'

const root = fileURLToPath(new URL('../../src-renderer/src', import.meta.url))
const FORMAT_FILE = 'format.ts'
const DATE_FORMATTING =
  /\.(toLocaleString|toLocaleDateString|toLocaleTimeString|toDateString|toUTCString|toISOString)\(|Intl\.DateTimeFormat/

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  )
}

describe('dates in the window', () => {
  it('are formatted in format.ts only', () => {
    const files = sources(root)
    expect(files.length).toBeGreaterThan(20)
    const offenders = files
      .map((f) => relative(root, f))
      .filter((f) => f !== FORMAT_FILE)
      .filter((f) => DATE_FORMATTING.test(readFileSync(join(root, f), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('carry the date and the time', () => {
    const text = formatDate(new Date(2024, 2, 9, 14, 5).getTime())
    expect(text).toMatch(/2024/)
    expect(text).toMatch(/\d{1,2}:05/)
  })
})
