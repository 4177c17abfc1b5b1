// A private agent for one test file: its own XDG_RUNTIME_DIR in the workspace, so tests never
// meet the user's own agent. stopAgents() kills every agent a test started (by the pid the agent
// reports); the agent also exits by itself once it holds no vault.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach } from 'vitest'
import { cairn, workspace, type CliResult, type Workspace } from './cli-harness.ts'

export interface AgentEnv {
  runtimeDir: string
  socketDir: string
  env: Record<string, string>
}

export function agentEnv(root: string): AgentEnv {
  const runtimeDir = join(root, 'run')
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 })
  return {
    runtimeDir,
    socketDir: join(runtimeDir, 'cairn'),
    env: { XDG_RUNTIME_DIR: runtimeDir },
  }
}

const started = new Set<number>()

/** `cairn status --json` in this agent environment: the agent's pid and what it holds. */
export function agentStatus(agent: AgentEnv): { pid: number | null; paths: string[] } {
  const result = cairn(['status', '--json'], { env: agent.env })
  if (result.status !== 0) throw new Error(`cairn status failed: ${result.stderr}`)
  const parsed = JSON.parse(result.stdout) as {
    agent: { pid: number } | null
    vaults: { path: string }[]
  }
  const pid = parsed.agent?.pid ?? null
  if (pid !== null) started.add(pid)
  return { pid, paths: parsed.vaults.map((v) => v.path) }
}

export function unlockInAgent(
  agent: AgentEnv,
  vault: string,
  password: string,
  extra: string[] = [],
): CliResult {
  const result = cairn(['unlock', vault, ...extra], {
    env: { ...agent.env, CAIRN_PASSWORD: password },
  })
  if (result.status === 0) agentStatus(agent)
  return result
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export function stopAgents(): void {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  started.clear()
}

export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

/**
 * A fresh workspace with its own agent for every test: `set` receives both before each test;
 * after it the agent is locked, every agent stopped and the workspace removed.
 */
export function useAgentWorkspace(set: (ws: Workspace, agent: AgentEnv) => void): void {
  let current: { ws: Workspace; agent: AgentEnv } | undefined
  beforeEach(() => {
    const ws = workspace()
    const agent = agentEnv(ws.dir)
    current = { ws, agent }
    set(ws, agent)
  })
  afterEach(() => {
    if (!current) return
    cairn(['lock'], { env: current.agent.env })
    stopAgents()
    current.ws.cleanup()
    current = undefined
  })
  afterAll(stopAgents)
}
