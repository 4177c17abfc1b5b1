// The agent's wire format: each message is a 4-byte big-endian length and that many bytes of
// UTF-8 JSON. Both ends validate every message they receive against the shapes below and drop the
// connection on anything else; failures travel as a CairnError code and message.
import type { Socket } from 'node:net'
import { CairnError, type CairnErrorCode } from '../../core/errors.ts'
import type { Credential } from '../../core/vault/vault-api.ts'

export const PROTOCOL_VERSION = 1
/** Generous for `list --json` of a large vault, small enough to refuse garbage early. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024

export interface Choice {
  id: string
  name: string
}

export interface Ambiguity {
  query: string
  choices: Choice[]
}

export type AgentRequest =
  | {
      v: 1
      op: 'run'
      cwd: string
      argv: string[]
      /** Standard input, when the command reads it and it is not a terminal. */
      stdin: string | null
      stdinIsTTY: boolean
    }
  | { v: 1; op: 'unlock'; path: string; credential: Credential; forMs: number; idleMs: number }
  | { v: 1; op: 'lock'; path: string | null }
  | { v: 1; op: 'status' }
  | { v: 1; op: 'names'; path: string }

export interface HeldVaultStatus {
  path: string
  name: string
  lockAt: number
  idleLockAt: number
}

export type AgentResponse =
  | {
      ok: true
      kind: 'ran'
      status: number
      out: string[]
      err: string[]
      /** The query matched several items: a terminal can offer these to pick from. */
      ambiguous: Ambiguity | null
      /** What the command asked to copy: the cairn process copies it to its clipboard. */
      clip: string | null
    }
  /** The agent does not hold the vault, or the command needs the terminal: run it here. */
  | { ok: true; kind: 'run-here' }
  | { ok: true; kind: 'need-stdin' }
  | { ok: true; kind: 'unlocked'; vault: HeldVaultStatus }
  | { ok: true; kind: 'locked'; paths: string[] }
  | {
      ok: true
      kind: 'status'
      pid: number
      /** The `cairn` agent process, or the desktop app serving its unlocked vaults. */
      host?: 'agent' | 'app'
      vaults: HeldVaultStatus[]
    }
  | { ok: true; kind: 'names'; names: string[] }
  | { ok: false; code: CairnErrorCode; message: string }

// ---- validation -------------------------------------------------------------------------------

type Json = Record<string, unknown>

export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isString = (v: unknown): v is string => typeof v === 'string'
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString)
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

function hasOnly(v: Json, keys: string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k))
}

function isCredential(v: unknown): v is Credential {
  if (!isObject(v)) return false
  switch (v.kind) {
    case 'password':
      return hasOnly(v, ['kind', 'password']) && isString(v.password)
    case 'recovery-key':
      return hasOnly(v, ['kind', 'key']) && isString(v.key)
    case 'one-time-code':
      return hasOnly(v, ['kind', 'code']) && isString(v.code)
    default:
      return false
  }
}

export function isAgentRequest(v: unknown): v is AgentRequest {
  if (!isObject(v) || v.v !== PROTOCOL_VERSION) return false
  switch (v.op) {
    case 'run':
      return (
        hasOnly(v, ['v', 'op', 'cwd', 'argv', 'stdin', 'stdinIsTTY']) &&
        isString(v.cwd) &&
        isStringArray(v.argv) &&
        (v.stdin === null || isString(v.stdin)) &&
        typeof v.stdinIsTTY === 'boolean'
      )
    case 'unlock':
      return (
        hasOnly(v, ['v', 'op', 'path', 'credential', 'forMs', 'idleMs']) &&
        isString(v.path) &&
        isCredential(v.credential) &&
        isCount(v.forMs) &&
        isCount(v.idleMs)
      )
    case 'lock':
      return hasOnly(v, ['v', 'op', 'path']) && (v.path === null || isString(v.path))
    case 'status':
      return hasOnly(v, ['v', 'op'])
    case 'names':
      return hasOnly(v, ['v', 'op', 'path']) && isString(v.path)
    default:
      return false
  }
}

function isHeldVault(v: unknown): v is HeldVaultStatus {
  return (
    isObject(v) &&
    hasOnly(v, ['path', 'name', 'lockAt', 'idleLockAt']) &&
    isString(v.path) &&
    isString(v.name) &&
    isCount(v.lockAt) &&
    isCount(v.idleLockAt)
  )
}

function isChoice(v: unknown): v is Choice {
  return isObject(v) && hasOnly(v, ['id', 'name']) && isString(v.id) && isString(v.name)
}

function isAmbiguity(v: unknown): v is Ambiguity {
  return (
    isObject(v) &&
    hasOnly(v, ['query', 'choices']) &&
    isString(v.query) &&
    Array.isArray(v.choices) &&
    v.choices.every(isChoice)
  )
}

export function isAgentResponse(v: unknown): v is AgentResponse {
  if (!isObject(v)) return false
  if (v.ok === false) {
    return hasOnly(v, ['ok', 'code', 'message']) && isString(v.code) && isString(v.message)
  }
  if (v.ok !== true) return false
  switch (v.kind) {
    case 'ran':
      return (
        hasOnly(v, ['ok', 'kind', 'status', 'out', 'err', 'ambiguous', 'clip']) &&
        (v.clip === null || isString(v.clip)) &&
        isCount(v.status) &&
        isStringArray(v.out) &&
        isStringArray(v.err) &&
        (v.ambiguous === null || isAmbiguity(v.ambiguous))
      )
    case 'run-here':
    case 'need-stdin':
      return hasOnly(v, ['ok', 'kind'])
    case 'unlocked':
      return hasOnly(v, ['ok', 'kind', 'vault']) && isHeldVault(v.vault)
    case 'locked':
      return hasOnly(v, ['ok', 'kind', 'paths']) && isStringArray(v.paths)
    case 'status':
      return (
        hasOnly(v, ['ok', 'kind', 'pid', 'host', 'vaults']) &&
        isCount(v.pid) &&
        (v.host === undefined || v.host === 'agent' || v.host === 'app') &&
        Array.isArray(v.vaults) &&
        v.vaults.every(isHeldVault)
      )
    case 'names':
      return hasOnly(v, ['ok', 'kind', 'names']) && isStringArray(v.names)
    default:
      return false
  }
}

// ---- framing ----------------------------------------------------------------------------------

export function encodeMessage(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  const head = Buffer.alloc(4)
  head.writeUInt32BE(body.length)
  return Buffer.concat([head, body])
}

/**
 * Collects framed messages from a socket and hands each parsed one to `onMessage`. A frame that
 * is too large or not JSON ends the connection through `onBad`.
 */
export function readMessages(
  socket: Socket,
  onMessage: (value: unknown) => void,
  onBad: (reason: string) => void,
): void {
  let buffered: Buffer = Buffer.alloc(0)
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk])
    while (buffered.length >= 4 && !socket.destroyed) {
      const length = buffered.readUInt32BE(0)
      if (length > MAX_MESSAGE_BYTES) return onBad('message too large')
      if (buffered.length < 4 + length) return
      const body = buffered.subarray(4, 4 + length)
      buffered = buffered.subarray(4 + length)
      let value: unknown
      try {
        value = JSON.parse(body.toString('utf8'))
      } catch {
        return onBad('message is not JSON')
      }
      onMessage(value)
    }
  })
}

export function errorResponse(e: unknown): AgentResponse {
  if (e instanceof CairnError) return { ok: false, code: e.code, message: e.message }
  return { ok: false, code: 'UNSUPPORTED', message: 'the agent could not do this' }
}
