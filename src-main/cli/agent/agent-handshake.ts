// Both ends prove, before any request is sent, that they hold the agent key: a random key the
// agent writes when it starts into a file only this user can read (in the agent's own folder).
// On Unix the folder's permissions already keep other users from connecting; the handshake makes
// the same true where they cannot be relied on (a Windows named pipe, which other accounts can
// open for reading and could create first under the agent's name): a process without the key
// cannot pass as the agent, so nothing — no password, no request — is sent to it, and it cannot
// pass as a client either.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { CairnError } from '../../core/errors.ts'
import { checkAgentKeyFile } from './agent-paths.ts'
import { isObject } from './agent-protocol.ts'

const KEY_BYTES = 32
const NONCE_BYTES = 32

export interface ServerHello {
  hello: 'cairn-agent'
  nonce: string
}

export interface ClientProof {
  nonce: string
  proof: string
}

export interface ServerProof {
  proof: string
}

/** Canonical base64 of exactly `bytes` bytes (no whitespace, padding as encoded). */
function isB64(v: unknown, bytes: number): v is string {
  if (typeof v !== 'string' || v.length > 100) return false
  const decoded = Buffer.from(v, 'base64')
  return decoded.length === bytes && decoded.toString('base64') === v
}

export function isServerHello(v: unknown): v is ServerHello {
  return (
    isObject(v) &&
    Object.keys(v).length === 2 &&
    v.hello === 'cairn-agent' &&
    isB64(v.nonce, NONCE_BYTES)
  )
}

export function isClientProof(v: unknown): v is ClientProof {
  return (
    isObject(v) && Object.keys(v).length === 2 && isB64(v.nonce, NONCE_BYTES) && isB64(v.proof, 32)
  )
}

export function isServerProof(v: unknown): v is ServerProof {
  return isObject(v) && Object.keys(v).length === 1 && isB64(v.proof, 32)
}

export function freshNonce(): string {
  return randomBytes(NONCE_BYTES).toString('base64')
}

/** The proof one side gives: bound to its role and both nonces, so none can be replayed. */
export function proofOf(
  key: Uint8Array,
  role: 'client' | 'server',
  serverNonce: string,
  clientNonce: string,
): string {
  return createHmac('sha256', key)
    .update(`cairn-agent ${role}\n${serverNonce}\n${clientNonce}`)
    .digest('base64')
}

export function proofMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'base64')
  const b = Buffer.from(given, 'base64')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A fresh key for an agent about to listen, in place before it listens (never half-written). */
export function writeAgentKey(keyFile: string): Buffer {
  const key = randomBytes(KEY_BYTES)
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 })
  const tmp = join(dirname(keyFile), `.agent-key.${randomBytes(6).toString('hex')}`)
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    writeSync(fd, key)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(tmp, keyFile)
    checkAgentKeyFile(keyFile)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
  return key
}

/** The running agent's key, or null when there is none (no agent). */
export function readAgentKey(keyFile: string): Buffer | null {
  try {
    checkAgentKeyFile(keyFile)
    const key = readFileSync(keyFile)
    if (key.length !== KEY_BYTES)
      throw new CairnError(
        'UNSUPPORTED',
        `the agent key ${keyFile} is damaged; the agent is not used`,
      )
    return key
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw e
  }
}

/** Removes the key of an agent that stopped, unless another agent has written its own since. */
export function removeAgentKey(keyFile: string, key: Uint8Array): void {
  try {
    if (readFileSync(keyFile).equals(key)) rmSync(keyFile, { force: true })
  } catch {
    // Already gone.
  }
}
