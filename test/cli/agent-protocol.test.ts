// The agent's wire format: framing, and validation of every request and answer. A real agent is
// also sent garbage over its socket: it drops that connection after its greeting and keeps
// serving.
import { connect } from 'node:net'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  encodeMessage,
  isAgentRequest,
  isAgentResponse,
  MAX_MESSAGE_BYTES,
} from '../../src-main/cli/agent/agent-protocol.ts'
import { isServerHello } from '../../src-main/cli/agent/agent-handshake.ts'
import { agentEnv, agentStatus, stopAgents, unlockInAgent, type AgentEnv } from './agent-harness.ts'
import { cairn, PASSWORD, seedVault, workspace, type Workspace } from './cli-harness.ts'
import { otpItem } from './cli-items-fixtures.ts'

describe('agent messages', () => {
  const run = { v: 1, op: 'run', cwd: '/', argv: ['list', 'v'], stdin: null, stdinIsTTY: false }

  it('accepts the requests it knows and nothing more', () => {
    expect(isAgentRequest(run)).toBe(true)
    expect(isAgentRequest({ v: 1, op: 'status' })).toBe(true)
    expect(isAgentRequest({ v: 1, op: 'lock', path: null })).toBe(true)
    const unlock = {
      v: 1,
      op: 'unlock',
      path: '/v',
      credential: { kind: 'password', password: 'x' },
      forMs: 1000,
      idleMs: 1000,
    }
    expect(isAgentRequest(unlock)).toBe(true)
    for (const bad of [
      { ...run, v: 2 },
      { ...run, extra: 1 },
      { ...run, argv: ['list', 3] },
      { ...run, stdin: 5 },
      { v: 1, op: 'shell', command: 'rm -rf ~' },
      { ...unlock, credential: { kind: 'password', password: 'x', more: 1 } },
      { ...unlock, credential: { kind: 'vault-key', key: 'x' } },
      { ...unlock, forMs: -1 },
      { ...unlock, idleMs: 1.5 },
      [run],
      null,
      'status',
    ]) {
      expect(isAgentRequest(bad), JSON.stringify(bad)).toBe(false)
    }
  })

  it('accepts the answers it knows and nothing more', () => {
    const ran = {
      ok: true,
      kind: 'ran',
      status: 0,
      out: ['1'],
      err: [],
      ambiguous: null,
      clip: null,
    }
    expect(isAgentResponse(ran)).toBe(true)
    expect(isAgentResponse({ ok: false, code: 'LOCKED', message: 'm' })).toBe(true)
    expect(
      isAgentResponse({
        ...ran,
        ambiguous: { query: 'g', choices: [{ id: 'a', name: 'A' }] },
      }),
    ).toBe(true)
    for (const bad of [
      { ...ran, status: -1 },
      { ...ran, out: [1] },
      { ...ran, key: 'secret' },
      { ...ran, ambiguous: { query: 'g', choices: [{ id: 1 }] } },
      { ok: true, kind: 'status', pid: 1, vaults: [{ path: '/v' }] },
      { ok: 'yes', kind: 'run-here' },
      { ok: false, code: 'LOCKED' },
    ]) {
      expect(isAgentResponse(bad), JSON.stringify(bad)).toBe(false)
    }
  })

  it('frames a message as a 4-byte big-endian length and UTF-8 JSON', () => {
    const frame = encodeMessage({ v: 1, op: 'status' })
    const body = Buffer.from('{"v":1,"op":"status"}')
    expect(frame.readUInt32BE(0)).toBe(body.length)
    expect(frame.subarray(4)).toEqual(body)
  })
})

describe('a running agent sent garbage', () => {
  let ws: Workspace
  let agent: AgentEnv
  beforeEach(() => {
    ws = workspace()
    agent = agentEnv(ws.dir)
  })
  afterEach(() => {
    cairn(['lock'], { env: agent.env })
    stopAgents()
    ws.cleanup()
  })
  afterAll(stopAgents)

  /** Sends raw bytes; resolves with what came back before the agent closed the connection. */
  function sendRaw(bytes: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      const socket = connect(`${agent.socketDir}/agent.sock`, () => socket.write(bytes))
      socket.on('data', (c) => chunks.push(c))
      socket.on('close', () => resolve(Buffer.concat(chunks)))
      socket.on('error', reject)
      setTimeout(() => socket.destroy(), 3000)
    })
  }

  /** Exactly the agent's greeting, and nothing after it. */
  function onlyGreeting(bytes: Buffer): boolean {
    if (bytes.length < 4) return false
    const length = bytes.readUInt32BE(0)
    if (bytes.length !== 4 + length) return false
    return isServerHello(JSON.parse(bytes.subarray(4).toString('utf8')))
  }

  it('drops a connection with a bad request and keeps serving the others', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [otpItem({ issuer: 'Google' })])
    expect(unlockInAgent(agent, vault, PASSWORD).status).toBe(0)
    expect(onlyGreeting(await sendRaw(encodeMessage({ v: 1, op: 'export-key' })))).toBe(true)
    const notJson = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('{{{')])
    expect(onlyGreeting(await sendRaw(notJson))).toBe(true)
    const huge = Buffer.alloc(4)
    huge.writeUInt32BE(MAX_MESSAGE_BYTES + 1)
    expect(onlyGreeting(await sendRaw(huge))).toBe(true)
    expect(agentStatus(agent).paths).toEqual([vault])
    expect(cairn(['code', vault, 'google'], { env: agent.env }).stdout).toMatch(/^\d{6}\n$/)
  })
})
