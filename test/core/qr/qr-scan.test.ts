import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { scanImage } from '../../../src-main/core/qr/qr-scan.ts'
import type { QrScanResult } from '../../../src-main/core/qr/qr-scan.ts'
import { errorOf, jpegHeaderOnly, pngHeaderOnly } from './fixtures/image-bytes.ts'
import {
  HOTP_CAROL,
  TOTP_ALICE,
  TOTP_BOB,
  WEB_ADDRESS,
  invertedOnDarkTheme,
  jpegSmallModules4k,
  jpegTwoCodes,
  longPayload,
  noCode4k,
  oneCode1080p,
  severalCodes4k,
  smallModules4k,
  twoCodesSideBySide,
} from './fixtures/screens.ts'
import type { ScreenCase } from './fixtures/screens.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

function scanBgra({ screen }: ScreenCase): QrScanResult {
  return scanImage({
    pixels: screen.toBgra(),
    width: screen.width,
    height: screen.height,
    format: 'bgra',
  })
}

const texts = (r: QrScanResult) => r.codes.map((c) => c.text)

describe('scanImage on synthetic screens', () => {
  it('finds one code in a PNG screenshot and locates it', () => {
    const c = oneCode1080p()
    const result = scanImage(c.screen.toPng())
    expect(result).toMatchObject({ width: 1920, height: 1080 })
    expect(texts(result)).toEqual([TOTP_ALICE])
    const drawn = c.screen.codes[0]!
    const { bounds } = result.codes[0]!
    expect(bounds.x).toBeCloseTo(drawn.x, -1)
    expect(bounds.y).toBeCloseTo(drawn.y, -1)
    expect(bounds.width).toBeCloseTo(drawn.size, -1)
    expect(result.codes[0]!.inverted).toBe(false)
  })

  it('finds two codes and lists them left to right', () => {
    expect(texts(scanBgra(twoCodesSideBySide()))).toEqual([TOTP_ALICE, TOTP_BOB])
  })

  it('finds a light-on-dark code on a dark theme', () => {
    const result = scanBgra(invertedOnDarkTheme())
    expect(texts(result)).toEqual([TOTP_ALICE])
    expect(result.codes[0]!.inverted).toBe(true)
  })

  it('finds 3-px modules on a 4K screen', () => {
    expect(texts(scanBgra(smallModules4k()))).toEqual([TOTP_ALICE])
  })

  it('finds all five codes of a 4K screen in reading order', () => {
    expect(texts(scanBgra(severalCodes4k()))).toEqual([
      TOTP_ALICE,
      TOTP_BOB,
      longPayload(),
      HOTP_CAROL,
      WEB_ADDRESS,
    ])
  })

  it('reads JPEG-compressed screenshots', () => {
    const c = jpegTwoCodes()
    // Carol's code sits higher, wholly above Alice's: it comes first.
    expect(texts(scanImage(c.screen.toJpeg(c.jpegQuality!)))).toEqual([HOTP_CAROL, TOTP_ALICE])
    const k = jpegSmallModules4k()
    expect(texts(scanImage(k.screen.toJpeg(k.jpegQuality!)))).toEqual([TOTP_BOB, longPayload(2)])
  })

  it('gives the same answer for RGBA and BGRA pixels', () => {
    const c = twoCodesSideBySide()
    const rgba = scanImage({
      pixels: c.screen.rgba,
      width: c.screen.width,
      height: c.screen.height,
      format: 'rgba',
    })
    expect(texts(rgba)).toEqual(texts(scanBgra(c)))
  })

  it('finds the same codes at the same corners in a PNG file (read as luminance) as in its RGBA pixels', () => {
    for (const c of [severalCodes4k(), invertedOnDarkTheme()]) {
      const { screen } = c
      const fromPixels = scanImage({
        pixels: screen.rgba,
        width: screen.width,
        height: screen.height,
        format: 'rgba',
      })
      const fromFile = scanImage(screen.toPng())
      expect(fromFile.codes.length).toBe(screen.codes.length)
      expect(fromFile).toEqual(fromPixels)
    }
  })

  it('gives the same answer for the same pixels, whatever was scanned before', () => {
    const several = severalCodes4k().screen
    const pixels = { pixels: several.rgba, width: 3840, height: 2160, format: 'rgba' as const }
    const first = scanImage(pixels)
    scanBgra(invertedOnDarkTheme())
    scanBgra(noCode4k())
    expect(scanImage(pixels)).toEqual(first)
    expect(first.codes).toHaveLength(5)
  })

  it('returns no codes for a screen without one', () => {
    expect(scanBgra(noCode4k()).codes).toEqual([])
  })

  it('reads a tight crop whose code touches the image edge', () => {
    const screen = new SyntheticScreen(160, 160, 3)
    screen.fillRect(0, 0, 160, 160, [255, 255, 255])
    screen.qr(TOTP_ALICE, 0, 0, { modulePx: 4, quietModules: 0 })
    expect(texts(scanImage(screen.toPng()))).toEqual([TOTP_ALICE])
  })

  it('finds 1-px modules on a 4K screen beside another code, whichever rows the coarse pass reads', () => {
    // The coarse pass reads every fifth row: five placements put the small code's finders at each
    // offset from them (crossed through the centre, or only through the ring).
    for (let y = 700; y < 705; y++) {
      const screen = new SyntheticScreen(3840, 2160, y).desktop('light', 2)
      screen.qr(TOTP_ALICE, 400, 300, { modulePx: 5 })
      screen.qr(TOTP_BOB, 1500, y, { modulePx: 1 })
      const result = scanImage({ pixels: screen.rgba, width: 3840, height: 2160, format: 'rgba' })
      expect(texts(result)).toEqual([TOTP_ALICE, TOTP_BOB])
    }
  })

  it('reads a 4K code the coarse rows cannot see with the every-third-row pass', () => {
    const screen = new SyntheticScreen(3840, 2160, 32).desktop('light', 2)
    const m = 6
    const drawn = screen.qr(HOTP_CAROL, 1800, 901, { modulePx: m })
    // On every row the coarse pass reads (every fifth) through a finder's centre, one light pixel
    // splits the centre's run: no such row shows the finder's 1:1:3:1:1. The rows between, the
    // column and the diagonal the cross-checks walk through each centre, are intact.
    const near = drawn.x + 3.5 * m
    const far = drawn.x + drawn.size - 3.5 * m
    const top = drawn.y + 3.5 * m
    const bottom = drawn.y + drawn.size - 3.5 * m
    for (const [cx, cy] of [
      [near, top],
      [far, top],
      [near, bottom],
    ] as const) {
      for (let y = Math.ceil(cy - 1.5 * m); y < cy + 1.5 * m; y++) {
        if (y % 5 === 0) screen.fillRect(Math.floor(cx) - 3, y, 1, 1, [255, 255, 255])
      }
    }
    const result = scanImage({ pixels: screen.rgba, width: 3840, height: 2160, format: 'rgba' })
    expect(texts(result)).toEqual([HOTP_CAROL])
  })

  it('finds a lone code with 1-px modules on a 4K screen, in RGBA and JPEG', () => {
    const screen = new SyntheticScreen(3840, 2160, 31).desktop('dark', 3)
    screen.qr(longPayload(), 2000, 1201, { modulePx: 1, inverted: true })
    const rgba = scanImage({ pixels: screen.rgba, width: 3840, height: 2160, format: 'rgba' })
    expect(texts(rgba)).toEqual([longPayload()])
    expect(texts(scanImage(screen.toJpeg(85)))).toEqual([longPayload()])
  })

  it('finds codes whose modules are not whole pixels (a scaled screen), in RGBA and JPEG', () => {
    // Drawn with each module's edges rounded down, as nearest-neighbour scaling leaves them.
    for (const modulePx of [2.75, 3.25, 3.5, 4.5, 5.5, 6.6]) {
      for (const x of [700, 701.3]) {
        const screen = new SyntheticScreen(1920, 1080, 5).desktop('light', 3)
        screen.qr(longPayload(), x, 200, { modulePx })
        const rgba = scanImage({ pixels: screen.rgba, width: 1920, height: 1080, format: 'rgba' })
        expect(texts(rgba)).toEqual([longPayload()])
        expect(texts(scanImage(screen.toJpeg(80)))).toEqual([longPayload()])
      }
    }
  })

  it('finds one code anywhere, at any module size from 2 to 12 px, in either polarity', () => {
    fc.assert(
      fc.property(
        fc.record({
          modulePx: fc.integer({ min: 2, max: 12 }),
          inverted: fc.boolean(),
          fx: fc.double({ min: 0, max: 1, noNaN: true }),
          fy: fc.double({ min: 0, max: 1, noNaN: true }),
          seed: fc.integer({ min: 1, max: 1000 }),
          theme: fc.constantFrom('light' as const, 'dark' as const),
        }),
        ({ modulePx, inverted, fx, fy, seed, theme }) => {
          const screen = new SyntheticScreen(1280, 800, seed).desktop(theme, 2)
          const size = 37 * modulePx // version 5 with its quiet zone is at most 41 modules
          const x = Math.round(4 * modulePx + fx * (1280 - size - 8 * modulePx))
          const y = Math.round(4 * modulePx + fy * (800 - size - 8 * modulePx))
          screen.qr(TOTP_BOB, x, y, { modulePx, inverted })
          const result = scanImage({
            pixels: screen.rgba,
            width: 1280,
            height: 800,
            format: 'rgba',
          })
          expect(texts(result)).toEqual([TOTP_BOB])
        },
      ),
      { numRuns: 30, seed: 20240601 },
    )
  })
})

