// Entry point of the agent process (`cairn` starts it detached: bin/cairn.js --agent-process).
// It exits as soon as it holds no vault, and if nothing is unlocked within a minute of its start.
import { AgentServer } from './agent-server.ts'
import { HeldVaults } from './held-vaults.ts'

const FIRST_UNLOCK_WAIT_MS = 60_000

process.title = 'cairn-agent'
const exit = () => {
  vaults.lock(null)
  server.stop()
  process.exit(0)
}
const vaults = new HeldVaults(exit)
const server = new AgentServer(vaults)
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, exit)
try {
  if (!(await server.start())) process.exit(0)
  setTimeout(() => vaults.size === 0 && exit(), FIRST_UNLOCK_WAIT_MS).unref()
} catch {
  process.exit(1)
}
