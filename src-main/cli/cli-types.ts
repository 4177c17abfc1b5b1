// The shape every `cairn` command module has. Commands are registered in commands/index.ts.
import type { ManagedVault } from '../core/vault/vault-api.ts'

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
  /**
   * Copies a secret to the clipboard and says on stderr when it will be cleared (`--clip`).
   * Inside the agent the text goes back to the cairn process, which copies it there.
   */
  clip(text: string): Promise<void>
}

/** Set when a command runs inside the agent, on a vault the agent holds. */
export interface AgentSession {
  /** The held, unlocked vault at `path`, or undefined (then the cairn process runs the command). */
  vault(path: string): ManagedVault | undefined
  /**
   * The caller's working folder: relative paths in the command mean what they mean there (the
   * agent never changes its own, which in the desktop app is the whole main process's).
   */
  cwd: string
  /** What the client sent of its standard input, when the command reads it. */
  stdin: string | null
  stdinIsTTY: boolean
  /** Told when a query matched several items, so the client can offer a pick list. */
  onAmbiguous(error: { query: string; choices: { id: string; name: string }[] }): void
}

export interface CommandContext {
  io: CliIo
  positionals: string[]
  values: OptionValues
  agent?: AgentSession
}

/** How a command behaves when the agent holds its vault. */
export interface AgentUse {
  /** True when, with these arguments, the command reads standard input. */
  readsStdin?(context: CommandContext): boolean
  /** True when it would ask at the terminal: then it runs in the cairn process, not the agent. */
  needsTerminal?(context: CommandContext): boolean
}

/** What `cairn --help` needs of a command, and how to load the rest of it. */
export interface CommandEntry {
  name: string
  /** One line for the command list. */
  summary: string
  load(): Promise<CliCommand>
  /** The agent may run it when it holds the vault (checked before the module loads). */
  viaAgent?: boolean
}

export interface CliCommand {
  /** Arguments after the command name, e.g. 'VAULT [QUERY]'. */
  usage: string
  /** Further paragraphs for `cairn NAME --help`. */
  details?: string
  options: OptionSpecs
  /** True when the command unlocks an existing vault: it then takes the credential options. */
  unlocks: boolean
  positionals: { min: number; max: number }
  /** Present when the agent may run this command (item commands on an unlocked vault). */
  agent?: AgentUse
  run(context: CommandContext): Promise<void>
}
