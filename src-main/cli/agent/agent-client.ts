// The cairn process's side of the agent: find it (checking its folder and socket first), make it
// prove it holds the agent key (agent-handshake.ts) before sending anything, send one request, read
// one answer, and start the agent when `cairn unlock` needs one. Kept free of the vault code, so a
// command the agent answers loads almost nothing.
import { connect } from 'node:net'
import { CairnError } from '../../core/errors.ts'
import { CliError } from '../cli-error.ts'
import type { CliIo } from '../cli-types.ts'
import { readAllStdin } from '../terminal-input.ts'
import {
  agentDisabled,
  agentLocation,
  checkAgentDir,
  checkAgentSocket,
  type AgentLocation,
} from './agent-paths.ts'
import {
  freshNonce,
  isServerHello,
  isServerProof,
  proofMatches,
  proofOf,
  readAgentKey,
} from './agent-handshake.ts'
import {
  encodeMessage,
  isAgentResponse,
  PROTOCOL_VERSION,
  readMessages,
  type AgentRequest,
  type AgentResponse,
  type Choice,
} from './agent-protocol.ts'
import { cliEntry } from '../cli-entry.ts'

const START_WAIT_MS = 5000
/**
 * The handshake is two small messages, but an agent busy with a long command greets only after
 * it: one that has not finished the handshake by then is taken for no agent.
 */
const HANDSHAKE_MS = 15_000
/** A current agent greets at once; one that stays silent this long is from before the handshake. */
const OLD_AGENT_WAIT_MS = 500

type Env = Record<string, string | undefined>

function missing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTDIR'
}

/**
 * Throws CairnError when the agent's folder or socket could be reached by another user; returns
 * false when there is no agent to talk to.
 */
function agentReachable(location: AgentLocation): boolean {
  if (location.dir === null) return true
  try {
    checkAgentDir(location.dir)
    checkAgentSocket(location.socket)
    return true
  } catch (e) {
    if (missing(e)) return false
    throw e
  }
}

/**
 * Whether something listens on the socket without greeting: an agent from before the handshake
 * (the folder checks have shown the socket is this user's), which waits for a request instead.
 */
function silentListener(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socket)
    const done = (answer: boolean) => {
      clearTimeout(timer)
      probe.destroy()
      resolve(answer)
    }
    const timer = setTimeout(() => done(true), OLD_AGENT_WAIT_MS)
    probe.once('data', () => done(false))
    probe.once('error', () => done(false))
    probe.once('close', () => done(false))
  })
}

/** One request and its answer, or null when no agent listens. */
export async function askAgent(
  request: AgentRequest,
  env: Env = process.env,
): Promise<AgentResponse | null> {
  const location = agentLocation(env)
  if (!agentReachable(location)) return null
  const key = readAgentKey(location.keyFile)
  if (key === null) {
    if (location.dir !== null && (await silentListener(location.socket))) {
      throw new CairnError(
        'UNSUPPORTED',
        'An agent of an older cairn is running (it does not know the handshake); it locks at its own time, or end it now: pkill -f -- --agent-process',
      )
    }
    return null
  }
  return new Promise((resolve, reject) => {
    const socket = connect(location.socket)
    const clientNonce = freshNonce()
    let serverNonce: string | null = null
    let proven = false
    let answered = false
    const fail = (message: string) => {
      clearTimeout(timer)
      answered = true
      socket.destroy()
      reject(new CairnError('UNSUPPORTED', message))
    }
    const timer = setTimeout(
      () =>
        fail(
          'The cairn agent did not answer its handshake (an agent of an older cairn may still run: it stops at its lock time)',
        ),
      HANDSHAKE_MS,
    )
    readMessages(
      socket,
      (message) => {
        if (answered) return
        if (serverNonce === null) {
          if (!isServerHello(message)) return fail('The cairn agent sent an unexpected greeting')
          serverNonce = message.nonce
          socket.write(
            encodeMessage({
              nonce: clientNonce,
              proof: proofOf(key, 'client', serverNonce, clientNonce),
            }),
          )
          return
        }
        if (!proven) {
          // Nothing is sent to a listener that cannot show it holds the key.
          if (
            !isServerProof(message) ||
            !proofMatches(proofOf(key, 'server', serverNonce, clientNonce), message.proof)
          ) {
            return fail(
              'Something that is not the cairn agent listens where the agent should; nothing was sent to it',
            )
          }
          proven = true
          clearTimeout(timer)
          socket.write(encodeMessage(request))
          return
        }
        answered = true
        socket.destroy()
        if (isAgentResponse(message)) resolve(message)
        else reject(new CairnError('UNSUPPORTED', 'The cairn agent sent an unexpected answer'))
      },
      () => fail('The cairn agent sent an unreadable answer'),
    )
    socket.once('error', (e) => {
      clearTimeout(timer)
      if (answered) return
      if (missing(e)) resolve(null)
      else
        reject(
          new CairnError(
            'UNSUPPORTED',
            `Cannot talk to the cairn agent (${(e as NodeJS.ErrnoException).code})`,
          ),
        )
    })
    socket.once('close', () => {
      clearTimeout(timer)
      if (!answered) resolve(null)
    })
  })
}

