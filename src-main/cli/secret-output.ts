// Where a command's secrets go: a new owner-only file with --out FILE (never overwriting), else
// standard output, with a warning when that is not a terminal: a shell redirect creates a file
// anyone on the machine may read (mode 0644 under the usual umask).
import { writeFileAtomic } from '../core/fs/atomic-file.ts'
import type { CommandContext } from './cli-types.ts'
import type { OptionSpecs } from './cli-types.ts'

export const OUT_OPTION: OptionSpecs = {
  out: {
    type: 'string',
    valueName: 'FILE',
    description: 'write the secrets to a new file readable only by you (never overwritten)',
  },
}

/** Writes `lines` to --out (0600, exclusive) or to standard output; `what` names them in warnings. */
export function emitSecrets(context: CommandContext, lines: readonly string[], what: string): void {
  const { io, values } = context
  if (typeof values.out === 'string') {
    writeFileAtomic(values.out, [Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8')])
    io.err(`Wrote ${what} to ${values.out} (readable only by you)`)
    return
  }
  if (io.stdoutIsTerminal === false) {
    io.err(
      `cairn: warning: writing ${what} to a file or pipe; a shell redirect creates a file others ` +
        'may read: use --out FILE instead, which is created readable only by you',
    )
  }
  for (const line of lines) io.out(line)
}
