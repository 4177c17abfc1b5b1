// What a QR code or a line of a URI list holds, as import entries: an otpauth:// key, or every
// account of a Google Authenticator export. Shared by the image and the text importers.
import type { CodeContent } from '../code-content.ts'
import type { EntryCollector } from './otp-entry.ts'

export { BARE_SECRET_HINT } from '../scan-report.ts'

function label(issuer: string, account: string): string {
  return issuer && account ? `${issuer} (${account})` : issuer || account || 'an unnamed key'
}

/** Adds the keys (or the reasons they cannot be used) of one code or line. */
export function keyLines(
  where: string,
  content: Exclude<CodeContent, { type: 'not-otp' }>,
  collected: EntryCollector,
): void {
  switch (content.type) {
    case 'otpauth': {
      const { notes } = content
      collected.entries.push({
        where,
        data: { ...content.key, type: 'otp', title: '', notes: '', tags: [] },
        ...(notes.length > 0 ? { notes } : {}),
      })
      return
    }
    case 'migration':
      for (const entry of content.entries) {
        if (entry.ok) {
          collected.entries.push({
            where,
            data: { ...entry.key, type: 'otp', title: '', notes: '', tags: [] },
          })
        } else {
          collected.problem(
            where,
            `cannot import ${label(entry.issuer, entry.account)}: ${entry.reason}`,
          )
        }
      }
      return
    case 'unreadable-otp':
      collected.problem(where, content.reason)
  }
}
