// The shape every `cairn` command module has. Commands are registered in commands/index.ts.

/** One option of a command, as parseArgs reads it plus what --help says about it. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** Shown in help after the option name, e.g. FILE. */
  valueName?: string
  description: string
}

export type OptionSpecs = Record<string, OptionSpec>

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>

/** Everything a command touches outside itself; main.ts wires it to the real process. */
export interface CliIo {
  /** Writes one line (a newline is added) to standard output. */
  out(line: string): void
  /** Writes one line (a newline is added) to standard error. */
  err(line: string): void
  env: Record<string, string | undefined>
  stdin: NodeJS.ReadStream
  /** Whether standard output is a terminal (else a file or pipe, where secrets may linger). */
  stdoutIsTerminal?: boolean
  /** Unix milliseconds. */
  now(): number
}

export interface CommandContext {
  io: CliIo
  positionals: string[]
  values: OptionValues
}

export interface CliCommand {
  name: string
  /** One line for the command list. */
  summary: string
  /** Arguments after the command name, e.g. 'VAULT [QUERY]'. */
  usage: string
  /** Further paragraphs for `cairn NAME --help`. */
  details?: string
  options: OptionSpecs
  /** True when the command unlocks an existing vault: it then takes the credential options. */
  unlocks: boolean
  positionals: { min: number; max: number }
  run(context: CommandContext): Promise<void>
}
