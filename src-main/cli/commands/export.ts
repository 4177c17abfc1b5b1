import {
  UNENCRYPTED_WARNING,
  exportLoginsCsv,
  exportOtpauthUris,
} from '../../core/backup/plain-export.ts'
import { exportAegisJson } from '../../core/export/aegis-export.ts'
import { writeFileAtomic } from '../../core/fs/atomic-file.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import {
  EXPORT_PASSWORD_ENV,
  EXPORT_PASSWORD_OPTION,
  readExportPassword,
} from '../export-password.ts'
import { withMasterPasswordVault } from '../vault-access.ts'
import { runKdbxExport } from './export-kdbx.ts'

const FORMATS = ['otpauth', 'csv', 'aegis', 'kdbx'] as const
type Format = (typeof FORMATS)[number]

export const exportCommand: CliCommand = {
  usage: 'VAULT --format kdbx|aegis|otpauth|csv [--unencrypted] [--out FILE]',
  details:
    'For moving to another app. kdbx writes every item as a KeePass (KDBX 4) database that ' +
    'KeePassXC opens, encrypted with a password you choose (never plain; --out is required). ' +
    'aegis writes the 2FA keys as an Aegis vault file, encrypted with a password you choose ' +
    `too (--export-password-file FILE, else ${EXPORT_PASSWORD_ENV}, else asked ` +
    'twice), which Aegis and the apps that read Aegis exports import; with --unencrypted it is ' +
    'written plain. otpauth (one URI per 2FA key) and csv (logins) are always unencrypted, so ' +
    '--unencrypted is required to acknowledge it. Without --out it goes to standard output; ' +
    '--out writes a new file readable only by you (never overwriting). Items in the trash are ' +
    'left out. For a backup, use cairn backup instead.',
  options: {
    format: { type: 'string', valueName: 'kdbx|aegis|otpauth|csv', description: 'what to export' },
    unencrypted: {
      type: 'boolean',
      description: 'acknowledge that the export is not encrypted (required for otpauth and csv)',
    },
    ...EXPORT_PASSWORD_OPTION,
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
    const format = values.format as Format
    if (!FORMATS.includes(format)) {
      throw new UsageError('--format must be kdbx, aegis, otpauth or csv')
    }
    if (format === 'kdbx') return runKdbxExport(context)
    const plain = values.unencrypted === true
    if (!plain && format !== 'aegis') {
      throw new UsageError(
        'a plain export is not encrypted: add --unencrypted to confirm (or use --format aegis, or cairn backup)',
      )
    }
    // The export password is asked before the vault is unlocked, so a mistyped one costs nothing.
    const password = plain ? null : await readExportPassword(context, 'export')
    if (plain) io.err(`cairn: warning: ${UNENCRYPTED_WARNING}`)
    // Either kind of export is a new way into the secrets: it needs the master password.
    const what = plain ? 'An unencrypted export' : 'An export with its own password'
    const text = await withMasterPasswordVault(context, positionals[0] as string, what, (vault) => {
      const items = vault.list().items
      const ack = { acknowledgeUnencrypted: true }
      if (format === 'aegis') {
        const bytes = exportAegisJson(items, password === null ? ack : { password })
        return `${new TextDecoder().decode(bytes)}\n`
      }
      return format === 'otpauth' ? exportOtpauthUris(items, ack) : exportLoginsCsv(items, ack)
    })
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
