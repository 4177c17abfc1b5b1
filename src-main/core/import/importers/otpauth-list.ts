// A text file of otpauth:// URIs, one per line (blank lines and # comments skipped), which is what
// many apps export (Ente Auth's plain export, Aegis's and 2FAS's "URI list", `cairn export`), and
// the otpauth-migration:// links of Google Authenticator's export, alone or mixed in.
import { CairnError } from '../../errors.ts'
import { classifyContent } from '../code-content.ts'
import { BARE_SECRET_HINT, keyLines } from './qr-content.ts'
import { extensionOf, headText, textOf } from './file-bytes.ts'
import type { ImportedFile, Importer } from '../importer.ts'
import type { BatchPart } from '../../migration/migration-batches.ts'
import { EntryCollector } from './otp-entry.ts'

export const otpauthListImporter: Importer = {
  id: 'otpauth',
  name: 'otpauth:// URI list (Google Authenticator export links included)',
  help: 'A text file with one otpauth:// or otpauth-migration:// URI per line, as Ente Auth, Aegis, 2FAS and Cairn export them.',
  sniff(bytes, fileName) {
    const lines = headText(bytes)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
    if (lines.length > 0 && /^otpauth(-migration)?:\/\//i.test(lines[0]!)) return 3
    return extensionOf(fileName) === 'txt' ? 1 : 0
  },
  async read(bytes) {
    return readUriList(bytes, this.id, this.name)
  },
}

export function readUriList(bytes: Uint8Array, format: string, formatName: string): ImportedFile {
  const text = textOf(bytes)
  if (text === null || text.includes('\0')) {
    throw new CairnError('MALFORMED_BACKUP', 'Not a text file of otpauth URIs')
  }
  const collected = new EntryCollector()
  const parts: BatchPart[] = []
  let lines = 0
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    lines++
    const where = `line ${i + 1}`
    const content = classifyContent(trimmed)
    if (content.type === 'not-otp') {
      collected.problem(
        where,
        content.kind === 'secret'
          ? `a bare 2FA secret, not an otpauth URI: ${BARE_SECRET_HINT}`
          : 'not an otpauth URI',
      )
      return
    }
    if (content.type === 'migration') parts.push(content.batch)
    keyLines(where, content, collected)
  })
  if (lines === 0) throw new CairnError('MALFORMED_BACKUP', 'no otpauth URI found')
  // A file where not one line is a URI is not a URI list: one message, not one per line.
  if (collected.entries.length === 0 && collected.problems.length === lines && lines > 1) {
    const bare = collected.problems.every((p) => p.reason.startsWith('a bare'))
    if (!bare) throw new CairnError('MALFORMED_BACKUP', 'not one line is an otpauth URI')
  }
  return { format, formatName, ...collected, notes: [], migrationParts: parts }
}
