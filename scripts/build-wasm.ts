// Builds the decoders written in C (src-main/core/qr/wasm/*.c) into WebAssembly and embeds each
// module as base64 in a TypeScript file beside its source, so the core, the command line and the
// bundled app load it alike, with no file to find at run time. Needs Debian's clang and lld
// (`./dev test` installs them); test/core/qr/wasm-build.test.ts checks that the embedded modules
// are what their sources build to.
//
//   node scripts/build-wasm.ts            rebuild and write the embedded modules
//   node scripts/build-wasm.ts --check    exit 1 if any embedded module differs from its build
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const WASM_DIR = new URL('../src-main/core/qr/wasm/', import.meta.url).pathname

export const WASM_MODULES = [
  { source: 'jpeg-scan.c', name: 'JPEG_SCAN_WASM' },
  { source: 'png-rows.c', name: 'PNG_ROWS_WASM' },
] as const

/** The flags every module is built with: size and speed, no C library, wrapping arithmetic. */
export const CLANG_FLAGS = [
  '--target=wasm32',
  '-O3',
  '-fwrapv',
  '-nostdlib',
  '-mbulk-memory',
  '-Wall',
  '-Werror',
  '-Wl,--no-entry',
  '-Wl,--strip-all',
]

/** The module's bytes, built from its C source by clang. */
export function buildModule(source: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-wasm-'))
  try {
    const out = join(dir, 'module.wasm')
    execFileSync('clang', [...CLANG_FLAGS, '-o', out, join(WASM_DIR, source)], { stdio: 'pipe' })
    return readFileSync(out)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function embeddedPath(source: string): string {
  return join(WASM_DIR, source.replace(/\.c$/, '.wasm.ts'))
}

export function embeddedSource(source: string, name: string, wasm: Buffer): string {
  const lines = wasm.toString('base64').match(/.{1,96}/g) ?? []
  return [
    `// ${source} built by scripts/build-wasm.ts (clang ${CLANG_FLAGS.join(' ')}): do not edit.`,
    `export const ${name} =`,
    ...lines.map((line, i) => `  '${line}'${i === lines.length - 1 ? '' : ' +'}`),
    '',
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check')
  let differs = false
  for (const { source, name } of WASM_MODULES) {
    const text = embeddedSource(source, name, buildModule(source))
    const path = embeddedPath(source)
    if (check) {
      if (readFileSync(path, 'utf8') !== text) {
        console.error(`${path} is not what ${source} builds to: run node scripts/build-wasm.ts`)
        differs = true
      }
    } else {
      writeFileSync(path, text)
      console.log(`wrote ${path}`)
    }
  }
  process.exitCode = differs ? 1 : 0
}
