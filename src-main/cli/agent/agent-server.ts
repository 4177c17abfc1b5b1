// The agent process: holds unlocked vaults in memory and runs item commands on them for `cairn`
// processes of the same user. It never sends a key, only what the command would have printed.
// Requests are served one at a time, so commands never interleave. It exits as soon as it holds
// no vault (and if nothing is unlocked within a minute of its start).
import { chmodSync, realpathSync, unlinkSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { CairnError } from '../../core/errors.ts'
import { needsNewPassword } from '../../core/recovery/recovery-keys.ts'
import { openVault } from '../../core/vault/vault-file.ts'
import type { CliIo } from '../cli-types.ts'
import { itemLabels, warmIndex } from '../item-lookup.ts'
import { runCli } from '../run-cli.ts'
import {
  agentLocation,
  checkAgentSocket,
  prepareAgentDir,
  type AgentLocation,
} from './agent-paths.ts'
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
import { HeldVault } from './held-vault.ts'

const FIRST_UNLOCK_WAIT_MS = 60_000

export class AgentServer {
  readonly #held = new Map<string, HeldVault>()
  #queue: Promise<void> = Promise.resolve()
  #server: Server | null = null
  readonly #location: AgentLocation
  readonly #startCwd = process.cwd()

  constructor(location: AgentLocation = agentLocation()) {
    this.#location = location
  }

  /** Listens, unless a live agent already does (then resolves false). */
  async start(): Promise<boolean> {
    prepareAgentDir(this.#location)
    if (await this.#otherAgentAnswers()) return false
    if (this.#location.dir !== null) {
      try {
        unlinkSync(this.#location.socket)
      } catch {
        // No stale socket.
      }
    }
    // The socket is created with the process umask: 077 makes it 0600 from its first moment.
    process.umask(0o077)
    const server = createServer((socket) => this.#serve(socket))
    this.#server = server
    await new Promise<void>((done, fail) => {
      server.once('error', fail)
      server.listen(this.#location.socket, () => done())
    })
    if (this.#location.dir !== null) {
      chmodSync(this.#location.socket, 0o600)
      checkAgentSocket(this.#location.socket)
    }
    setTimeout(() => {
      if (this.#held.size === 0) this.stop()
    }, FIRST_UNLOCK_WAIT_MS).unref()
    return true
  }

  #otherAgentAnswers(): Promise<boolean> {
    return new Promise((done) => {
      const probe = connect(this.#location.socket)
      probe.once('connect', () => {
        probe.destroy()
        done(true)
      })
      probe.once('error', () => done(false))
    })
  }

  stop(): void {
    for (const held of [...this.#held.values()]) held.lock('asked')
    this.#server?.close()
    if (this.#location.dir !== null) {
      try {
        unlinkSync(this.#location.socket)
      } catch {
        // Already gone.
      }
    }
    process.exit(0)
  }

  #serve(socket: Socket): void {
    readMessages(
      socket,
      (message) => {
        if (!isAgentRequest(message)) {
          socket.destroy()
          return
        }
        this.#queue = this.#queue.then(async () => {
          const response = await this.#answer(message).catch(errorResponse)
          if (!socket.destroyed) socket.end(encodeMessage(response))
        })
      },
      () => socket.destroy(),
    )
    socket.on('error', () => socket.destroy())
  }

  #onLock = (held: HeldVault) => {
    if (this.#held.get(held.path) === held) this.#held.delete(held.path)
    // Exit once nothing is held, after the current answer is written.
    if (this.#held.size === 0) setTimeout(() => this.#held.size === 0 && this.stop(), 50)
  }

  #find(path: string): HeldVault | undefined {
    let real: string
    try {
      real = realpathSync(path)
    } catch {
      return undefined
    }
    return this.#held.get(real)
  }

  async #answer(request: AgentRequest): Promise<AgentResponse> {
    // A command checks its own vault as it uses it; the others are checked for the overview.
    if (request.op !== 'run') for (const held of [...this.#held.values()]) held.checkKeys()
    switch (request.op) {
      case 'status':
        return { ok: true, kind: 'status', pid: process.pid, vaults: this.#statuses() }
      case 'lock': {
        const targets =
          request.path === null
            ? [...this.#held.values()]
            : [this.#find(request.path)].filter((h): h is HeldVault => h !== undefined)
        const paths = targets.map((h) => h.path)
        for (const held of targets) held.lock('asked')
        return { ok: true, kind: 'locked', paths }
      }
      case 'unlock':
        return this.#unlock(request)
      case 'names':
        return this.#names(request.path)
      case 'run':
        return this.#run(request)
    }
  }

  #statuses() {
    return [...this.#held.values()].map((h) => h.status())
  }

  async #unlock(request: Extract<AgentRequest, { op: 'unlock' }>): Promise<AgentResponse> {
    const path = realpathSync(request.path)
    const locked = openVault(path)
    let vault
    try {
      vault = await locked.unlock(request.credential, { recordUse: false })
    } finally {
      locked.close()
    }
    if (needsNewPassword(vault)) {
      vault.lock()
      throw new CairnError(
        'INVALID_ARGUMENT',
        'A recovery-key unlock must set a new master password first: run a command with the recovery key, then unlock with the new password',
      )
    }
    this.#held.get(path)?.lock('asked')
    // The first command should not pay for decrypting the names of every item.
    warmIndex(vault)
    const held = new HeldVault(
      vault,
      { forMs: request.forMs, idleMs: request.idleMs, now: Date.now() },
      this.#onLock,
    )
    this.#held.set(path, held)
    return { ok: true, kind: 'unlocked', vault: held.status() }
  }

  #names(path: string): AgentResponse {
    const vault = this.#find(path)?.use()
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
    try {
      // Relative vault paths and input files mean what they mean in the caller's folder.
      process.chdir(request.cwd)
      const status = await runCli(request.argv, io, {
        vault: (path) => this.#find(resolve(path))?.use(),
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
      process.chdir(this.#startCwd)
    }
  }
}
