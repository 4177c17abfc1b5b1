// Screen, clipboard and file import end to end in Node: synthetic screenshots with real QR codes,
// captured through the capture logic (Electron's capturer played by a stand-in that returns those
// screenshots as BGRA thumbnails), decoded by the real QR scanner in its worker, classified, and
// previewed with a code checked against an independent RFC 6238 computation.
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCairnError } from '../../src-main/core/errors.ts'
import { QrScanWorker } from '../../src-main/core/qr/scan-in-worker.ts'
import { createImageKeyScanner } from '../../src-main/services/image-key-scanner.ts'
import { ScanService } from '../../src-main/electron/scan-service.ts'
import {
  captureScreens,
  type CaptureDisplay,
  type CapturePorts,
} from '../../src-main/electron/screen-capture.ts'
import { HOTP_CAROL, TOTP_ALICE, TOTP_BOB, WEB_ADDRESS } from '../core/qr/fixtures/screens.ts'
import { SyntheticScreen } from '../core/qr/fixtures/synthetic-screen.ts'

function independentTotp(secretBase32: string, ms: number, digits: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of secretBase32) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? [])
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 30_000)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = (mac[19] as number) & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0')
}

/** Two displays: a 1440×900 laptop at 2× with Alice's code, a 1080p monitor with Bob's and a link. */
function desktop() {
  const laptop = new SyntheticScreen(2880, 1800, 21).desktop('light')
  laptop.qr(TOTP_ALICE, 1200, 700, { modulePx: 6 })
  const monitor = new SyntheticScreen(1920, 1080, 22).desktop('dark')
  monitor.qr(TOTP_BOB, 300, 300, { modulePx: 4 })
  monitor.qr(WEB_ADDRESS, 1200, 300, { modulePx: 5 })
  // The same key shown on both screens is offered once.
  monitor.qr(TOTP_ALICE, 700, 600, { modulePx: 4, inverted: true })
  const displays: CaptureDisplay[] = [
    { id: 1, size: { width: 1440, height: 900 }, scaleFactor: 2 },
    { id: 2, size: { width: 1920, height: 1080 }, scaleFactor: 1 },
  ]
  return { screens: [laptop, monitor], displays }
}

/** Electron's side of a capture: thumbnails of each screen, and a log of what was asked. */
function capturePorts(
  screens: SyntheticScreen[],
  displays: CaptureDisplay[],
  log: string[],
): CapturePorts {
  return {
    platform: 'linux',
    sessionType: 'x11',
    displays: () => displays,
    screenPermission: () => 'granted',
    hideWindows: () => {
      log.push('hide')
      return () => log.push('restore')
    },
    settle: async () => {},
    getSources: async ({ thumbnailSize }) => {
      log.push(`capture ${thumbnailSize.width}x${thumbnailSize.height}`)
      return screens.map((s, i) => ({
        id: `screen:${i}:0`,
        display_id: String(i + 1),
        name: `Screen ${i + 1}`,
        thumbnail: {
          isEmpty: () => false,
          getSize: () => ({ width: s.width, height: s.height }),
          toBitmap: () => s.toBgra(),
        },
      }))
    },
  }
}

let worker: QrScanWorker
let dir: string
const NOW = Date.UTC(2025, 5, 1, 10, 0, 7)

beforeAll(() => {
  worker = new QrScanWorker()
  dir = mkdtempSync(join(tmpdir(), 'cairn-scan-'))
})
afterAll(async () => {
  await worker.close()
  rmSync(dir, { recursive: true, force: true })
})

function service(over: Partial<ConstructorParameters<typeof ScanService>[0]> = {}) {
  const { screens, displays } = desktop()
  const log: string[] = []
  const scans = new ScanService({
    scanner: createImageKeyScanner((input) => worker.scan(input)),
    captureScreens: () => captureScreens(capturePorts(screens, displays, log)),
    readClipboardImage: async () => null,
    chooseImageFile: async () => null,
    now: () => NOW,
    ...over,
  })
  return { scans, log }
}

