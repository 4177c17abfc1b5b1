import { askAgent, unwrap } from '../agent/agent-client.ts'
import { PROTOCOL_VERSION } from '../agent/agent-protocol.ts'
import { formatDuration } from '../agent/durations.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { terminalJson, printable } from '../terminal-text.ts'

export const statusCommand: CliCommand = {
  usage: '[--json]',
  options: { json: { type: 'boolean', description: 'print JSON' } },
  unlocks: false,
  positionals: { min: 0, max: 0 },
  async run({ io, values }) {
    const response = await askAgent({ v: PROTOCOL_VERSION, op: 'status' }, io.env)
    const answer = response === null ? null : unwrap(response)
    if (answer !== null && answer.kind !== 'status') {
      throw new CliError('the cairn agent answered out of turn')
    }
    const vaults = answer?.vaults ?? []
    if (values.json) {
      io.out(
        terminalJson({
          agent: answer === null ? null : { pid: answer.pid, host: answer.host ?? 'agent' },
          vaults,
        }),
      )
      return
    }
    if (answer === null) return io.out('No agent is running: every command asks for the password')
    if (answer.host === 'app') {
      io.out(`The Cairn app (pid ${answer.pid}) answers the command line with its unlocked vaults`)
      if (vaults.length === 0) return io.out('No vault is unlocked in the app')
      for (const v of vaults) {
        io.out(`${printable(v.path)}  '${printable(v.name)}'  unlocked in the app, locks with it`)
      }
      return
    }
    if (vaults.length === 0) return io.out(`The agent (pid ${answer.pid}) holds no vault`)
    const now = io.now()
    for (const v of vaults) {
      const lockIn = formatDuration(Math.min(v.lockAt, v.idleLockAt) - now)
      io.out(`${printable(v.path)}  '${printable(v.name)}'  locks in ${lockIn}`)
    }
  },
}
