// argon2-browser's Emscripten build, driven directly. Its own loader fetches the .wasm by file path,
// which fails under Node >= 18, so we hand the glue the compiled module ourselves. Each hash runs in
// a fresh instance whose whole heap is wiped afterwards: argon2 itself clears its memory blocks but
// not the password, secret or output, and a fresh instance also returns grown memory to the GC.
import vm from 'node:vm'
import { ARGON2_VERSION } from './argon2-params.ts'
import type { Argon2Request } from './argon2-types.ts'

const ARGON2ID = 2

/** The subset of the Emscripten module object that we call. */
interface EmscriptenArgon2 {
  HEAPU8: Uint8Array
  _malloc(size: number): number
  _free(ptr: number): void
  _argon2_error_message(code: number): number
  UTF8ToString(ptr: number): string
  _argon2_hash_ext(
    t: number,
    m: number,
    p: number,
    pwd: number,
    pwdlen: number,
    salt: number,
    saltlen: number,
    hash: number,
    hashlen: number,
    encoded: number,
    encodedlen: number,
    type: number,
    secret: number,
    secretlen: number,
    ad: number,
    adlen: number,
    version: number,
  ): number
}

export interface Argon2WasmAssets {
  /** Source text of argon2-browser/dist/argon2.js (the Emscripten glue). */
  glueSource: string
  /** argon2-simd.wasm or argon2.wasm: both match the same glue. */
  wasmBytes: Uint8Array<ArrayBuffer>
}

type GlueFunction = (self: { Module: Record<string, unknown> }) => void

export interface Argon2Wasm {
  hash(request: Argon2Request): Promise<Buffer>
}

export async function createArgon2Wasm(assets: Argon2WasmAssets): Promise<Argon2Wasm> {
  const compiled = await WebAssembly.compile(assets.wasmBytes)
  // `process`, `require` and `window` are shadowed so the glue takes its plain-shell path: no
  // process-wide exception handlers, no file reads, no fetch.
  const glue = vm.compileFunction(
    assets.glueSource,
    ['self', 'module', 'require', 'process', '__dirname', 'window', 'importScripts'],
    { filename: 'argon2-browser/dist/argon2.js' },
  ) as unknown as GlueFunction

  function instantiate(): Promise<EmscriptenArgon2> {
    return new Promise((resolve, reject) => {
      const Module: Record<string, unknown> = {
        wasmBinary: assets.wasmBytes,
        print: () => {},
        printErr: () => {},
        onAbort: (what: unknown) => reject(new Error(`argon2 wasm aborted: ${String(what)}`)),
        instantiateWasm(
          imports: WebAssembly.Imports,
          receive: (instance: WebAssembly.Instance) => void,
        ) {
          WebAssembly.instantiate(compiled, imports).then(receive, reject)
          return {}
        },
        postRun: () => resolve(Module as unknown as EmscriptenArgon2),
      }
      glue({ Module })
    })
  }

  async function hash(req: Argon2Request): Promise<Buffer> {
    const M = await instantiate()
    const put = (bytes: Uint8Array | undefined): number => {
      if (!bytes || bytes.length === 0) return 0
      const ptr = M._malloc(bytes.length)
      M.HEAPU8.set(bytes, ptr)
      return ptr
    }
    try {
      const pwd = put(req.password)
      const salt = put(req.salt)
      const secret = put(req.secret)
      const ad = put(req.associatedData)
      const out = M._malloc(req.tagLength)
      const { memoryKiB, iterations, parallelism } = req.params
      const code = M._argon2_hash_ext(
        iterations,
        memoryKiB,
        parallelism,
        pwd,
        req.password.length,
        salt,
        req.salt.length,
        out,
        req.tagLength,
        0,
        0,
        ARGON2ID,
        secret,
        req.secret?.length ?? 0,
        ad,
        req.associatedData?.length ?? 0,
        ARGON2_VERSION,
      )
      if (code !== 0) {
        throw new Error(`argon2 error ${code}: ${M.UTF8ToString(M._argon2_error_message(code))}`)
      }
      // HEAPU8 is re-read: the heap may have grown (and been replaced) during hashing.
      return Buffer.from(M.HEAPU8.subarray(out, out + req.tagLength))
    } finally {
      M.HEAPU8.fill(0)
    }
  }

  return { hash }
}