describe('scanImage input checks', () => {
  it('refuses an image whose header claims 10000×10000 before decoding it', () => {
    // The files hold no pixel data at all: decoding them would fail differently.
    for (const bytes of [pngHeaderOnly(10_000, 10_000), jpegHeaderOnly(10_000, 10_000)]) {
      expect(
        isCairnError(
          errorOf(() => scanImage(bytes)),
          'IMAGE_TOO_LARGE',
        ),
      ).toBe(true)
    }
  })

  it('honours a lower pixel cap', () => {
    const png = oneCode1080p().screen.toPng()
    const e = errorOf(() => scanImage(png, { maxPixels: 1_000_000 }))
    expect(isCairnError(e, 'IMAGE_TOO_LARGE')).toBe(true)
  })

  it('refuses raw pixels over the cap or of the wrong length', () => {
    const big = {
      pixels: new Uint8Array(4),
      width: 10_000,
      height: 10_000,
      format: 'bgra' as const,
    }
    expect(
      isCairnError(
        errorOf(() => scanImage(big)),
        'IMAGE_TOO_LARGE',
      ),
    ).toBe(true)
    const short = { pixels: new Uint8Array(399), width: 10, height: 10, format: 'rgba' as const }
    expect(
      isCairnError(
        errorOf(() => scanImage(short)),
        'MALFORMED_IMAGE',
      ),
    ).toBe(true)
  })

  it('reports a truncated PNG and a truncated JPEG as malformed', () => {
    const screen = oneCode1080p().screen
    const png = screen.toPng()
    const jpeg = screen.toJpeg(80)
    for (const cut of [png.subarray(0, png.length >> 1), jpeg.subarray(0, jpeg.length >> 1)]) {
      const e = errorOf(() => scanImage(cut))
      expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
    }
    expect((errorOf(() => scanImage(png.subarray(0, 1000))) as Error).message).toMatch(/truncated/i)
  })

  it('reports a non-image as not an image', () => {
    const e = errorOf(() => scanImage(new TextEncoder().encode('just some text, not a picture')))
    expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
  })
})
