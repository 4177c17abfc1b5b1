// One input of `cairn scan` / `cairn import`: an image (every QR code in it, in reading order)
// or a text file of otpauth URIs (one per line; blank lines and # comments ignored). Each thing
// found is classified; nothing is judged here (import-plan.ts and scan-report.ts do that).
import { CairnError } from '../errors.ts'
import { looksLikeImage } from '../qr/image-header.ts'
import { scanImage } from '../qr/qr-scan.ts'
import type { Box, QrScanResult, ScanOptions } from '../qr/qr-scan.ts'
import { classifyCode, classifyContent } from './code-content.ts'
import type { CodeContent } from './code-content.ts'

export interface SourceItem {
  /** Where in the source, for messages: "code 2", "line 7". */
  where: string
  content: CodeContent
  /** Position in the image, for codes. */
  bounds?: Box
}

export interface ImportSource {
  name: string
  kind: 'image' | 'text'
  items: SourceItem[]
}

/** Names of image files: a text file named like one is said to be text, not an image. */
export function hasImageName(name: string): boolean {
  return /\.(png|jpe?g|jfif|gif|bmp|webp|tiff?|heic|heif|avif)$/i.test(name)
}

/** A text file of URIs larger than this is not one (a migration line is ~100 B per account). */
const MAX_TEXT_BYTES = 4 * 1024 * 1024

export function readImportSource(
  name: string,
  bytes: Uint8Array,
  scan: (bytes: Uint8Array, options?: ScanOptions) => QrScanResult = scanImage,
): ImportSource {
  // Known image formats, even those we refuse, go to the image reader for its clearer error.
  if (looksLikeImage(bytes)) {
    const result = scan(bytes)
    return {
      name,
      kind: 'image',
      items: result.codes.map((code, i) => ({
        where: `code ${i + 1}`,
        content: classifyCode(code),
        bounds: code.bounds,
      })),
    }
  }
  return { name, kind: 'text', items: textItems(bytes) }
}

function textItems(bytes: Uint8Array): SourceItem[] {
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new CairnError('INVALID_ARGUMENT', 'Too large for a text file of otpauth URIs')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CairnError('MALFORMED_IMAGE', 'Neither a PNG/JPEG image nor a UTF-8 text file')
  }
  if (text.includes('\0')) {
    throw new CairnError('MALFORMED_IMAGE', 'Neither a PNG/JPEG image nor a text file')
  }
  const items: SourceItem[] = []
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    items.push({ where: `line ${i + 1}`, content: classifyContent(trimmed) })
  })
  return items
}
