// QR import from the screen, the clipboard and image files. Every path ends the same way: the
// scanner's findings become otpauth URIs with a preview (current code included) for the add-key
// confirmation, which saves them through the vault API (items.create) once the user confirms.
import { readFile, stat } from 'node:fs/promises'
import { CairnError } from '../core/errors.ts'
import { currentCode } from '../core/otp/otp-codes.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import { formatOtpauthUri } from '../core/otp/otpauth-uri.ts'
import type { ScanSource, OtpPreview, SourceScanOutcome } from '../../src-shared/ipc-contract.ts'
import type { RawImage } from '../core/qr/raw-image.ts'

/** The QR scanner (src-main/core/qr, run in its worker) as this service uses it. */
export interface KeyScannerPort {
  /** PNG/JPEG bytes or raw pixels; every QR code found, sorted into 2FA keys and the rest. */
  scanForKeys(
    image: Uint8Array | RawImage,
  ): Promise<{ keys: OtpKey[]; notOtp: string[]; missing: string | null }>
}

export interface ScanServiceOptions {
  scanner: KeyScannerPort
  /** Every display's pixels, and advice when the system refused or limited the capture. */
  captureScreens(): Promise<{ images: RawImage[]; advice: string | null }>
  /** Encoded image bytes on the clipboard (PNG, JPEG), or null when it holds no image. */
  readClipboardImage(): Promise<Uint8Array | null>
  /** A native open-file dialog; null when cancelled. */
  chooseImageFile(): Promise<string | null>
  now?: () => number
}

/** Screenshots of 8K displays as PNG stay far below this; anything larger is not a QR image. */
export const MAX_IMAGE_FILE_BYTES = 64 * 1024 * 1024

export const NO_CLIPBOARD_IMAGE_ADVICE =
  'The clipboard holds no image. Copy the QR code image (or take a screenshot to the clipboard) ' +
  'and try again.'

export function previewKey(key: OtpKey, nowMs: number): OtpPreview {
  const c = currentCode(key, nowMs)
  return {
    kind: key.kind,
    algorithm: key.algorithm,
    digits: key.digits,
    period: key.period,
    counter: key.counter,
    encoder: key.encoder,
    issuer: key.issuer,
    account: key.account,
    code: c.code,
    validUntil: c.periodStart === null ? null : (c.periodStart + key.period) * 1000,
  }
}

export class ScanService {
  readonly #o: ScanServiceOptions
  readonly #now: () => number

  constructor(options: ScanServiceOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  async scanScreen(): Promise<SourceScanOutcome> {
    const capture = await this.#o.captureScreens()
    return this.#scanAll('screen', capture.images, capture.advice)
  }

  async scanClipboardImage(): Promise<SourceScanOutcome> {
    const image = await this.#o.readClipboardImage()
    if (image === null) return this.#scanAll('clipboard', [], NO_CLIPBOARD_IMAGE_ADVICE)
    return this.#scanAll('clipboard', [image], null)
  }

  async scanImageFile(): Promise<SourceScanOutcome | null> {
    const path = await this.#o.chooseImageFile()
    if (path === null) return null
    let size: number
    try {
      size = (await stat(path)).size
    } catch (error) {
      throw new CairnError('FILE_NOT_FOUND', 'That image file could not be opened.', {
        cause: error,
      })
    }
    if (size > MAX_IMAGE_FILE_BYTES) {
      throw new CairnError('IMAGE_TOO_LARGE', 'That file is too large to be a QR code image.')
    }
    return this.#scanAll('file', [new Uint8Array(await readFile(path))], null)
  }

  async #scanAll(
    source: ScanSource,
    images: (Uint8Array | RawImage)[],
    advice: string | null,
  ): Promise<SourceScanOutcome> {
    const byUri = new Map<string, OtpKey>()
    const notOtp = new Set<string>()
    let missing: string | null = null
    // One image at a time: a 4K BGRA frame is 33 MB and the scanner worker copies it.
    for (const image of images) {
      const found = await this.#o.scanner.scanForKeys(image)
      // The same key visible on two screens (or twice on one) is offered once.
      for (const key of found.keys) byUri.set(formatOtpauthUri(key), key)
      for (const n of found.notOtp) notOtp.add(n)
      missing ??= found.missing
    }
    const now = this.#now()
    return {
      source,
      keys: [...byUri].map(([uri, key]) => ({ uri, preview: previewKey(key, now) })),
      notOtp: [...notOtp],
      missing,
      imagesScanned: images.length,
      advice,
    }
  }
}
