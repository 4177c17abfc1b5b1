// The reference decryptors in docs/reference are Python scripts that need `cryptography` (AES-GCM,
// HKDF) and argon2-cffi (Argon2id): Debian's python3-cryptography and python3-argon2, which
// `./dev test` installs. Debian's own interpreter runs them where it exists, so a Python from
// elsewhere on PATH (pyenv, a virtualenv) cannot decide whether they run. Where something is
// missing, their tests skip with the reason; under CI that is a failure instead.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const PYTHON =
  process.env['CAIRN_PYTHON'] ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')

/** What the decryptors import, with the Debian package that provides it. */
const MODULES: [module: string, debianPackage: string][] = [
  ['cryptography.hazmat.primitives.ciphers.aead', 'python3-cryptography'],
  ['argon2.low_level', 'python3-argon2'],
]

export function decryptorPath(script: string): string {
  return fileURLToPath(new URL(`../../docs/reference/${script}`, import.meta.url))
}

/** Why `script` cannot run here, or null when it can. */
export function referenceProblem(
  script: string,
  python = PYTHON,
  modules = MODULES,
): string | null {
  if (!existsSync(decryptorPath(script))) {
    return `the reference decryptor docs/reference/${script} is missing`
  }
  for (const [module, debianPackage] of modules) {
    const probe = spawnSync(python, ['-c', `import ${module}`], { encoding: 'utf8' })
    if (probe.status !== 0) {
      const said = (probe.stderr || String(probe.error)).trim().split('\n').pop()
      return `${python} cannot import ${module} (Debian package ${debianPackage}; \`./dev test\` installs it): ${said}`
    }
  }
  return null
}

/**
 * For a test's `beforeEach`: skips the test, with the reason, when the decryptor cannot run;
 * under CI the independent format check must not quietly disappear, so it fails instead.
 */
export function needReferenceDecryptor(script: string, problem = referenceProblem(script)) {
  return (ctx: { skip: (note: string) => void }): void => {
    if (problem === null) return
    const reason = `reference decryptor ${script} cannot run: ${problem}`
    if (process.env['CI']) throw new Error(`${reason} (a skipped format check fails under CI)`)
    ctx.skip(reason)
  }
}

/** Runs docs/reference/`script` on a file, with only PATH and `env` in its environment. */
export function referenceDecryptor(script: string) {
  const decryptor = decryptorPath(script)
  return (path: string, env: Record<string, string>) => {
    const run = spawnSync(PYTHON, [decryptor, path], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    return { status: run.status, stdout: run.stdout, stderr: run.stderr }
  }
}
