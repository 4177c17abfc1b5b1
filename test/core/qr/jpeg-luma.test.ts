// decodeJpegLuma on JPEGs made by libjpeg-turbo's cjpeg (every chroma sampling, grey, restart
// intervals, odd sizes, one scan per component) and by jpeg-js, checked against libjpeg-turbo's
// own luminance (`djpeg -grayscale`); the files it leaves to jpeg-js, and the damaged ones.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { decodeImage } from '../../../src-main/core/qr/image-decode.ts'
import { DEFAULT_MAX_PIXELS } from '../../../src-main/core/qr/image-header.ts'
import { decodeJpegLuma } from '../../../src-main/core/qr/jpeg-luma.ts'
import { scanImage } from '../../../src-main/core/qr/qr-scan.ts'
import { errorOf } from './fixtures/image-bytes.ts'
import { HOTP_CAROL, TOTP_ALICE } from './fixtures/screens.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

/** Debian's libjpeg-turbo-progs (`./dev test` installs it when missing). */
function tool(name: 'cjpeg' | 'djpeg'): string {
  const path = `/usr/bin/${name}`
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: apt-get install libjpeg-turbo-progs (./dev test does)`)
  }
  return path
}

/** The luminance decoder within the default pixel budget. */
const decodeLuma = (jpeg: Uint8Array) => decodeJpegLuma(jpeg, DEFAULT_MAX_PIXELS)

const work = mkdtempSync(join(tmpdir(), 'cairn-jpeg-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function ppm(screen: SyntheticScreen): Buffer {
  const header = Buffer.from(`P6\n${screen.width} ${screen.height}\n255\n`)
  const rgb = Buffer.alloc(screen.width * screen.height * 3)
  for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
    rgb[o] = screen.rgba[i]!
    rgb[o + 1] = screen.rgba[i + 1]!
    rgb[o + 2] = screen.rgba[i + 2]!
  }
  return Buffer.concat([header, rgb])
}

function cjpeg(screen: SyntheticScreen, args: string[]): Uint8Array {
  return new Uint8Array(execFileSync(tool('cjpeg'), args, { input: ppm(screen) }))
}

/** libjpeg-turbo's luminance plane: the PGM body of `djpeg -grayscale`. */
function djpegLuma(jpeg: Uint8Array): Buffer {
  const pgm = execFileSync(tool('djpeg'), ['-grayscale', '-pnm'], {
    input: jpeg,
    maxBuffer: 64 * 2 ** 20,
  })
  let lines = 0
  let i = 0
  while (lines < 3) if (pgm[i++] === 0x0a) lines++
  return pgm.subarray(i)
}

function screenOf(width: number, height: number, seed: number): SyntheticScreen {
  const screen = new SyntheticScreen(width, height, seed).desktop(seed % 2 ? 'light' : 'dark', 2)
  screen.qr(TOTP_ALICE, Math.floor(width / 5), Math.floor(height / 6), { modulePx: 3 })
  return screen
}

describe('decodeJpegLuma against libjpeg-turbo', () => {
  const cases: { name: string; args: string[] }[] = [
    { name: '4:2:0', args: ['-quality', '85', '-sample', '2x2'] },
    { name: '4:2:2', args: ['-quality', '90', '-sample', '2x1'] },
    { name: '4:4:0', args: ['-quality', '75', '-sample', '1x2'] },
    { name: '4:4:4', args: ['-quality', '95', '-sample', '1x1'] },
    { name: '4:1:1', args: ['-quality', '80', '-sample', '4x1'] },
    { name: 'grey', args: ['-quality', '85', '-grayscale'] },
    { name: 'restart every MCU row', args: ['-quality', '85', '-restart', '1'] },
    { name: 'restart every 3 MCUs', args: ['-quality', '60', '-sample', '2x2', '-restart', '3B'] },
    { name: 'quality 100 (16-bit tables)', args: ['-quality', '100', '-sample', '1x1'] },
    { name: 'optimised Huffman tables', args: ['-quality', '90', '-optimize', '-sample', '2x2'] },
  ]
  for (const { name, args } of cases) {
    it(`decodes ${name} exactly as djpeg -grayscale does`, () => {
      for (const [width, height] of [
        [320, 200],
        [333, 201],
        [17, 9],
        [1, 1],
      ] as const) {
        const jpeg = cjpeg(screenOf(width, height, width + height), args)
        const ours = decodeLuma(jpeg)
        expect(ours).toMatchObject({ width, height, format: 'grey' })
        expect(Buffer.from(ours!.pixels).equals(djpegLuma(jpeg))).toBe(true)
      }
    })
  }

  it('decodes a file with one scan per component as djpeg does', () => {
    const script = join(work, 'scans.txt')
    writeFileSync(script, '1;\n0;\n2;\n') // a chroma scan first: skipped, not misread as luma
    const jpeg = cjpeg(screenOf(250, 170, 3), ['-quality', '85', '-scans', script])
    const ours = decodeLuma(jpeg)
    expect(ours).not.toBeNull()
    expect(Buffer.from(ours!.pixels).equals(djpegLuma(jpeg))).toBe(true)
  })

  it('decodes jpeg-js files (4:4:4) as djpeg does, and their QR codes scan', () => {
    const screen = screenOf(640, 360, 9)
    screen.qr(HOTP_CAROL, 400, 150, { modulePx: 4, inverted: true })
    const jpeg = screen.toJpeg(80)
    expect(Buffer.from(decodeLuma(jpeg)!.pixels).equals(djpegLuma(jpeg))).toBe(true)
    expect(scanImage(jpeg).codes.map((c) => c.text)).toEqual([TOTP_ALICE, HOTP_CAROL])
  })

  it('decodes noise (long codes, large coefficients, stuffed 0xFF bytes) as djpeg does', () => {
    // A seeded generator: noise is the worst case for the entropy decoder's fast paths.
    let state = 0x9e3779b9
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24
    const [width, height] = [203, 131]
    const header = Buffer.from(`P6\n${width} ${height}\n255\n`)
    const rgb = Buffer.alloc(width * height * 3)
    for (let i = 0; i < rgb.length; i++) rgb[i] = i % 1000 < 500 ? next() : (i >> 9) & 255
    for (const args of [
      ['-quality', '100', '-sample', '1x1'],
      ['-quality', '100', '-optimize'],
      ['-quality', '50', '-optimize', '-restart', '1'],
    ]) {
      const jpeg = new Uint8Array(
        execFileSync(tool('cjpeg'), args, { input: Buffer.concat([header, rgb]) }),
      )
      const ours = decodeLuma(jpeg)
      expect(ours).toMatchObject({ width, height, format: 'grey' })
      expect(Buffer.from(ours!.pixels).equals(djpegLuma(jpeg))).toBe(true)
    }
  })

  it('decodes colour blocks whose end-of-block code is longer than the one-look-up table', () => {
    // Full noise in every channel at quality 100 with optimised tables gives the colour AC table
    // an end-of-block code of 14 bits, read by the general path in the colour blocks skipped.
    let state = 5
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 23
    const [width, height] = [512, 512]
    const rgb = Buffer.alloc(width * height * 3)
    for (let i = 0; i < rgb.length; i++) rgb[i] = next()
    const input = Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), rgb])
    const args = ['-quality', '100', '-optimize', '-sample', '1x1']
    const jpeg = new Uint8Array(execFileSync(tool('cjpeg'), args, { input }))
    expect(Buffer.from(decodeLuma(jpeg)!.pixels).equals(djpegLuma(jpeg))).toBe(true)
  })

  it('gives the same bytes on every decode', () => {
    const files = [1, 2, 3].map((seed) => cjpeg(screenOf(200, 120, seed), ['-restart', '2B']))
    const first = files.map((f) => Buffer.from(decodeLuma(f)!.pixels))
    for (let round = 0; round < 10; round++) {
      files.forEach((f, i) =>
        expect(Buffer.from(decodeLuma(f)!.pixels).equals(first[i]!)).toBe(true),
      )
    }
  })
})

describe('decodeJpegLuma leaves other JPEGs to jpeg-js', () => {
  it('returns null for progressive and RGB files, which decodeImage still reads (as RGBA)', () => {
    const screen = screenOf(320, 200, 5)
    for (const args of [['-progressive'], ['-rgb']]) {
      const jpeg = cjpeg(screen, ['-quality', '90', ...args])
      expect(decodeLuma(jpeg)).toBeNull()
      expect(decodeImage(jpeg, DEFAULT_MAX_PIXELS)).toMatchObject({ width: 320, format: 'rgba' })
      expect(scanImage(jpeg).codes.map((c) => c.text)).toEqual([TOTP_ALICE])
    }
  })

  it('keeps jpeg-js within memory set from the pixel budget', () => {
    const jpeg = cjpeg(screenOf(320, 200, 6), ['-progressive', '-sample', '1x1'])
    // 320×200 fits a 64 000-pixel budget, but this 4:4:4 file needs ~22 bytes a pixel in jpeg-js.
    const e = errorOf(() => decodeImage(jpeg, 64_000))
    expect(isCairnError(e, 'IMAGE_TOO_LARGE')).toBe(true)
    expect((e as Error).message).toMatch(/needs more than 1 MB to decode/)
  })
})

/** A segment: marker, length, body. */
const segment = (marker: number, body: number[]) => [
  0xff,
  marker,
  (body.length + 2) >> 8,
  (body.length + 2) & 255,
  ...body,
]

/** Huffman code counts for lengths 1-16 from a few lengths. */
const counts = (lengths: Record<number, number>) =>
  Array.from({ length: 16 }, (_, i) => lengths[i + 1] ?? 0)

/** Entropy-coded bytes from a string of bits, padded with ones and 0xFF stuffed. */
function entropyBytes(bits: string): number[] {
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1')
  const out: number[] = []
  for (let i = 0; i < padded.length; i += 8) {
    const byte = parseInt(padded.slice(i, i + 8), 2)
    out.push(byte, ...(byte === 0xff ? [0] : []))
  }
  return out
}

/**
 * A hand-made 16×8 YCbCr JPEG (4:4:4, two MCUs): DC codes '0' (difference 0) and '10' (size 8);
 * the luminance AC table has '0' for the end of a block and '10' + one bit for a coefficient 15
 * zeros on (0xF1); the colour AC table '0' for the end of a block. `luma` is each MCU's luminance
 * block's AC bits.
 */
function handMadeJpeg(luma: [string, string]): Uint8Array {
  const colour = '0' + '0'
  const bits = luma.map((ac, mcu) => (mcu === 0 ? '0' : '10' + '11111111') + ac + colour + colour)
  return Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 16, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...segment(0xc4, [0x00, ...counts({ 1: 1, 2: 1 }), 0x00, 0x08]),
    ...segment(0xc4, [0x10, ...counts({ 1: 1, 2: 1 }), 0x00, 0xf1]),
    ...segment(0xc4, [0x11, ...counts({ 1: 1 }), 0x00]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x01, 3, 0x01, 0, 63, 0]),
    ...entropyBytes(bits.join('')),
    0xff,
    0xd9,
  ])
}

describe('decodeJpegLuma on hand-made files', () => {
  it('reads a well-formed one as djpeg does', () => {
    const jpeg = handMadeJpeg(['101' + '100' + '0', '0'])
    expect(Buffer.from(decodeLuma(jpeg)!.pixels).equals(djpegLuma(jpeg))).toBe(true)
  })

  it('refuses a coefficient placed past the 64th, in the first block and in a later one', () => {
    // Four runs of 15 zeros and a coefficient reach position 64.
    const past = '101'.repeat(4)
    for (const luma of [[past, '0'] as [string, string], ['0', past] as [string, string]]) {
      const e = errorOf(() => decodeLuma(handMadeJpeg(luma)))
      expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
      expect((e as Error).message).toBe('Damaged JPEG file: bad coefficient position')
    }
  })

  it('reads frame headers as the pixel budget check does, and keeps each within the budget', () => {
    const jpeg = handMadeJpeg(['0', '0'])
    const sof = Buffer.from(jpeg).indexOf(Buffer.from([0xff, 0xc0]))
    // The frame claims 40000×40000: refused before anything is sized from it.
    const huge = Uint8Array.from(jpeg)
    huge.set([40000 >> 8, 40000 & 255, 40000 >> 8, 40000 & 255], sof + 5)
    const before = process.memoryUsage().arrayBuffers
    expect(errorOf(() => decodeLuma(huge))).toMatchObject({ code: 'IMAGE_TOO_LARGE' })
    // A stray restart marker has no length: a 1×1 frame after it is the one both readers see.
    const hidden = Uint8Array.from([
      0xff,
      0xd8,
      0xff,
      0xd0,
      ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
      ...new Array<number>(300).fill(0),
      ...huge.subarray(sof),
    ])
    const e = errorOf(() => decodeImage(hidden, DEFAULT_MAX_PIXELS))
    expect(isCairnError(e)).toBe(true)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20)
  })

  it('refuses Huffman tables libjpeg refuses, and decodes the next file as djpeg does', () => {
    const jpeg = handMadeJpeg(['101' + '100' + '0', '0'])
    const dht = Buffer.from(jpeg).indexOf(Buffer.from([0xff, 0xc4]))
    const withTable = (table: number[]) =>
      Uint8Array.from([...jpeg.subarray(0, dht), ...segment(0xc4, table), ...jpeg.subarray(dht)])
    const tables = [
      [0x10, ...counts({ 1: 200 }), ...new Array<number>(200).fill(1)], // 200 codes of one bit
      [0x10, ...counts({ 1: 2 }), 0, 1], // the all-ones code
      [0x00, ...counts({ 1: 1 }), 16], // a DC difference of 16 bits
    ]
    for (const table of tables) {
      const e = errorOf(() => decodeLuma(withTable(table)))
      expect((e as Error).message).toBe('Damaged JPEG file: bad Huffman table')
      expect(Buffer.from(decodeLuma(jpeg)!.pixels).equals(djpegLuma(jpeg))).toBe(true)
    }
  })

  it('refuses a scan of more than ten blocks a unit, as libjpeg does', () => {
    // Luminance 4×4 and two colour components 1×1: 18 blocks a unit.
    const jpeg = handMadeJpeg(['0', '0'])
    const sof = Buffer.from(jpeg).indexOf(Buffer.from([0xff, 0xc0]))
    const wide = Uint8Array.from(jpeg)
    wide[sof + 4 + 6 + 1] = 0x44
    const e = errorOf(() => decodeLuma(wide))
    expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
    expect((e as Error).message).toMatch(/too many blocks/)
  })
})

describe('decodeJpegLuma on damaged files', () => {
  const jpeg = cjpeg(screenOf(320, 200, 7), ['-quality', '85', '-restart', '1'])

  it('refuses a file cut short inside its image data', () => {
    for (const keep of [0.3, 0.6, 0.95]) {
      const cut = jpeg.subarray(0, Math.floor(jpeg.length * keep))
      const e = errorOf(() => decodeLuma(cut))
      expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
      expect((e as Error).message).toMatch(/^Damaged JPEG file: /)
    }
  })

  it('reads a file whose image data is complete but whose end marker is missing', () => {
    const withoutEnd = jpeg.subarray(0, jpeg.length - 2)
    expect(Buffer.from(decodeLuma(withoutEnd)!.pixels).equals(djpegLuma(jpeg))).toBe(true)
  })

  it('refuses a restart marker replaced by another marker', () => {
    const bytes = Uint8Array.from(jpeg)
    const rst = Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xd0]), 200)
    expect(rst).toBeGreaterThan(0)
    bytes[rst + 1] = 0xc4 // a DHT marker where the restart should be
    const e = errorOf(() => decodeLuma(bytes))
    expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
  })
})
