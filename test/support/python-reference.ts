// The reference decryptors in docs/reference are Python scripts that need `cryptography` >= 44
// (for Argon2id). Where that Python is missing, their tests skip with the printed reason.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Whether python3 with Argon2id is here; if not, prints why `testName` is skipped. */
export function pythonArgon2Ready(testName: string): boolean {
  const probe = spawnSync(
    'python3',
    ['-c', 'from cryptography.hazmat.primitives.kdf.argon2 import Argon2id'],
    { encoding: 'utf8' },
  )
  if (probe.status === 0) return true
  console.log(
    `${testName} skipped: needs python3 with cryptography >= 44 (Argon2id); ` +
      `probe said: ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`,
  )
  return false
}

/** Runs docs/reference/`script` on a file, with only PATH and `env` in its environment. */
export function referenceDecryptor(script: string) {
  const decryptor = fileURLToPath(new URL(`../../docs/reference/${script}`, import.meta.url))
  return (path: string, env: Record<string, string>) => {
    const run = spawnSync('python3', [decryptor, path], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    return { status: run.status, stdout: run.stdout, stderr: run.stderr }
  }
}
