// The add-key dialog's "QR code image": every QR code in the image (core scanner, on a worker
// thread), each classified: otpauth:// keys and Google Authenticator exports become keys; anything
// else is described for the user by kind (web addresses by origin, text only by its length: it
// may be private).
import type { OtpKey } from '../core/otp/otp-types.ts'
import { classifyCode } from '../core/import/code-content.ts'
import type { CodeContent, MigrationBatchInfo } from '../core/import/code-content.ts'
import { batchStatuses, describeParts } from '../core/migration/migration-batches.ts'
import type { QrScanResult } from '../core/qr/qr-scan.ts'

const OTHER_KINDS = {
  url: 'a web address',
  wifi: 'a Wi-Fi network',
  text: 'text',
  secret: 'text',
  empty: 'nothing',
  binary: 'binary data',
} as const

function describeOther(where: string, content: Extract<CodeContent, { type: 'not-otp' }>): string {
  const what = `${where} holds ${OTHER_KINDS[content.kind]}${content.preview ? ` (${content.preview})` : ''}`
  if (content.kind === 'secret') {
    return `${what} that looks like a bare 2FA secret: add it with Add → Type the secret`
  }
  if (content.kind === 'binary') return `${what}, not text: not a 2FA key`
  return `${what}, not a 2FA key`
}

export type ImageKeyScan<Image> = (
  image: Image,
) => Promise<{ keys: OtpKey[]; notOtp: string[]; missing: string | null }>

/** Image is encoded bytes for the add-key dialog, or also raw pixels for screen capture. */
export function createImageKeyScanner<Image = Uint8Array>(
  scan: (image: Image) => Promise<QrScanResult>,
): { scanForKeys: ImageKeyScan<Image> } {
  return {
    async scanForKeys(image) {
      const result = await scan(image)
      const keys: OtpKey[] = []
      const notOtp: string[] = []
      const parts: MigrationBatchInfo[] = []
      result.codes.forEach((code, i) => {
        const where = result.codes.length > 1 ? `QR code ${i + 1}` : 'The QR code'
        const content = classifyCode(code)
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
                  `${[entry.issuer, entry.account].filter(Boolean).join(' · ')}: ${entry.reason}`,
                )
            }
            break
          case 'unreadable-otp':
            notOtp.push(`${where} is a 2FA code that cannot be read: ${content.reason}`)
            break
          case 'not-otp':
            notOtp.push(describeOther(where, content))
            break
        }
      })
      const missing = batchStatuses(parts)
        .filter((b) => b.missing.length > 0)
        .map(
          (b) =>
            `This Google Authenticator export has ${b.size} parts: ${describeParts(b.missing)} ${b.missing.length === 1 ? 'is' : 'are'} not in this image.`,
        )
      return { keys, notOtp, missing: missing.length > 0 ? missing.join(' ') : null }
    },
  }
}
