import {
  UNENCRYPTED_WARNING,
  exportLoginsCsv,
  exportOtpauthUris,
} from '../../core/backup/plain-export.ts'
import { writeFileAtomic } from '../../core/fs/atomic-file.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { EXPORT_PASSWORD_OPTION } from '../export-password.ts'
import { withUnlockedVault } from '../vault-access.ts'
import { runKdbxExport } from './export-kdbx.ts'

/** Formats encrypted with an export password: no --unencrypted acknowledgement needed. */
const ENCRYPTED_FORMATS: Partial<Record<string, (context: CommandContext) => Promise<void>>> = {
  kdbx: runKdbxExport,
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export for another app: a KeePass database, or UNENCRYPTED otpauth URIs or CSV',
  usage: 'VAULT --format kdbx --out FILE | VAULT --format otpauth|csv --unencrypted [--out FILE]',
  details:
    'For moving to another app. kdbx writes a KeePass (KDBX 4) database that KeePassXC opens, ' +
    'encrypted with an export password (--export-password-file, CAIRN_EXPORT_PASSWORD, or asked ' +
    'twice). otpauth and csv hold every secret in the clear, so --unencrypted is required to ' +
    'acknowledge it; without --out they go to standard output. --out writes a new file readable ' +
    'only by you (never overwriting). Items in the trash are left out. For a backup, use cairn ' +
    'backup instead.',
  options: {
    format: { type: 'string', valueName: 'kdbx|otpauth|csv', description: 'what to export' },
    ...EXPORT_PASSWORD_OPTION,
    unencrypted: {
      type: 'boolean',
      description: 'acknowledge that the export is not encrypted (required)',
    },
    out: {
      type: 'string',
      valueName: 'FILE',
      description: 'write to a new file instead of stdout',
    },
  },
  unlocks: true,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    const format = values.format
    const encrypted = typeof format === 'string' ? ENCRYPTED_FORMATS[format] : undefined
    if (encrypted) return encrypted(context)
    if (format !== 'otpauth' && format !== 'csv') {
      throw new UsageError('--format must be kdbx, otpauth or csv')
    }
    if (values.unencrypted !== true) {
      throw new UsageError(
        'a plain export is not encrypted: add --unencrypted to confirm (or use cairn backup)',
      )
    }
    io.err(`cairn: warning: ${UNENCRYPTED_WARNING}`)
    const text = await withUnlockedVault(context, positionals[0] as string, (vault) => {
      const items = vault.list().items
      const ack = { acknowledgeUnencrypted: true }
      return format === 'otpauth' ? exportOtpauthUris(items, ack) : exportLoginsCsv(items, ack)
    })
    if (typeof values.out === 'string') {
      writeFileAtomic(values.out, [Buffer.from(text, 'utf8')])
      io.err(`Wrote ${values.out}`)
    } else {
      // io.out adds a newline; the export already ends with its own line ending.
      const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.replace(/\n$/, '')
      if (body !== '') io.out(body)
    }
  },
}
