// An agent: answers `cairn` processes of the same user on a Unix socket in a folder only that user
// can enter, with the vaults it serves (AgentVaults: the agent process's own, or the desktop
// app's). Each connection starts with the handshake (agent-handshake.ts); then one request. It
// never sends a key, only what the command would have printed. Requests are served one at a time,
// so commands never interleave.
import { chmodSync, lstatSync, realpathSync, unlinkSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import type { CliIo } from '../cli-types.ts'
import { itemLabels } from '../item-lookup.ts'
import { runCli } from '../run-cli.ts'
import {
  agentLocation,
  checkAgentSocket,
  prepareAgentDir,
  type AgentLocation,
} from './agent-paths.ts'
import {
  freshNonce,
  isClientProof,
  proofMatches,
  proofOf,
  removeAgentKey,
  writeAgentKey,
} from './agent-handshake.ts'
import {
  type Ambiguity,
  encodeMessage,
  errorResponse,
  isAgentRequest,
  readMessages,
  type AgentRequest,
  type AgentResponse,
} from './agent-protocol.ts'
import { NeedStdinSignal, RunHereSignal } from './agent-signals.ts'
import type { AgentVaults } from './agent-vaults.ts'

/** Time for a peer to prove itself after connecting: generous, since a busy machine is slow. */
const HANDSHAKE_MS = 30_000

export class AgentServer {
  readonly #vaults: AgentVaults
  #queue: Promise<void> = Promise.resolve()
  #server: Server | null = null
  readonly #sockets = new Set<Socket>()
  readonly #location: AgentLocation
  #key: Buffer | null = null
  /** The socket file this agent made: stopping removes that one, never a later agent's. */
  #socketIno: number | null = null

  constructor(vaults: AgentVaults, location: AgentLocation = agentLocation()) {
    this.#vaults = vaults
    this.#location = location
  }

  get listening(): boolean {
    return this.#server !== null
  }

  /** Listens, unless a live agent already does (then resolves false). */
  async start(): Promise<boolean> {
    prepareAgentDir(this.#location)
    const found = await this.#probe()
    if (found === 'answers') return false
    // Only a socket nothing listens on is removed: one that is merely absent leaves nothing to
    // remove, and an agent starting at the same moment keeps the one it just made.
    if (found === 'stale' && this.#location.dir !== null) {
      try {
        unlinkSync(this.#location.socket)
      } catch {
        // Gone already.
      }
    }
    const server = createServer((socket) => this.#serve(socket))
    const listening = new Promise<void>((done, fail) => {
      server.once('error', fail)
      server.once('listening', () => done())
    })
    // The socket is created with the process umask, synchronously inside listen(): 077 makes it
    // 0600 from its first moment, and the process's own mask is back right after.
    const umask = process.umask(0o077)
    try {
      server.listen(this.#location.socket)
    } finally {
      process.umask(umask)
    }
    await listening
    try {
      if (this.#location.dir !== null) {
        chmodSync(this.#location.socket, 0o600)
        checkAgentSocket(this.#location.socket)
        this.#socketIno = lstatSync(this.#location.socket).ino
      }
      // Written once the name is ours: an agent that lost the race for it never replaces the
      // winner's key.
      this.#key = writeAgentKey(this.#location.keyFile)
    } catch (error) {
      // A socket that fails its own check never serves.
      server.close()
      this.#unlinkSocket()
      throw error
    }
    this.#server = server
    return true
  }

  #unlinkSocket(): void {
    if (this.#location.dir === null) return
    try {
      if (this.#socketIno === null || lstatSync(this.#location.socket).ino === this.#socketIno) {
        unlinkSync(this.#location.socket)
      }
    } catch {
      // Already gone.
    }
    this.#socketIno = null
  }

  /** Whether something answers on the socket, refuses (a stale socket file), or it is absent. */
  #probe(): Promise<'answers' | 'stale' | 'absent'> {
    return new Promise((done) => {
      const probe = connect(this.#location.socket)
      probe.once('connect', () => {
        probe.destroy()
        done('answers')
      })
      probe.once('error', (e: NodeJS.ErrnoException) =>
        done(e.code === 'ECONNREFUSED' ? 'stale' : 'absent'),
      )
    })
  }

  /**
   * Stops listening and drops every open connection; requests already read are refused. The
   * socket file goes too; what it serves stays as it is.
   */
  stop(): void {
    const server = this.#server
    this.#server = null
    if (!server) return
    server.close()
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    this.#unlinkSocket()
    if (this.#key) {
      removeAgentKey(this.#location.keyFile, this.#key)
      this.#key.fill(0)
    }
    this.#key = null
  }

  #serve(socket: Socket): void {
    const key = this.#key
    if (key === null) {
      socket.destroy()
      return
    }
    this.#sockets.add(socket)
    socket.on('close', () => this.#sockets.delete(socket))
    const serverNonce = freshNonce()
    let proven = false
    // A peer that never proves itself does not keep a connection (and its handle) open. The check
    // waits for the poll phase: after a long synchronous task the timer and a proof that arrived
    // meanwhile are both due, and timers run first.
    const unproven = setTimeout(() => setImmediate(() => proven || socket.destroy()), HANDSHAKE_MS)
    socket.on('close', () => clearTimeout(unproven))
    socket.write(encodeMessage({ hello: 'cairn-agent', nonce: serverNonce }))
    readMessages(
      socket,
      (message) => {
        if (!proven) {
          // A peer without the key gets nothing more than the hello.
          if (
            !isClientProof(message) ||
            !proofMatches(proofOf(key, 'client', serverNonce, message.nonce), message.proof)
          ) {
            socket.destroy()
            return
          }
          proven = true
          socket.write(encodeMessage({ proof: proofOf(key, 'server', serverNonce, message.nonce) }))
          return
        }
        if (!isAgentRequest(message)) {
          socket.destroy()
          return
        }
        this.#queue = this.#queue.then(async () => {
          if (this.#server === null || socket.destroyed) return
          const response = await this.#answer(message).catch(errorResponse)
          if (!socket.destroyed) socket.end(encodeMessage(response))
        })
      },
      () => socket.destroy(),
    )
    socket.on('error', () => socket.destroy())
  }

  #real(path: string): string | null {
    try {
      return realpathSync(path)
    } catch {
      return null
    }
  }

  async #answer(request: AgentRequest): Promise<AgentResponse> {
    // A command checks its own vault as it uses it; the others are checked for the overview.
    if (request.op !== 'run') this.#vaults.checkAll()
    switch (request.op) {
      case 'status':
        return {
          ok: true,
          kind: 'status',
          pid: process.pid,
          host: this.#vaults.host,
          vaults: this.#vaults.statuses(),
        }
      case 'lock': {
        const real = request.path === null ? null : this.#real(request.path)
        const paths = request.path !== null && real === null ? [] : this.#vaults.lock(real)
        return { ok: true, kind: 'locked', paths }
      }
      case 'unlock':
        return { ok: true, kind: 'unlocked', vault: await this.#vaults.unlock(request) }
      case 'names':
        return this.#names(request.path)
      case 'run':
        return this.#run(request)
    }
  }

  #use(path: string) {
    const real = this.#real(path)
    return real === null ? undefined : this.#vaults.use(real)
  }

  #names(path: string): AgentResponse {
    const vault = this.#use(path)
    return { ok: true, kind: 'names', names: vault ? itemLabels(vault) : [] }
  }

  async #run(request: Extract<AgentRequest, { op: 'run' }>): Promise<AgentResponse> {
    const out: string[] = []
    const err: string[] = []
    const stdin = Readable.from(request.stdin === null ? [] : [Buffer.from(request.stdin)])
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: {},
      stdin: Object.assign(stdin, { isTTY: false }) as unknown as NodeJS.ReadStream,
      now: () => Date.now(),
      clip: async (text) => {
        clip = text
      },
    }
    let ambiguous: Ambiguity | null = null
    let clip: string | null = null
    const used = new Set<string>()
    try {
      const status = await runCli(request.argv, io, {
        cwd: request.cwd,
        vault: (path) => {
          const real = this.#real(resolve(request.cwd, path))
          if (real === null) return undefined
          const vault = this.#vaults.use(real)
          if (vault) used.add(real)
          return vault
        },
        stdin: request.stdin,
        stdinIsTTY: request.stdinIsTTY,
        onAmbiguous: ({ query, choices }) => {
          ambiguous = { query, choices }
        },
      })
      return { ok: true, kind: 'ran', status, out, err, ambiguous, clip }
    } catch (e) {
      if (e instanceof RunHereSignal) return { ok: true, kind: 'run-here' }
      if (e instanceof NeedStdinSignal) return { ok: true, kind: 'need-stdin' }
      throw e
    } finally {
      for (const real of used) this.#vaults.ran?.(real)
    }
  }
}
