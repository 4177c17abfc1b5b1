// Runs the real `cairn` (node bin/cairn.js) as a child process on real vault files in a temporary
// folder. Vaults for tests are made through the core with its clearly named test-only KDF option
// (createVault's unsafeKdfParamsForTests); the CLI itself has no such switch.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ItemData } from '../../src-main/core/vault/item-types.ts'
import { createVault } from '../../src-main/core/vault/vault-file.ts'

export const CLI = fileURLToPath(new URL('../../bin/cairn.js', import.meta.url))
export const PASSWORD = 'correct horse battery staple'
const FAST_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

/** An environment without any CAIRN_* variable from the outside, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('CAIRN_')) env[k] = v
  }
  return { ...env, ...extra }
}

/**
 * The warning the CLI prints on every unlock through a slot below the RFC 9106 floor. The vaults
 * here are below it on purpose (FAST_KDF), so cairn() removes that one line from stderr;
 * cairnRaw() keeps it, for the test that checks it is printed.
 */
export const BELOW_FLOOR_NOTE = /^Note: .*below the RFC 9106 floor.*\r?\n/gm

export function cairnRaw(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: cleanEnv(options.env),
    input: options.input ?? '',
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

export function cairn(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): CliResult {
  const result = cairnRaw(args, options)
  return { ...result, stderr: result.stderr.replace(BELOW_FLOOR_NOTE, '') }
}

/** The same, with the master password in CAIRN_PASSWORD. */
export function cairnWithPassword(
  args: string[],
  options: { env?: Record<string, string>; input?: string; password?: string } = {},
): CliResult {
  return cairn(args, {
    ...options,
    env: { CAIRN_PASSWORD: options.password ?? PASSWORD, ...options.env },
  })
}

export interface Workspace {
  dir: string
  file(name: string): string
  cleanup(): void
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-test-'))
  return {
    dir,
    file: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A real vault file holding `items`, with cheap test-only Argon2id parameters. */
export async function seedVault(
  path: string,
  items: ItemData[] = [],
  password = PASSWORD,
): Promise<string[]> {
  const vault = await createVault(path, {
    password,
    name: 'CLI test',
    unsafeKdfParamsForTests: FAST_KDF,
  })
  try {
    return items.map((item) => vault.add(item).id)
  } finally {
    vault.lock()
  }
}

/** The vault file and its SQLite side files, byte for byte, to prove a failure changed nothing. */
export function snapshot(path: string): Record<string, string | null> {
  const state: Record<string, string | null> = {}
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    state[f] = existsSync(f) ? readFileSync(f).toString('base64') : null
  }
  return state
}

export function writeText(path: string, text: string): string {
  writeFileSync(path, text)
  return path
}

/** One line on stderr, no stack trace. */
export function expectOneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '')
  if (lines.length !== 1 || !lines[0]?.startsWith('cairn: ') || /\n\s+at /.test(stderr)) {
    throw new Error(`expected one 'cairn: …' line on stderr, got:\n${stderr}`)
  }
  return lines[0]
}

export const hasScript =
  process.platform === 'linux' && spawnSync('script', ['--version']).status === 0
/** Why the terminal prompt tests skip where `script` is missing. */
export const NO_SCRIPT = 'terminal prompt test: util-linux `script` is not available'

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), answering each prompt as it appears.
 * Returns everything the terminal showed.
 */
export function cairnOnTerminal(
  args: string[],
  answers: { prompt: RegExp; reply: string }[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; screen: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`)
  const child = spawn('script', ['-qec', command.join(' '), '/dev/null'], {
    env: cleanEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let screen = ''
  let answeredUpTo = 0
  const pending = [...answers]
  const onOutput = (chunk: Buffer) => {
    screen += chunk.toString('utf8')
    const next = pending[0]
    // Only what appeared since the last answer counts, so a repeated prompt is answered once each.
    if (next && next.prompt.test(screen.slice(answeredUpTo))) {
      pending.shift()
      answeredUpTo = screen.length
      child.stdin.write(`${next.reply}\r`)
    }
  }
  child.stdout.on('data', onOutput)
  child.stderr.on('data', onOutput)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`terminal session timed out; screen so far:\n${screen}`))
    }, 60_000)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, screen: screen.replace(BELOW_FLOOR_NOTE, '') })
    })
  })
}