/** An answer that is an error becomes the CairnError it describes. */
export function unwrap<T extends AgentResponse>(response: T): Exclude<T, { ok: false }> {
  if (response.ok === false) throw new CairnError(response.code, response.message)
  return response as Exclude<T, { ok: false }>
}

/** The agent's environment: nothing CAIRN_* (it must never see a password from the caller's). */
function agentEnv(env: Env): Record<string, string> {
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && !k.startsWith('CAIRN_')) clean[k] = v
  }
  return clean
}

/** Starts the agent unless one answers, and waits until it listens. */
export async function ensureAgent(env: Env = process.env): Promise<void> {
  const probe = { v: PROTOCOL_VERSION, op: 'status' } as const
  if (await askAgent(probe, env)) return
  const { spawn } = await import('node:child_process')
  const child = spawn(process.execPath, [cliEntry(), '--agent-process'], {
    detached: true,
    stdio: 'ignore',
    env: agentEnv(env),
    cwd: '/',
    windowsHide: true,
  })
  child.unref()
  const deadline = Date.now() + START_WAIT_MS
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25))
    if (await askAgent(probe, env)) return
  }
  throw new CliError('the cairn agent did not start')
}

/**
 * Runs `argv` in the agent when it holds the vault: prints what the command printed and returns
 * its exit status. Null means "run it here" (no agent, vault not held, or it needs the terminal).
 */
export async function runThroughAgent(argv: string[], io: CliIo): Promise<number | null> {
  if (agentDisabled(io.env)) return null
  let args = argv
  let stdin: string | null = null
  for (let round = 0; round < 4; round++) {
    let response: AgentResponse | null
    try {
      response = await askAgent(
        {
          v: PROTOCOL_VERSION,
          op: 'run',
          cwd: process.cwd(),
          argv: args,
          stdin,
          stdinIsTTY: io.stdin.isTTY === true,
        },
        io.env,
      )
    } catch (e) {
      if (!(e instanceof CairnError)) throw e
      io.err(`cairn: warning: ${e.message}`)
      return null
    }
    if (response === null) return null
    if (response.ok === false) {
      // The agent failed around the command (not in it): the command can still run here.
      io.err(`cairn: warning: the agent could not run this (${response.message}); unlocking here`)
      return null
    }
    const answer = response
    switch (answer.kind) {
      case 'run-here':
        return null
      case 'need-stdin':
        if (stdin !== null) return null
        stdin = await readAllStdin(io.stdin)
        continue
      case 'ran': {
        if (answer.ambiguous && io.stdin.isTTY && process.stderr.isTTY) {
          const picked = await pick(answer.ambiguous.choices, io)
          const query = args.lastIndexOf(answer.ambiguous.query)
          if (query > 0) {
            args = args.map((a, i) => (i === query ? picked : a))
            continue
          }
        }
        for (const line of answer.out) io.out(line)
        if (answer.clip !== null) await io.clip(answer.clip)
        for (const line of answer.err) io.err(line)
        return answer.status
      }
      default:
        throw new CairnError('UNSUPPORTED', 'The cairn agent sent an unexpected answer')
    }
  }
  return null
}

async function pick(choices: Choice[], io: CliIo): Promise<string> {
  const { pickFromList } = await import('../pick-list.ts')
  return pickFromList(choices, io.stdin)
}
