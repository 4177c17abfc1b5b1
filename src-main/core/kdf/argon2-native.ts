// Native Argon2id: @node-rs/argon2 (Rust, N-API: works in Node and Electron alike) and Node's own
// crypto.argon2 (OpenSSL >= 3.2, Node >= 24.7; absent in Electron, whose BoringSSL lacks Argon2).
// Both run on the libuv thread pool, so the main thread never blocks.
import * as nodeCrypto from 'node:crypto'
import type * as NodeRsArgon2 from '@node-rs/argon2'
import type { Algorithm, Options, Version } from '@node-rs/argon2'
import { CairnError } from '../errors.ts'
import type { Argon2Implementation, Argon2Request } from './argon2-types.ts'

type NodeArgon2 = (
  algorithm: 'argon2id',
  parameters: {
    message: Uint8Array
    nonce: Uint8Array
    parallelism: number
    tagLength: number
    memory: number
    passes: number
    secret?: Uint8Array
    associatedData?: Uint8Array
  },
  callback: (err: Error | null, derivedKey: Buffer) => void,
) => void

/** Node's crypto.argon2 when this runtime has it, else null. */
export function nodeCryptoArgon2(): Argon2Implementation | null {
  const argon2 = (nodeCrypto as unknown as { argon2?: NodeArgon2 }).argon2
  if (typeof argon2 !== 'function') return null
  return {
    name: 'node-crypto',
    supportsAssociatedData: true,
    hash: (req: Argon2Request) =>
      new Promise<Buffer>((resolve, reject) => {
        argon2(
          'argon2id',
          {
            message: req.password,
            nonce: req.salt,
            parallelism: req.params.parallelism,
            tagLength: req.tagLength,
            memory: req.params.memoryKiB,
            passes: req.params.iterations,
            ...(req.secret ? { secret: req.secret } : {}),
            ...(req.associatedData ? { associatedData: req.associatedData } : {}),
          },
          (err, key) => (err ? reject(err) : resolve(key)),
        )
      }),
  }
}

/** @node-rs/argon2 when its prebuilt binary loads on this platform, else null. */
export async function nodeRsArgon2(): Promise<Argon2Implementation | null> {
  let mod: typeof NodeRsArgon2
  try {
    mod = await import('@node-rs/argon2')
  } catch {
    return null
  }
  if (typeof mod.hashRaw !== 'function') return null
  const hashRaw = mod.hashRaw
  return {
    name: 'node-rs',
    // Its Options have no field for Argon2's associated data X.
    supportsAssociatedData: false,
    async hash(req: Argon2Request): Promise<Buffer> {
      if (req.associatedData?.length) {
        throw new CairnError('UNSUPPORTED', '@node-rs/argon2 cannot take associated data')
      }
      const options: Options = {
        salt: req.salt,
        memoryCost: req.params.memoryKiB,
        timeCost: req.params.iterations,
        parallelism: req.params.parallelism,
        outputLen: req.tagLength,
        algorithm: 2 as Algorithm.Argon2id,
        version: 1 as Version.V0x13,
        ...(req.secret ? { secret: req.secret } : {}),
      }
      return hashRaw(req.password, options)
    },
  }
}
