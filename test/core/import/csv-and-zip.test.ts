// The shared CSV reader (RFC 4180) and zip reader the password-manager importers use.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { decodeUtf8Text, parseCsv } from '../../../src-main/core/import/csv.ts'
import { readZip } from '../../../src-main/core/import/zip-reader.ts'

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (e) {
    return e
  }
  return null
}

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and LF', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n,,\nlast,row,"end"'
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['', '', ''],
      ['last', 'row', 'end'],
    ])
  })

  it('drops blank lines and a final line ending; keeps a lone empty quoted field', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], ['b']])
    expect(parseCsv('a,""\n')).toEqual([['a', '']])
  })

  it('names the line of a quote that never closes and of text after a closing quote', () => {
    const open = thrown(() => parseCsv('a,b\n1,"two\nthree'))
    expect(isCairnError(open, 'MALFORMED_BACKUP')).toBe(true)
    expect((open as Error).message).toMatch(/opened on line 2 never closes/)
    const after = thrown(() => parseCsv('a\n"x"y'))
    expect((after as Error).message).toMatch(/line 2: text follows a closing quote/)
  })

  it('strips a UTF-8 BOM and refuses bytes that are not UTF-8', () => {
    expect(decodeUtf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'f')).toBe('a')
    expect(
      isCairnError(
        thrown(() => decodeUtf8Text(new Uint8Array([0x61, 0xff]), 'f')),
        'MALFORMED_BACKUP',
      ),
    ).toBe(true)
  })
})

describe('readZip (archives written by Python zipfile)', () => {
  const zip = new Uint8Array(readFileSync('test/fixtures/import/protonpass/export.zip'))
  const json = readFileSync('test/fixtures/import/protonpass/data.json')

  it('lists members and inflates them, checking size and CRC', () => {
    const members = readZip(zip, 'z')
    expect(members.map((m) => m.name)).toEqual(['Proton Pass/data.json'])
    expect(Buffer.from(members[0]!.read()).equals(json)).toBe(true)
  })

  it('refuses members above the size bound before inflating', () => {
    const error = thrown(() => readZip(zip, 'z', { maxMembers: 10, maxMemberBytes: 100 }))
    expect(isCairnError(error, 'MALFORMED_BACKUP')).toBe(true)
    expect((error as Error).message).toMatch(/larger than any export/)
  })

  it('refuses a password-protected zip by name', () => {
    const flagged = zip.slice()
    const view = new DataView(flagged.buffer)
    // The central directory entry's general-purpose flags: bit 0 is "encrypted".
    const end = flagged.length - 22
    const directory = view.getUint32(end + 16, true)
    view.setUint16(directory + 8, view.getUint16(directory + 8, true) | 1, true)
    expect(
      isCairnError(
        thrown(() => readZip(flagged, 'z')),
        'UNSUPPORTED',
      ),
    ).toBe(true)
  })
})
