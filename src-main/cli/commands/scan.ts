import { readImportFiles } from '../../core/import/import-files.ts'
import { scanLines, scanRows } from '../../core/import/scan-report.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { terminalJson } from '../terminal-text.ts'

export const scanCommand: CliCommand = {
  usage: 'IMAGE… [--json]',
  details:
    'Reads every QR code in each PNG or JPEG image, screenshots included (several codes, dark ' +
    'themes, 4K screens), and says what it holds: a 2FA key, the accounts of a Google ' +
    'Authenticator export (and which of its parts are still missing), or something that is not ' +
    'a 2FA code. Secrets are not shown. --json prints an array of {file, type, issuer, account, ' +
    'algorithm, digits, period, counter, uri, note}, one entry per key or other code; uri is the ' +
    'key’s otpauth:// URI, which holds its secret.',
  options: {
    json: {
      type: 'boolean',
      description: 'print JSON, with each key’s otpauth URI (secret included)',
    },
  },
  unlocks: false,
  positionals: { min: 1, max: Infinity },
  async run({ io, positionals, values }) {
    const outcomes = await readImportFiles(positionals)
    if (values.json === true) io.out(terminalJson(scanRows(outcomes)))
    else for (const line of scanLines(outcomes)) io.out(line)
    const failed = outcomes.filter((o) => 'error' in o).length
    if (failed > 0) {
      throw new CliError(
        failed === 1 && outcomes.length === 1
          ? 'the file could not be read'
          : `${failed} of ${outcomes.length} files could not be read`,
      )
    }
  },
}
