import {
  UNENCRYPTED_WARNING,
  exportLoginsCsv,
  exportOtpauthUris,
} from '../../core/backup/plain-export.ts'
import { exportAegisJson } from '../../core/export/aegis-export.ts'
import { writeFileAtomic } from '../../core/fs/atomic-file.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { readSecretFile } from '../credential-source.ts'
import { promptHidden } from '../terminal-input.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const EXPORT_PASSWORD_ENV = 'CAIRN_EXPORT_PASSWORD'
const FORMATS = ['otpauth', 'csv', 'aegis'] as const
type Format = (typeof FORMATS)[number]

/** The password an encrypted export is sealed with: a file, the environment, or asked twice. */
async function exportPassword(context: CommandContext): Promise<string> {
  const file = context.values['export-password-file']
  if (typeof file === 'string') return readSecretFile(file, 'export password')
  const env = context.io.env[EXPORT_PASSWORD_ENV]
  if (env !== undefined) {
    if (env === '') throw new CliError(`${EXPORT_PASSWORD_ENV} is set but empty`)
    return env
  }
  if (!context.io.stdin.isTTY) {
    throw new CliError(
      `no export password: use --export-password-file FILE or ${EXPORT_PASSWORD_ENV}, or run in a terminal to be asked`,
    )
  }
  const first = await promptHidden('Password for the export: ', context.io.stdin)
  if (first === '') throw new CliError('the export password cannot be empty')
  const second = await promptHidden('Repeat the export password: ', context.io.stdin)
  if (first !== second) throw new CliError('the two passwords do not match; nothing was written')
  return first
}

export const exportCommand: CliCommand = {
  usage: 'VAULT --format aegis|otpauth|csv [--unencrypted] [--out FILE]',
  details:
    'For moving to another app. aegis writes the 2FA keys as an Aegis vault file, encrypted with ' +
    `a password you choose (--export-password-file FILE, else ${EXPORT_PASSWORD_ENV}, else asked ` +
    'twice), which Aegis and the apps that read Aegis exports import; with --unencrypted it is ' +
    'written plain. otpauth (one URI per 2FA key) and csv (logins) are always unencrypted, so ' +
    '--unencrypted is required to acknowledge it. Without --out it goes to standard output; ' +
    '--out writes a new file readable only by you (never overwriting). Items in the trash are ' +
    'left out. For a backup, use cairn backup instead.',
  options: {
    format: { type: 'string', valueName: 'aegis|otpauth|csv', description: 'what to export' },
    unencrypted: {
      type: 'boolean',
      description: 'acknowledge that the export is not encrypted (required for otpauth and csv)',
    },
    'export-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: `the password an encrypted export is sealed with, first line of FILE (else ${EXPORT_PASSWORD_ENV}, else asked)`,
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
    const format = values.format as Format
    if (!FORMATS.includes(format)) {
      throw new UsageError('--format must be aegis, otpauth or csv')
    }
    const plain = values.unencrypted === true
    if (!plain && format !== 'aegis') {
      throw new UsageError(
        'a plain export is not encrypted: add --unencrypted to confirm (or use --format aegis, or cairn backup)',
      )
    }
    // The export password is asked before the vault is unlocked, so a mistyped one costs nothing.
    const password = plain ? null : await exportPassword(context)
    if (plain) io.err(`cairn: warning: ${UNENCRYPTED_WARNING}`)
    const text = await withUnlockedVault(context, positionals[0] as string, (vault) => {
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
      if (body !== '') io.out(body)
    }
  },
}
