// A PNG or JPEG image: every QR code in it, in reading order. A code holding an otpauth:// key or
// a Google Authenticator export becomes entries; other codes beside them are only mentioned.
import { CairnError } from '../../errors.ts'
import { looksLikeImage } from '../../qr/image-header.ts'
import { scanImage } from '../../qr/qr-scan.ts'
import type { BatchPart } from '../../migration/migration-batches.ts'
import { classifyContent } from '../code-content.ts'
import type { Importer } from '../importer.ts'
import { EntryCollector } from './otp-entry.ts'
import { keyLines } from './qr-content.ts'

export const qrImageImporter: Importer = {
  id: 'qr-image',
  name: 'QR code image (PNG or JPEG)',
  help: 'A screenshot or photo of otpauth:// QR codes or of Google Authenticator’s “Transfer accounts” codes.',
  sniff(bytes) {
    // Formats we recognise but do not decode are claimed too, for the image reader's clearer error.
    return looksLikeImage(bytes) ? 3 : 0
  },
  async read(bytes) {
    const { codes } = scanImage(bytes)
    if (codes.length === 0) throw new CairnError('NO_QR_CODE', 'no QR code found')
    const collected = new EntryCollector()
    const parts: BatchPart[] = []
    const others: string[] = []
    codes.forEach((code, i) => {
      const where = `code ${i + 1}`
      const content = classifyContent(code.text)
      if (content.type === 'not-otp') others.push(where)
      else {
        if (content.type === 'migration') parts.push(content.batch)
        keyLines(where, content, collected)
      }
    })
    if (others.length === codes.length) {
      throw new CairnError('NOT_OTP', 'no 2FA code (only other QR codes)')
    }
    const notes = others.length > 0 ? [`ignored ${others.join(', ')}: not a 2FA code`] : []
    return { format: this.id, formatName: this.name, ...collected, notes, migrationParts: parts }
  },
}
