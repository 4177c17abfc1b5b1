import { resolve } from 'node:path'
import { askAgent, ensureAgent, unwrap } from '../agent/agent-client.ts'
import { AGENT_DISABLE_ENV, agentDisabled } from '../agent/agent-paths.ts'
import { PROTOCOL_VERSION } from '../agent/agent-protocol.ts'
import { formatDuration, parseDuration } from '../agent/durations.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { readCredential } from '../credential-source.ts'
import { printable } from '../terminal-text.ts'

const DEFAULT_FOR_MS = 15 * 60_000
const DEFAULT_IDLE_MS = 5 * 60_000
const MAX_MS = 24 * 3_600_000

export const unlockCommand: CliCommand = {
  usage: 'VAULT [--for DURATION] [--idle DURATION]',
  details:
    'Starts the agent (one per user) unless it runs, and has it unlock VAULT. Until it locks, ' +
    'list, code, show, add, rm and the other item commands on VAULT are answered by the agent ' +
    'without asking for the password. It locks after --for (default 15m), after --idle without ' +
    'use (default 5m), when the file’s key slots change (a password change or key rotation ' +
    `anywhere), and on cairn lock. Any program running as you can ask it for codes and items ` +
    `meanwhile. ${AGENT_DISABLE_ENV}=1 turns the agent off.`,
  options: {
    for: {
      type: 'string',
      valueName: 'DURATION',
      description: 'lock after this long, like 90s, 15m, 2h (default 15m, at most 24h)',
    },
    idle: {
      type: 'string',
      valueName: 'DURATION',
      description: 'lock after this long without a command (default 5m)',
    },
  },
  unlocks: true,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    if (agentDisabled(io.env)) {
      throw new CliError(`the agent is turned off (${AGENT_DISABLE_ENV} is set)`)
    }
    const forMs =
      typeof values.for === 'string' ? parseDuration(values.for, '--for', MAX_MS) : DEFAULT_FOR_MS
    const idleMs =
      typeof values.idle === 'string'
        ? parseDuration(values.idle, '--idle', MAX_MS)
        : Math.min(DEFAULT_IDLE_MS, forMs)
    // The desktop app may answer here instead of an agent: then no password is read or sent.
    const running = await askAgent({ v: PROTOCOL_VERSION, op: 'status' }, io.env)
    const status = running === null ? null : unwrap(running)
    if (status?.kind === 'status' && status.host === 'app') {
      throw new CliError(
        'the Cairn app answers the command line on this computer: unlock the vault in the app (or turn off “Answer the command line” in its settings to use cairn unlock)',
      )
    }
    const credential = await readCredential(context)
    if (credential.kind === 'recovery-key') {
      throw new UsageError(
        'unlock takes the master password or a one-time code; a recovery key must first set a new password (any other command does that)',
      )
    }
    await ensureAgent(io.env)
    const response = await askAgent(
      {
        v: PROTOCOL_VERSION,
        op: 'unlock',
        path: resolve(positionals[0] as string),
        credential,
        forMs,
        idleMs,
      },
      io.env,
    )
    if (response === null) throw new CliError('the cairn agent stopped before it answered')
    const answer = unwrap(response)
    if (answer.kind !== 'unlocked') throw new CliError('the cairn agent answered out of turn')
    io.out(
      `Unlocked '${printable(answer.vault.name)}' in the agent for ${formatDuration(forMs)} ` +
        `(locks after ${formatDuration(idleMs)} unused; cairn lock locks it now)`,
    )
  },
}
