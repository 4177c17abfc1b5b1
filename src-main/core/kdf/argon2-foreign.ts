// Argon2 as other apps' files ask for it (KeePass: Argon2d or Argon2id, version 0x10 or 0x13;
// Bitwarden: Argon2id), unlike Cairn's own vaults which always use Argon2id 0x13 with our
// parameter policy. @node-rs/argon2 runs it (native, off the main thread), Node's crypto.argon2
// where the native module does not load. Callers bound the cost before calling.
import * as nodeCrypto from 'node:crypto'

export interface ForeignArgon2Request {
  type: 'argon2d' | 'argon2id'
  /** 0x10 or 0x13. */
  version: number
  password: Uint8Array
  salt: Uint8Array
  memoryKiB: number
  iterations: number
  parallelism: number
  length: number
}

type NodeArgon2 = (
  algorithm: 'argon2d' | 'argon2id',
  parameters: {
    message: Uint8Array
    nonce: Uint8Array
    parallelism: number
    tagLength: number
    memory: number
    passes: number
  },
  callback: (err: Error | null, derivedKey: Buffer) => void,
) => void

export async function foreignArgon2(req: ForeignArgon2Request): Promise<Uint8Array> {
  try {
    const { hashRaw } = await import('@node-rs/argon2')
    return await hashRaw(req.password, {
      salt: req.salt,
      memoryCost: req.memoryKiB,
      timeCost: req.iterations,
      parallelism: req.parallelism,
      outputLen: req.length,
      // Algorithm.Argon2d = 0, Argon2id = 2; Version.V0x10 = 0, V0x13 = 1 (const enums).
      algorithm: req.type === 'argon2d' ? 0 : 2,
      version: req.version === 0x10 ? 0 : 1,
    })
  } catch (e) {
    const builtIn = (nodeCrypto as unknown as { argon2?: NodeArgon2 }).argon2
    if (typeof builtIn !== 'function' || req.version !== 0x13) throw e
    return await new Promise<Buffer>((resolve, reject) =>
      builtIn(
        req.type,
        {
          message: req.password,
          nonce: req.salt,
          parallelism: req.parallelism,
          tagLength: req.length,
          memory: req.memoryKiB,
          passes: req.iterations,
        },
        (err, key) => (err ? reject(err) : resolve(key)),
      ),
    )
  }
}
