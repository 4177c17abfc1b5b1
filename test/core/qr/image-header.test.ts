import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  checkPixelBudget,
  DEFAULT_MAX_PIXELS,
  readImageHeader,
} from '../../../src-main/core/qr/image-header.ts'
import {
  errorOf,
  ihdrBody,
  jpegHeaderOnly,
  jpegHeaderSegment,
  pngChunk,
  pngHeaderOnly,
} from './fixtures/image-bytes.ts'
import { SyntheticScreen } from './fixtures/synthetic-screen.ts'

describe('readImageHeader', () => {
  const screen = new SyntheticScreen(320, 200, 1).desktop('light', 1)

  it('reads the size of a real PNG and JPEG', () => {
    expect(readImageHeader(screen.toPng())).toEqual({ format: 'png', width: 320, height: 200 })
    expect(readImageHeader(screen.toJpeg(80))).toEqual({ format: 'jpeg', width: 320, height: 200 })
  })

  it('reads the claimed size from header-only files', () => {
    expect(readImageHeader(pngHeaderOnly(10_000, 10_000))).toMatchObject({ width: 10_000 })
    expect(readImageHeader(jpegHeaderOnly(4000, 3000))).toEqual({
      format: 'jpeg',
      width: 4000,
      height: 3000,
    })
  })

  it('refuses a second size header, even in a file cut short after it', () => {
    const png = Buffer.concat([pngHeaderOnly(1, 1), pngChunk('IHDR', ihdrBody(8000, 8000))])
    const e = errorOf(() => readImageHeader(new Uint8Array(png)))
    expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
    expect((e as Error).message).toBe('Damaged PNG: more than one IHDR header')
    const jpeg = jpegHeaderOnly(10, 10)
    const twoFrames = Buffer.concat([jpeg, jpegHeaderSegment(jpegHeaderOnly(4000, 4000), 0xc0)])
    const f = errorOf(() => readImageHeader(new Uint8Array(twoFrames)))
    expect(isCairnError(f, 'MALFORMED_IMAGE')).toBe(true)
    expect((f as Error).message).toBe('Damaged JPEG: more than one frame header')
  })

  it('refuses text and empty input as not an image', () => {
    for (const bytes of [
      new TextEncoder().encode('otpauth://totp/x?secret=AAAA'),
      new Uint8Array(),
    ]) {
      const e = errorOf(() => readImageHeader(bytes))
      expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
      expect((e as Error).message).toMatch(/not an image/i)
    }
  })

  it('names formats it recognises but does not decode', () => {
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00')
    const e = errorOf(() => readImageHeader(gif))
    expect(isCairnError(e, 'UNSUPPORTED')).toBe(true)
    expect((e as Error).message).toContain('GIF')
  })

  it('reports a file cut inside its header as truncated', () => {
    const png = screen.toPng().subarray(0, 20)
    const jpeg = screen.toJpeg(80).subarray(0, 30)
    for (const bytes of [png, jpeg]) {
      const e = errorOf(() => readImageHeader(bytes))
      expect(isCairnError(e, 'MALFORMED_IMAGE')).toBe(true)
      expect((e as Error).message).toMatch(/truncated/i)
    }
  })
})

describe('checkPixelBudget', () => {
  it('accepts an 8K screen and refuses 7000×7000 at the default 34 MP', () => {
    expect(() => checkPixelBudget(7680, 4320, DEFAULT_MAX_PIXELS)).not.toThrow()
    const e = errorOf(() => checkPixelBudget(7000, 7000, DEFAULT_MAX_PIXELS))
    expect(isCairnError(e, 'IMAGE_TOO_LARGE')).toBe(true)
    expect((e as Error).message).toContain('7000×7000 (49.0 MP)')
  })

  it('refuses a zero-sized image', () => {
    expect(
      isCairnError(
        errorOf(() => checkPixelBudget(0, 10, 100)),
        'MALFORMED_IMAGE',
      ),
    ).toBe(true)
  })
})
