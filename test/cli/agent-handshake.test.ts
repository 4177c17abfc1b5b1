// The agent handshake: both ends prove they hold the agent key (in a file only this user can
// read) before anything else is sent. A peer without it gets the greeting and nothing more; a
// listener without it that took the agent's place (as another account can on a Windows pipe)
// receives no request and no password, and the command runs without the agent.
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { freshNonce, isServerHello, proofOf } from '../../src-main/cli/agent/agent-handshake.ts'
import { encodeMessage, readMessages } from '../../src-main/cli/agent/agent-protocol.ts'
import {
  agentEnv,
  agentStatus,
  isRunning,
  stopAgents,
  unlockInAgent,
  waitFor,
  type AgentEnv,
} from './agent-harness.ts'
import {
  CLI,
  cairn,
  cleanEnv,
  PASSWORD,
  seedVault,
  workspace,
  type Workspace,
} from './cli-harness.ts'
import { otpItem } from './cli-items-fixtures.ts'

describe('handshake proofs', () => {
  const key = Buffer.alloc(32, 7)
  it('differ by role and by either nonce', () => {
    const [s, c] = [freshNonce(), freshNonce()]
    const client = proofOf(key, 'client', s, c)
    expect(proofOf(key, 'server', s, c)).not.toBe(client)
    expect(proofOf(key, 'client', freshNonce(), c)).not.toBe(client)
    expect(proofOf(key, 'client', s, freshNonce())).not.toBe(client)
    expect(proofOf(Buffer.alloc(32, 8), 'client', s, c)).not.toBe(client)
    expect(proofOf(key, 'client', s, c)).toBe(client)
  })
})

/** Runs cairn without blocking this process (a listener in it has to answer). */
function cairnAsync(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

describe('the agent and its key', () => {
  let ws: Workspace
  let agent: AgentEnv
  let squatter: Server | null = null
  beforeEach(() => {
    ws = workspace()
    agent = agentEnv(ws.dir)
  })
  afterEach(async () => {
    if (squatter) await new Promise((r) => squatter!.close(r))
    squatter = null
    cairn(['lock'], { env: agent.env })
    stopAgents()
    ws.cleanup()
  })
  afterAll(stopAgents)

  const keyFile = () => join(agent.socketDir, 'agent.key')

  it('writes its key for this user only, and removes it when it stops', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [otpItem({ issuer: 'Google' })])
    expect(unlockInAgent(agent, vault, PASSWORD).status).toBe(0)
    const st = statSync(keyFile())
    expect(st.mode & 0o777).toBe(0o600)
    expect(st.size).toBe(32)
    const { pid } = agentStatus(agent)
    expect(cairn(['lock'], { env: agent.env }).status).toBe(0)
    expect(await waitFor(() => pid === null || !isRunning(pid), 10_000)).toBe(true)
    expect(existsSync(keyFile())).toBe(false)
  })

  it('gives a peer without the key the greeting and nothing more, and keeps serving', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [otpItem({ issuer: 'Google' })])
    expect(unlockInAgent(agent, vault, PASSWORD).status).toBe(0)
    const received: unknown[] = []
    await new Promise<void>((resolve, reject) => {
      const socket = connect(join(agent.socketDir, 'agent.sock'))
      readMessages(
        socket,
        (message) => {
          received.push(message)
          if (isServerHello(message)) {
            const wrongKey = Buffer.alloc(32, 1)
            const nonce = freshNonce()
            // The request rides in the same write as the failed proof: it is never read.
            socket.write(
              Buffer.concat([
                encodeMessage({ nonce, proof: proofOf(wrongKey, 'client', message.nonce, nonce) }),
                encodeMessage({ v: 1, op: 'status' }),
              ]),
            )
          }
        },
        () => reject(new Error('unreadable')),
      )
      socket.on('close', () => resolve())
      // The agent drops the connection while the second write is on its way.
      socket.on('error', () => socket.destroy())
    })
    expect(received).toHaveLength(1)
    expect(isServerHello(received[0])).toBe(true)
    expect(cairn(['code', vault, 'google'], { env: agent.env }).stdout).toMatch(/^\d{6}\n$/)
  })

  it('sends nothing to a listener that cannot prove it holds the key', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [otpItem({ issuer: 'Google' })])
    // A key file left by an agent that is gone, and something else listening in its place.
    mkdirSync(agent.socketDir, { mode: 0o700 })
    writeFileSync(keyFile(), Buffer.alloc(32, 3), { mode: 0o600 })
    const heard: Buffer[] = []
    squatter = createServer((socket) => {
      socket.on('data', (d: Buffer) => heard.push(d))
      const nonce = freshNonce()
      socket.write(encodeMessage({ hello: 'cairn-agent', nonce }))
      readMessages(
        socket,
        () =>
          socket.write(
            encodeMessage({ proof: proofOf(Buffer.alloc(32, 9), 'server', nonce, nonce) }),
          ),
        () => socket.destroy(),
      )
    })
    await new Promise<void>((r) => squatter!.listen(join(agent.socketDir, 'agent.sock'), r))
    chmodSync(join(agent.socketDir, 'agent.sock'), 0o600)

    const unlock = await cairnAsync(['unlock', vault], { ...agent.env, CAIRN_PASSWORD: PASSWORD })
    expect(unlock.status).not.toBe(0)
    expect(unlock.stderr).toMatch(/not the cairn agent.*nothing was sent to it/)

    const code = await cairnAsync(['code', vault, 'google'], {
      ...agent.env,
      CAIRN_PASSWORD: PASSWORD,
    })
    expect(code.status).toBe(0)
    expect(code.stdout).toMatch(/^\d{6}\n$/)
    expect(code.stderr).toMatch(/nothing was sent to it/)

    const all = Buffer.concat(heard)
    expect(all.length).toBeGreaterThan(0)
    expect(all.includes(Buffer.from(PASSWORD))).toBe(false)
    expect(all.includes(Buffer.from('"op"'))).toBe(false)
    expect(all.includes(Buffer.from('google'))).toBe(false)
    expect(readFileSync(keyFile())).toEqual(Buffer.alloc(32, 3))
  })

  /** Something listening where the agent should, owned by this user, that never greets. */
  async function silentListener(): Promise<Buffer[]> {
    mkdirSync(agent.socketDir, { mode: 0o700, recursive: true })
    const heard: Buffer[] = []
    squatter = createServer((socket) => socket.on('data', (d: Buffer) => heard.push(d)))
    await new Promise<void>((r) => squatter!.listen(join(agent.socketDir, 'agent.sock'), r))
    chmodSync(join(agent.socketDir, 'agent.sock'), 0o600)
    return heard
  }

  it('gives up on a listener that never greets, and the command runs without it', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [otpItem({ issuer: 'Google' })])
    const heard = await silentListener()
    writeFileSync(keyFile(), Buffer.alloc(32, 3), { mode: 0o600 })
    const code = await cairnAsync(['code', vault, 'google'], {
      ...agent.env,
      CAIRN_PASSWORD: PASSWORD,
    })
    expect(code.status).toBe(0)
    expect(code.stdout).toMatch(/^\d{6}\n$/)
    expect(code.stderr).toMatch(/did not answer its handshake/)
    expect(heard).toEqual([])
  }, 60_000)

  it('names an agent from before the handshake instead of saying there is none', async () => {
    const heard = await silentListener()
    for (const command of [['status'], ['lock']]) {
      const result = await cairnAsync(command, agent.env)
      expect(result.status).not.toBe(0)
      expect(result.stderr).toMatch(/an older cairn is running/)
    }
    expect(heard).toEqual([])
  })
})
