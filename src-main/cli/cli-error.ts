// Failures the CLI reports itself. Core failures arrive as CairnError; both end as one line on
// stderr (run-cli.ts), never a stack.

export class CliError extends Error {
  readonly exitCode: number

  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

/** Wrong arguments: exit status 2, and the message points at --help. */
export class UsageError extends CliError {
  /** The command whose --help the message points to, once known. */
  command: string | undefined

  constructor(message: string) {
    super(message, 2)
    this.name = 'UsageError'
  }
}

/** Ctrl-C at a prompt: the shell convention for SIGINT. */
export class CancelledError extends CliError {
  constructor() {
    super('cancelled', 130)
    this.name = 'CancelledError'
  }
}

/** A query that matched several items; the choices let a terminal offer a pick list. */
export class AmbiguousQueryError extends CliError {
  readonly query: string
  readonly choices: { id: string; name: string }[]

  constructor(message: string, query: string, choices: { id: string; name: string }[]) {
    super(message)
    this.name = 'AmbiguousQueryError'
    this.query = query
    this.choices = choices
  }
}
