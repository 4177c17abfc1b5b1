// Entry point of the agent process (`cairn` starts it detached: bin/cairn.js --agent-process).
import { AgentServer } from './agent-server.ts'

process.title = 'cairn-agent'
const server = new AgentServer()
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => server.stop())
}
try {
  if (!(await server.start())) process.exit(0)
} catch {
  process.exit(1)
}
