// Reads argon2-browser's glue and wasm from node_modules (Node, and Electron's main process where
// dependencies stay external). The SIMD build is ~1.4× faster and used whenever the engine has
// WebAssembly SIMD (Node >= 16.4 always does).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Argon2WasmAssets } from './argon2-wasm.ts'

export type Argon2WasmFlavour = 'simd' | 'baseline'

export function readArgon2BrowserAssets(
  flavour: Argon2WasmFlavour | 'auto' = 'auto',
): Argon2WasmAssets & { flavour: Argon2WasmFlavour } {
  const gluePath = createRequire(import.meta.url).resolve('argon2-browser/dist/argon2.js')
  const dir = dirname(gluePath)
  const glueSource = readFileSync(gluePath, 'utf8')
  if (flavour !== 'baseline') {
    const simd = readFileSync(join(dir, 'argon2-simd.wasm'))
    if (WebAssembly.validate(simd)) return { glueSource, wasmBytes: simd, flavour: 'simd' }
    if (flavour === 'simd') throw new Error('this engine has no WebAssembly SIMD')
  }
  return { glueSource, wasmBytes: readFileSync(join(dir, 'argon2.wasm')), flavour: 'baseline' }
}
