import type { Argon2Request } from './argon2-types.ts'

export interface Argon2WorkerRequest {
  id: number
  request: Argon2Request
}

export type Argon2WorkerResponse =
  { id: number; ok: true; tag: Uint8Array } | { id: number; ok: false; message: string }
