// The scan service's KeyScannerPort on the QR core: decode every code in the image (in the
// scanner's worker), then sort what they hold into 2FA keys (otpauth:// and each usable account
// of a Google Authenticator export) and short descriptions of everything else, plus which parts
// of a multi-part export were not in the picture.
import { classifyContent } from '../core/import/code-content.ts'
import {
  batchStatuses,
  describeParts,
  type BatchPart,
} from '../core/migration/migration-batches.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import type { QrScanResult, ScanInput } from '../core/qr/qr-scan.ts'
import type { KeyScannerPort } from './scan-service.ts'

export type QrScanFn = (input: ScanInput) => Promise<QrScanResult>

const KIND_NAMES = {
  url: 'a web address',
  wifi: 'a Wi-Fi network',
  text: 'text',
  empty: 'an empty code',
}

export function qrKeyScanner(scan: QrScanFn): KeyScannerPort {
  return {
    async scanForKeys(image) {
      const result = await scan(image)
      const keys: OtpKey[] = []
      const notOtp: string[] = []
      const parts: BatchPart[] = []
      for (const code of result.codes) {
        const content = classifyContent(code.text)
        switch (content.type) {
          case 'otpauth':
            keys.push(content.key)
            break
          case 'migration':
            parts.push(content.batch)
            for (const entry of content.entries) {
              if (entry.ok) keys.push(entry.key)
              else
                notOtp.push(
                  `${[entry.issuer, entry.account].filter(Boolean).join(' ')}: ${entry.reason}`,
                )
            }
            break
          case 'unreadable-otp':
            notOtp.push(`A 2FA code that cannot be read: ${content.reason}`)
            break
          case 'not-otp':
            notOtp.push(
              `Not a 2FA code: ${KIND_NAMES[content.kind]}${content.preview ? ` (${content.preview})` : ''}`,
            )
            break
        }
      }
      const gaps = batchStatuses(parts).filter((s) => s.missing.length > 0)
      const missing =
        gaps.length === 0
          ? null
          : gaps
              .map(
                (s) =>
                  `Google Authenticator export: ${describeParts(s.missing)} of ${s.size} not found`,
              )
              .join('; ')
      return { keys, notOtp, missing }
    },
  }
}
