// The reference decryptors in docs/reference are Python scripts that need `cryptography` (AES-GCM,
// HKDF) and argon2-cffi (Argon2id): Debian's python3-cryptography and python3-argon2. Where no
// such Python is found, their tests skip with the printed reason.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const PROBE =
  'import argon2.low_level, cryptography.hazmat.primitives.ciphers.aead, cryptography.hazmat.primitives.kdf.hkdf'

/** The first python3 on PATH, or Debian's, that has both libraries; with the last probe's error. */
function findPython(): { python: string | null; said: string } {
  let said = ''
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', PROBE], { encoding: 'utf8' })
    if (probe.status === 0) return { python, said }
    said = (probe.stderr || String(probe.error)).trim().split('\n').pop() ?? ''
  }
  return { python: null, said }
}

const found = findPython()

/** Whether such a Python is here; if not, prints why `testName` is skipped. */
export function pythonArgon2Ready(testName: string): boolean {
  if (found.python) return true
  console.log(
    `${testName} skipped: needs python3 with cryptography and argon2-cffi ` +
      `(apt-get install python3-cryptography python3-argon2); probe said: ${found.said}`,
  )
  return false
}

/** Runs docs/reference/`script` on a file, with only PATH and `env` in its environment. */
export function referenceDecryptor(script: string) {
  const decryptor = fileURLToPath(new URL(`../../docs/reference/${script}`, import.meta.url))
  return (path: string, env: Record<string, string>) => {
    const run = spawnSync(found.python ?? 'python3', [decryptor, path], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    return { status: run.status, stdout: run.stdout, stderr: run.stderr }
  }
}
