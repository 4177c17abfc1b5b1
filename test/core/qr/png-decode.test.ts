import { deflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import type { ColorType } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { decodePngFast } from '../../../src-main/core/qr/png-decode.ts'
import { readPngFile } from '../../../src-main/core/qr/png-file.ts'
import { errorOf, ihdrBody, pngChunk, pngOf } from './fixtures/image-bytes.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

function screenWithAlpha(): SyntheticScreen {
  const screen = new SyntheticScreen(97, 61, 3).desktop('light', 2)
  screen.qr('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 10, 5, { modulePx: 2, quietModules: 1 })
  for (let i = 3; i < screen.rgba.length; i += 28) screen.rgba[i] = (i * 13) & 255
  return screen
}

function encode(screen: SyntheticScreen, colorType: ColorType, filterType: number): Uint8Array {
  const png = new PNG({ width: screen.width, height: screen.height })
  png.data = Buffer.from(screen.rgba)
  return new Uint8Array(PNG.sync.write(png, { colorType, filterType, inputHasAlpha: true }))
}

describe('decodePngFast', () => {
  const screen = screenWithAlpha()

  for (const filterType of [0, 1, 2, 3, 4, -1]) {
    it(`decodes RGBA and RGB with filter ${filterType === -1 ? 'adaptive' : filterType} exactly as pngjs does`, () => {
      for (const colorType of [6, 2] as const) {
        const bytes = encode(screen, colorType, filterType)
        const reference = PNG.sync.read(Buffer.from(bytes))
        const fast = decodePngFast(readPngFile(bytes))
        expect(fast).toMatchObject({ width: 97, height: 61, format: 'rgba' })
        expect(Buffer.from(fast!.pixels).equals(reference.data)).toBe(true)
      }
    })
  }

  it('leaves grey, palette and 16-bit PNGs to pngjs', () => {
    expect(decodePngFast(readPngFile(encode(screen, 0, 0)))).toBeNull()
    const deep = new PNG({ width: 4, height: 4, bitDepth: 16 })
    deep.data = Buffer.alloc(4 * 4 * 8, 200)
    const deepBytes = new Uint8Array(PNG.sync.write(deep, { bitDepth: 16 }))
    expect(decodePngFast(readPngFile(deepBytes))).toBeNull()
  })

  it('refuses image data that inflates to more than the header implies', () => {
    // 4×4 RGBA is 4 × (1 + 16) bytes of scanlines; these inflate to 64 KiB.
    const bytes = pngOf(
      pngChunk('IHDR', ihdrBody(4, 4)),
      pngChunk('IDAT', deflateSync(Buffer.alloc(65_536))),
      pngChunk('IEND'),
    )
    const e = errorOf(() => decodePngFast(readPngFile(bytes)))
    expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
    expect((e as Error).message).toBe('Damaged PNG file: image data is larger than its header says')
  })
})
