// Argument handling shared by every command: find the command, parse its options (node:util
// parseArgs, strict), answer --help, run it, and turn any failure into one line on stderr with a
// non-zero exit status. Exit statuses: 0 done, 1 failed, 2 wrong usage, 130 cancelled at a prompt.
import { parseArgs } from 'node:util'
import { isCairnError } from '../core/errors.ts'
import { AmbiguousQueryError, CliError, UsageError } from './cli-error.ts'
import { isAgentSignal, NeedStdinSignal, RunHereSignal } from './agent/agent-signals.ts'
import type {
  AgentSession,
  CliCommand,
  CliIo,
  CommandContext,
  CommandEntry,
  OptionSpecs,
  OptionValues,
} from './cli-types.ts'
import { COMMANDS } from './commands/index.ts'
import {
  CREDENTIAL_OPTIONS,
  NEW_PASSWORD_ENV,
  PASSWORD_ENV,
  RECOVERY_KEY_ENV,
} from './credential-options.ts'

const HELP_OPTION: OptionSpecs = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
}

function optionsOf(command: CliCommand): OptionSpecs {
  // A command's own description of an option wins over the shared one (passwd's new password).
  return { ...(command.unlocks ? CREDENTIAL_OPTIONS : {}), ...command.options, ...HELP_OPTION }
}

function generalHelp(): string[] {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'cairn — the command line of the Cairn vault (passwords and 2FA keys, offline)',
    '',
    'Usage: cairn COMMAND ARGS…   (cairn COMMAND --help for details)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'The master password is read from --password-file FILE (first line), else from the',
    `${PASSWORD_ENV} environment variable (meant for scripts: anything that can read this`,
    'process’s environment can read it), else asked for without echo in a terminal.',
    `Instead of it: --recovery-key-file FILE or ${RECOVERY_KEY_ENV} (then a new master password is`,
    'required, and a fresh recovery key replaces the one used), or --one-time-code-file FILE.',
    `passwd reads the new password from --new-password-file or ${NEW_PASSWORD_ENV} the same way.`,
    '',
    'Exit status: 0 done, 1 failed (one line on stderr; the vault is left as it was),',
    '2 wrong usage, 130 cancelled.',
  ]
}

/** Word-wraps a paragraph for an 80-column terminal. */
function wrap(text: string, indent = ''): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > 80) {
      lines.push(indent + line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(indent + line)
  return lines
}

function commandHelp(entry: CommandEntry, command: CliCommand): string[] {
  const options = Object.entries(optionsOf(command)).map(([name, spec]) => {
    const flag = spec.type === 'boolean' ? `--${name}` : `--${name} ${spec.valueName ?? 'VALUE'}`
    return [spec.short ? `-${spec.short}, ${flag}` : flag, spec.description] as const
  })
  const width = Math.max(...options.map(([flag]) => flag.length))
  return [
    `Usage: cairn ${entry.name} ${command.usage}`,
    '',
    `${entry.summary[0]?.toUpperCase()}${entry.summary.slice(1)}.`,
    ...(command.details ? ['', ...wrap(command.details)] : []),
    '',
    'Options:',
    ...options.flatMap(([flag, description]) => {
      const [first = '', ...rest] = wrap(description, ' '.repeat(width + 4))
      return [`  ${flag.padEnd(width)}  ${first.trimStart()}`, ...rest]
    }),
  ]
}

function parseCommandArgs(command: CliCommand, args: string[]) {
  const options = Object.fromEntries(
    Object.entries(optionsOf(command)).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        multiple: spec.multiple === true,
        ...(spec.short ? { short: spec.short } : {}),
      },
    ]),
  )
  try {
    const parsed = parseArgs({
      args,
      options,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    })
    return { values: parsed.values as OptionValues, positionals: parsed.positionals }
  } catch (e) {
    // parseArgs explains itself in one line (unknown option, missing value…).
    throw new UsageError((e as Error).message.split('\n')[0] ?? 'bad arguments')
  }
}

const wantsHelp = (args: string[]) => args.some((a) => a === '--help' || a === '-h')

async function dispatch(argv: string[], io: CliIo, agent?: AgentSession): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined
    const entry = COMMANDS.find((c) => c.name === topic)
    if (topic !== undefined && !entry) throw new UsageError(`unknown command '${topic}'`)
    const lines = entry ? commandHelp(entry, await entry.load()) : generalHelp()
    for (const line of lines) io.out(line)
    if (name === undefined) throw new UsageError('missing command')
    return 0
  }
  const entry = COMMANDS.find((c) => c.name === name)
  if (!entry) throw new UsageError(`unknown command '${name}'`)
  if (agent === undefined && entry.viaAgent && !wantsHelp(args)) {
    // Before loading the command: when the agent holds the vault, nothing else is needed here.
    const { runThroughAgent } = await import('./agent/agent-client.ts')
    const status = await runThroughAgent(argv, io)
    if (status !== null) return status
  }
  if (agent !== undefined && !entry.viaAgent) throw new RunHereSignal()
  const command = await entry.load()
  try {
    const { values, positionals } = parseCommandArgs(command, args)
    if (values.help) {
      for (const line of commandHelp(entry, command)) io.out(line)
      return 0
    }
    const { min, max } = command.positionals
    if (positionals.length < min || positionals.length > max) {
      throw new UsageError(`usage: cairn ${entry.name} ${command.usage}`)
    }
    const context: CommandContext = { io, positionals, values, ...(agent ? { agent } : {}) }
    if (agent) checkAgentCanRun(command, context, agent)
    await command.run(context)
    return 0
  } catch (e) {
    if (e instanceof UsageError) e.command = entry.name
    throw e
  }
}

/** Inside the agent: hand the command back when it needs the terminal or unsent input. */
function checkAgentCanRun(command: CliCommand, context: CommandContext, agent: AgentSession) {
  const use = command.agent
  if (!use) throw new RunHereSignal()
  if (agent.stdinIsTTY && use.needsTerminal?.(context)) throw new RunHereSignal()
  if (use.readsStdin?.(context) && agent.stdin === null) {
    if (agent.stdinIsTTY) throw new RunHereSignal()
    throw new NeedStdinSignal()
  }
}

/**
 * Runs one `cairn` invocation and returns its exit status. Never throws, except, inside the agent
 * (`agent` given), the signals that hand a command back to the cairn process.
 */
export async function runCli(argv: string[], io: CliIo, agent?: AgentSession): Promise<number> {
  try {
    return await dispatch(argv, io, agent)
  } catch (e) {
    if (isAgentSignal(e)) throw e
    if (agent && e instanceof AmbiguousQueryError) agent.onAmbiguous(e)
    return reportFailure(e, io)
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const help = error.command ? `cairn ${error.command} --help` : 'cairn --help'
    io.err(`cairn: ${error.message} (see ${help})`)
    return error.exitCode
  }
  if (error instanceof CliError) {
    io.err(`cairn: ${error.message}`)
    return error.exitCode
  }
  if (isCairnError(error)) {
    io.err(`cairn: ${oneLine(error.message)}`)
    return 1
  }
  // Not ours: say what kind of failure it was, without a stack (it could quote internals).
  const name = error instanceof Error ? error.name : 'Error'
  const message = error instanceof Error ? oneLine(error.message) : String(error)
  io.err(`cairn: unexpected ${name}: ${message}`)
  return 1
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
