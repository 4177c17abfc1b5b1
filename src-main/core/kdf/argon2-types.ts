import type { Argon2Params } from './argon2-params.ts'

/** Which code computed a tag. All of them produce the same Argon2id (v0x13) output. */
export type Argon2ImplementationName = 'node-rs' | 'node-crypto' | 'argon2-browser'

export interface Argon2Request {
  password: Uint8Array
  salt: Uint8Array
  params: Argon2Params
  /** Output length in bytes. */
  tagLength: number
  /** Argon2's optional secret input K (a pepper). */
  secret?: Uint8Array
  /** Argon2's optional associated data X. */
  associatedData?: Uint8Array
}

export interface Argon2Implementation {
  readonly name: Argon2ImplementationName
  /** False when the implementation cannot take Argon2's associated data X. */
  readonly supportsAssociatedData: boolean
  /** Argon2id tag. Runs off the main thread (worker or libuv pool). */
  hash(request: Argon2Request): Promise<Buffer>
}
