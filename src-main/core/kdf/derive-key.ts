// One entry point for Argon2id key derivation. Every implementation computes the same function, so
// the vault format never records which one ran; we simply take the fastest that loads here.
// Measured order (bench/vault.bench.ts): @node-rs/argon2 < node:crypto < argon2-browser (SIMD).
import { wipe } from '../crypto/wipe.ts'
import {
  createArgon2BrowserKdf,
  type Argon2BrowserKdf,
  type Argon2WorkerFactory,
} from './argon2-browser.ts'
import { nodeCryptoArgon2, nodeRsArgon2 } from './argon2-native.ts'
import type { Argon2Params } from './argon2-params.ts'
import type { Argon2Implementation, Argon2ImplementationName } from './argon2-types.ts'

export const DERIVED_KEY_BYTES = 32

let argon2Browser: Argon2BrowserKdf = createArgon2BrowserKdf()
let natives: Promise<Argon2Implementation[]> | null = null

export interface KdfConfig {
  /** How to start the argon2-browser worker (the Electron build supplies its bundled entry). */
  createArgon2Worker?: Argon2WorkerFactory
}

/** Replaces the argon2-browser worker factory (closing any running worker). */
export async function configureKdf(config: KdfConfig): Promise<void> {
  if (config.createArgon2Worker) {
    await argon2Browser.close()
    argon2Browser = createArgon2BrowserKdf(config.createArgon2Worker)
  }
}

/** Stops the argon2-browser worker; it restarts on the next derivation. */
export async function closeKdf(): Promise<void> {
  await argon2Browser.close()
}

function loadNatives(): Promise<Argon2Implementation[]> {
  natives ??= (async () => {
    const found = [await nodeRsArgon2(), nodeCryptoArgon2()]
    return found.filter((i): i is Argon2Implementation => i !== null)
  })()
  return natives
}

/** Every implementation usable here, fastest first; argon2-browser is always present (last). */
export async function argon2Implementations(): Promise<Argon2Implementation[]> {
  return [...(await loadNatives()), argon2Browser]
}

export async function argon2Implementation(
  name: Argon2ImplementationName,
): Promise<Argon2Implementation | null> {
  return (await argon2Implementations()).find((i) => i.name === name) ?? null
}

export async function fastestArgon2(): Promise<Argon2Implementation> {
  const all = await argon2Implementations()
  return all[0] ?? argon2Browser
}

/** The password bytes Argon2 sees: UTF-8 of the NFC form, so every OS's keyboard input agrees. */
export function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8')
}

/**
 * Argon2id(password, salt) with no secret and no associated data, 32 bytes. Uses the fastest
 * implementation; should a native one fail at run time, argon2-browser computes the same key.
 */
export async function deriveKey(
  password: string | Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  options: { implementation?: Argon2ImplementationName } = {},
): Promise<Buffer> {
  const pwd = typeof password === 'string' ? passwordBytes(password) : password
  const request = { password: pwd, salt, params, tagLength: DERIVED_KEY_BYTES }
  try {
    if (options.implementation) {
      const impl = await argon2Implementation(options.implementation)
      if (!impl) throw new Error(`Argon2 implementation ${options.implementation} is not available`)
      return await impl.hash(request)
    }
    const impl = await fastestArgon2()
    try {
      return await impl.hash(request)
    } catch (e) {
      if (impl === argon2Browser) throw e
      return await argon2Browser.hash(request)
    }
  } finally {
    if (pwd !== password) wipe(pwd)
  }
}
