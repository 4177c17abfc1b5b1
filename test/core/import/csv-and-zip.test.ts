// The shared CSV reader (RFC 4180) and the zip reader the importers use, plain and with a password.
import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
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

describe('readZip with a password (Authenticator Plus exports made by 7-Zip and zip -P)', () => {
  const dir = 'test/fixtures/import/authenticator-plus'
  const aes = new Uint8Array(readFileSync(`${dir}/export-aes.zip`))
  const zipCrypto = new Uint8Array(readFileSync(`${dir}/export-zipcrypto.zip`))
  const PASSWORD = 'authplus-fixture-pw'
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

  /** Each member's local and central header offsets, from the central directory. */
  function headers(zip: Uint8Array) {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    const end = zip.length - 22
    let at = view.getUint32(end + 16, true)
    const found: { central: number; local: number }[] = []
    for (let n = 0; n < view.getUint16(end + 10, true); n++) {
      found.push({ central: at, local: view.getUint32(at + 42, true) })
      const [name, extra, comment] = [28, 30, 32].map((field) => view.getUint16(at + field, true))
      at += 46 + name! + extra! + comment!
    }
    return { view, found }
  }

  it('reads the same text from WinZip AES and traditional encryption', () => {
    const fromAes = readZip(aes, 'z', undefined, PASSWORD)
    const fromZipCrypto = readZip(zipCrypto, 'z', undefined, PASSWORD)
    const accounts = (members: typeof fromAes) =>
      text(members.find((m) => m.name === 'Accounts.txt')!.read())
    expect(accounts(fromAes)).toBe(accounts(fromZipCrypto))
    expect(accounts(fromAes)).toMatch(/^otpauth:\/\/totp\/GitHub:octo%40example\.com\?secret=/)
    expect(fromAes.every((m) => m.encrypted)).toBe(true)
  })

  it('refuses a wrong password and, without one, the protected archive', () => {
    for (const zip of [aes, zipCrypto]) {
      const e = thrown(() => readZip(zip, 'z', undefined, 'not it').map((m) => m.read()))
      expect(isCairnError(e, 'WRONG_PASSWORD'), String(e)).toBe(true)
      expect(
        isCairnError(
          thrown(() => readZip(zip, 'z')),
          'UNSUPPORTED',
        ),
      ).toBe(true)
    }
  })

  it('tells altered AES data from a wrong password by its authentication code', () => {
    const altered = aes.slice()
    const { view, found } = headers(altered)
    const local = found[0]!.local
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    altered[data + 16 + 2 + 3] = altered[data + 16 + 2 + 3]! ^ 1
    const e = thrown(() => readZip(altered, 'z', undefined, PASSWORD).map((m) => m.read()))
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    expect((e as Error).message).toMatch(/authentication code/)
  })

  it('checks the CRC of an AE-1 member, which AE-2 leaves at zero', () => {
    // 7-Zip writes AE-2; AE-1 is the same but for the version and a real CRC in both headers.
    const crcs = readZip(aes, 'z', undefined, PASSWORD).map((m) => crc32(m.read()))
    const ae1 = (crcOf: (i: number) => number) => {
      const copy = aes.slice()
      const { view, found } = headers(copy)
      for (let i = 0; i < copy.length - 6; i++) {
        if (view.getUint16(i, true) === 0x9901 && view.getUint16(i + 4, true) === 2) {
          view.setUint16(i + 4, 1, true)
        }
      }
      found.forEach(({ central, local }, i) => {
        view.setUint32(central + 16, crcOf(i), true)
        view.setUint32(local + 14, crcOf(i), true)
      })
      return copy
    }
    const good = readZip(
      ae1((i) => crcs[i]!),
      'z',
      undefined,
      PASSWORD,
    )
    expect(good.map((m) => m.read().length)).toEqual(good.map((m) => m.size))
    const bad = ae1((i) => crcs[i]! ^ 1)
    const e = thrown(() => readZip(bad, 'z', undefined, PASSWORD).map((m) => m.read()))
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    expect((e as Error).message).toMatch(/checksum/)
  })
})
