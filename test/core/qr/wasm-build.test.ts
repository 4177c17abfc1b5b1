// The WebAssembly modules embedded in src-main/core/qr/wasm/*.wasm.ts are what their C sources
// build to with scripts/build-wasm.ts (Debian's clang and lld; `./dev test` installs them), so
// the bytes that run are the source that is read.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  WASM_MODULES,
  buildModule,
  embeddedPath,
  embeddedSource,
} from '../../../scripts/build-wasm.ts'

const hasTool = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0
const missing = ['clang', 'wasm-ld'].filter((tool) => !hasTool(tool))
if (missing.length > 0) {
  console.log(
    `wasm-build: skipped, ${missing.join(' and ')} not installed (apt-get install clang lld)`,
  )
}

describe.skipIf(missing.length > 0)('embedded WebAssembly modules', () => {
  for (const { source, name } of WASM_MODULES) {
    it(`holds what ${source} builds to`, () => {
      const built = buildModule(source)
      expect(built.subarray(0, 4).toString('latin1')).toBe('\0asm')
      expect(readFileSync(embeddedPath(source), 'utf8')).toBe(embeddedSource(source, name, built))
    })
  }
})
