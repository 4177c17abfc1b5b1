import {
  UNENCRYPTED_WARNING,
  exportLoginsCsv,
  exportOtpauthUris,
} from '../../core/backup/plain-export.ts'
import { writeFileAtomic } from '../../core/fs/atomic-file.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { withMasterPasswordVault } from '../vault-access.ts'

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'UNENCRYPTED export: 2FA keys as otpauth URIs, or logins as CSV',
  usage: 'VAULT --format otpauth|csv --unencrypted [--out FILE]',
  details:
    'For moving to another app. The output holds every secret in the clear, so --unencrypted is ' +
    'required to acknowledge it. Without --out it goes to standard output; --out writes a new ' +
    'file readable only by you (never overwriting). Items in the trash are left out. For a ' +
    'backup, use cairn backup instead.',
  options: {
    format: { type: 'string', valueName: 'otpauth|csv', description: 'what to export' },
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
    if (format !== 'otpauth' && format !== 'csv') {
      throw new UsageError('--format must be otpauth or csv')
    }
    if (values.unencrypted !== true) {
      throw new UsageError(
        'a plain export is not encrypted: add --unencrypted to confirm (or use cairn backup)',
      )
    }
    io.err(`cairn: warning: ${UNENCRYPTED_WARNING}`)
    const vaultPath = positionals[0] as string
    const text = await withMasterPasswordVault(
      context,
      vaultPath,
      'An unencrypted export',
      (vault) => {
        const items = vault.list().items
        const ack = { acknowledgeUnencrypted: true }
        return format === 'otpauth' ? exportOtpauthUris(items, ack) : exportLoginsCsv(items, ack)
      },
    )
    if (typeof values.out === 'string') {
      writeFileAtomic(values.out, [Buffer.from(text, 'utf8')])
      io.err(`Wrote ${values.out}`)
    } else {
      // io.out adds a newline; the export already ends with its own line ending.
      const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.replace(/\n$/, '')
      if (io.stdoutIsTerminal === false) {
        io.err(
          'cairn: warning: writing the export to a file or pipe; a shell redirect creates a file ' +
            'others may read: use --out FILE instead, which is created readable only by you',
        )
      }
      if (body !== '') io.out(body)
    }
  },
}