describe('scan screen', () => {
  it('finds the keys on every display, once each, with their current codes', async () => {
    const { scans, log } = service()
    const outcome = await scans.scanScreen()
    expect(log).toEqual(['hide', 'capture 2880x1800', 'restore'])
    expect(outcome.source).toBe('screen')
    expect(outcome.imagesScanned).toBe(2)
    expect(outcome.advice).toBeNull()
    expect(outcome.keys.map((k) => [k.preview.issuer, k.preview.account])).toEqual([
      ['Example', 'alice@example.com'],
      ['GitHub', 'bob'],
    ])
    const alice = outcome.keys[0]
    expect(alice?.uri).toMatch(
      /^otpauth:\/\/totp\/Example:alice%40example\.com\?secret=JBSWY3DPEHPK3PXP/,
    )
    expect(alice?.preview.code).toBe(independentTotp('JBSWY3DPEHPK3PXP', NOW, 6))
    expect(alice?.preview.validUntil).toBe(Date.UTC(2025, 5, 1, 10, 0, 30))
    const bob = outcome.keys[1]
    expect(bob?.preview.code).toBe(independentTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', NOW, 8))
    expect(outcome.notOtp).toEqual([
      'QR code 2 holds a web address (https://example.com/…), not a 2FA key',
    ])
    expect(outcome.missing).toBeNull()
  })

  it('passes the capture’s advice on when the system gave no picture', async () => {
    const { scans } = service({
      captureScreens: async () => ({ images: [], advice: 'Allow screen recording.' }),
    })
    expect(await scans.scanScreen()).toEqual({
      source: 'screen',
      keys: [],
      notOtp: [],
      missing: null,
      imagesScanned: 0,
      advice: 'Allow screen recording.',
    })
  })
})

describe('scan a clipboard image or an image file', () => {
  it('reads a PNG from the clipboard, HOTP included (its code at the stored counter)', async () => {
    const screen = new SyntheticScreen(800, 600, 23).desktop('light', 1)
    screen.qr(HOTP_CAROL, 200, 150, { modulePx: 5 })
    const { scans } = service({ readClipboardImage: async () => screen.toPng() })
    const outcome = await scans.scanClipboardImage()
    expect(outcome).toMatchObject({ source: 'clipboard', imagesScanned: 1, advice: null })
    expect(outcome.keys).toHaveLength(1)
    expect(outcome.keys[0]?.preview).toMatchObject({
      kind: 'hotp',
      issuer: 'Bank',
      counter: 42,
      validUntil: null,
    })
  })

  it('says that a QR code whose payload is not UTF-8 holds binary data', async () => {
    const screen = new SyntheticScreen(640, 400, 25).desktop('light', 1)
    screen.qr(Uint8Array.from([0x00, 0xff, 0x80, 0xc3, 0x28, 0x10]), 200, 100, { modulePx: 5 })
    const { scans } = service({ readClipboardImage: async () => screen.toPng() })
    const outcome = await scans.scanClipboardImage()
    expect(outcome.keys).toEqual([])
    expect(outcome.notOtp).toEqual([
      'The QR code holds binary data (6 bytes), not text: not a 2FA key',
    ])
  })

  it('says what to do when the clipboard holds no image', async () => {
    const outcome = await service().scans.scanClipboardImage()
    expect(outcome.imagesScanned).toBe(0)
    expect(outcome.advice).toMatch(/holds no image/)
  })

  it('reads a chosen JPEG file; a cancelled dialog is null; a file that is no image is refused', async () => {
    const screen = new SyntheticScreen(1280, 720, 24).desktop('dark', 2)
    screen.qr(TOTP_ALICE, 400, 200, { modulePx: 5 })
    const jpeg = join(dir, 'code.jpg')
    writeFileSync(jpeg, screen.toJpeg(90))
    const found = await service({ chooseImageFile: async () => jpeg }).scans.scanImageFile()
    expect(found?.keys.map((k) => k.preview.issuer)).toEqual(['Example'])

    expect(await service().scans.scanImageFile()).toBeNull()

    const text = join(dir, 'notes.txt')
    writeFileSync(text, 'hello')
    const error = await service({ chooseImageFile: async () => text })
      .scans.scanImageFile()
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(isCairnError(error, 'MALFORMED_IMAGE')).toBe(true)

    const gone = await service({ chooseImageFile: async () => join(dir, 'missing.png') })
      .scans.scanImageFile()
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(isCairnError(gone, 'FILE_NOT_FOUND')).toBe(true)
  })
})
