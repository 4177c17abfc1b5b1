import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { readImportSource } from '../../../src-main/core/import/import-source.ts'
import { errorOf, pngHeaderOnly } from '../qr/fixtures/image-bytes.ts'
import { TOTP_ALICE, TOTP_BOB, WEB_ADDRESS } from '../qr/fixtures/screens.ts'
import { SyntheticScreen } from '../qr/fixtures/synthetic-screen.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('readImportSource', () => {
  it('reads every code of an image in reading order, classified, with its position', () => {
    const screen = new SyntheticScreen(1280, 720, 5).desktop('light', 2)
    screen.qr(WEB_ADDRESS, 700, 200, { modulePx: 4 })
    screen.qr(TOTP_ALICE, 150, 220, { modulePx: 4 })
    const source = readImportSource('shot.png', screen.toPng())
    expect(source.kind).toBe('image')
    expect(source.items.map((i) => [i.where, i.content.type])).toEqual([
      ['code 1', 'otpauth'],
      ['code 2', 'not-otp'],
    ])
    expect(source.items[0]!.bounds!.x).toBeCloseTo(150, -1)
  })

  it('reads a text file line by line, skipping blanks and comments', () => {
    const text = `# my keys\r\n\r\n${TOTP_ALICE}\r\n  ${TOTP_BOB}  \nhello\n`
    const source = readImportSource('keys.txt', utf8(text))
    expect(source.kind).toBe('text')
    expect(source.items.map((i) => [i.where, i.content.type])).toEqual([
      ['line 3', 'otpauth'],
      ['line 4', 'otpauth'],
      ['line 5', 'not-otp'],
    ])
  })

  it('passes image errors through and refuses binary that is no image', () => {
    expect(
      isCairnError(
        errorOf(() => readImportSource('big.png', pngHeaderOnly(10_000, 10_000))),
        'IMAGE_TOO_LARGE',
      ),
    ).toBe(true)
    const gif = errorOf(() => readImportSource('a.gif', utf8('GIF89a....')))
    expect(isCairnError(gif, 'UNSUPPORTED')).toBe(true)
    const binary = errorOf(() => readImportSource('x.bin', new Uint8Array([0, 159, 146, 150])))
    expect(isCairnError(binary, 'MALFORMED_IMAGE')).toBe(true)
    expect((binary as Error).message).toMatch(/neither/i)
  })
})
