import { resolve } from 'node:path'
import { askAgent } from '../agent/agent-client.ts'
import { PROTOCOL_VERSION } from '../agent/agent-protocol.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { completionScript, type CompletionShell } from '../shell-completion.ts'

const SHELLS: readonly CompletionShell[] = ['bash', 'zsh', 'fish']

export const completionCommand: CliCommand = {
  usage: 'bash|zsh|fish   |   completion names VAULT',
  details:
    'Prints a completion script: eval "$(cairn completion bash)" in ~/.bashrc, the same with zsh ' +
    'in ~/.zshrc, or cairn completion fish | source in fish. Commands and options always ' +
    'complete; item names only while the agent holds the vault (the script asks `cairn ' +
    'completion names VAULT`, which never asks for a password).',
  options: {},
  unlocks: false,
  positionals: { min: 1, max: 2 },
  async run({ io, positionals }) {
    const [what, vault] = positionals as [string, string | undefined]
    if (what === 'names') {
      if (vault === undefined) throw new UsageError('completion names needs VAULT')
      const answer = await askAgent(
        { v: PROTOCOL_VERSION, op: 'names', path: resolve(vault) },
        io.env,
      ).catch(() => null)
      if (answer?.ok && answer.kind === 'names') for (const name of answer.names) io.out(name)
      return
    }
    const shell = SHELLS.find((s) => s === what)
    if (!shell || vault !== undefined) {
      throw new UsageError(`completion takes bash, zsh or fish (or names VAULT)`)
    }
    for (const line of await completionScript(shell)) io.out(line)
  },
}
