import { resolve } from 'node:path'
import { askAgent, unwrap } from '../agent/agent-client.ts'
import { PROTOCOL_VERSION } from '../agent/agent-protocol.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { terminalJson, printable } from '../terminal-text.ts'

export const lockCommand: CliCommand = {
  usage: '[VAULT] [--json]',
  details: 'Without VAULT, every vault the agent holds is locked, and the agent exits.',
  options: { json: { type: 'boolean', description: 'print the locked paths as JSON' } },
  unlocks: false,
  positionals: { min: 0, max: 1 },
  async run({ io, positionals, values }) {
    const path = positionals[0] === undefined ? null : resolve(positionals[0])
    const response = await askAgent({ v: PROTOCOL_VERSION, op: 'lock', path }, io.env)
    const answer = response === null ? null : unwrap(response)
    if (answer !== null && answer.kind !== 'locked') {
      throw new CliError('the cairn agent answered out of turn')
    }
    const paths = answer?.paths ?? []
    if (values.json) io.out(terminalJson({ locked: paths }))
    else if (answer === null) io.out('Nothing to lock: no agent is running')
    else if (paths.length === 0) io.out('Nothing to lock: the agent holds no such vault')
    else for (const p of paths) io.out(`Locked ${printable(p)}`)
  },
}
