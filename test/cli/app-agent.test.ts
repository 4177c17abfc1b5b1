// The desktop app answering the command line (a setting, off by default), with real parts: the
// app's services with a real vault file, the app listening on a real Unix socket, and real `cairn`
// processes asking it. One unlock in the window serves the terminal; locking in the window (or
// `cairn lock`) ends that; `cairn unlock` is refused while the app answers; turning the setting
// off removes the socket; a `cairn` agent already listening is reported, not displaced.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppAgent } from '../../src-main/cli/agent/app-agent.ts'
import { agentLocation } from '../../src-main/cli/agent/agent-paths.ts'
import { codeToCopy } from '../../src-main/core/otp/code-to-copy.ts'
import type { OtpKey } from '../../src-main/core/otp/otp-types.ts'
import { API, type VaultInfo } from '../../src-shared/ipc-contract.ts'
import { createApiHandlers, type ApiHandlerTable } from '../../src-main/services/api-handlers.ts'
import { headlessDesktop, servicesInTempDir, type Harness } from '../services/service-fixtures.ts'
import { cleanEnv, type CliResult } from './cli-harness.ts'

const CLI = new URL('../../bin/cairn.js', import.meta.url).pathname
const SECRET = 'JBSWY3DPEHPK3PXP'

let h: Harness
let handlers: ApiHandlerTable
let agent: AppAgent | null = null
afterEach(() => {
  agent?.stop()
  agent = null
  h.cleanup()
})

/** `cairn` as a separate process, without blocking this one (the app answers it from here). */
function cairn(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
  })
}

async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const r = await handlers[channel]!(args)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

async function appWithKey(): Promise<{ vault: VaultInfo; env: Record<string, string> }> {
  h = servicesInTempDir({ typedPathsAreFileChoices: true })
  const runtime = h.path('run')
  mkdirSync(runtime, { mode: 0o700 })
  agent = new AppAgent(h.services, agentLocation({ XDG_RUNTIME_DIR: runtime }))
  await agent.follow()
  handlers = createApiHandlers(h.services, { ...headlessDesktop(h.services), commandLine: agent })
  const vault = await value<VaultInfo>(API.vaults.create, {
    path: h.path('Keys.cairn'),
    name: 'Keys',
    password: 'pw',
  })
  await value(API.items.create, vault.id, {
    kind: 'otp',
    title: '',
    issuer: 'GitHub',
    account: 'ada',
    notes: '',
    tags: [],
    key: { from: 'uri', uri: `otpauth://totp/GitHub:ada?secret=${SECRET}&issuer=GitHub` },
  })
  return { vault, env: { XDG_RUNTIME_DIR: runtime } }
}

const key: OtpKey = {
  kind: 'totp',
  secret: SECRET,
  issuer: 'GitHub',
  account: 'ada',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  encoder: 'standard',
}

async function answerOn(on: boolean) {
  await value(API.settings.update, { answerCommandLine: on })
  await agent!.settled()
}

describe('the app answering the command line', () => {
  it('is off by default; turned on, one unlock in the window serves cairn code without a password', async () => {
    const { vault, env } = await appWithKey()
    expect(await value(API.settings.commandLine)).toEqual({ answering: false, problem: null })
    const before = await cairn(['code', vault.path, 'GitHub'], env)
    expect(before.status).not.toBe(0) // no agent, no terminal, no password: refused
    expect(before.stdout).toBe('')

    await answerOn(true)
    expect(await value(API.settings.commandLine)).toEqual({ answering: true, problem: null })
    const socket = statSync(join(env.XDG_RUNTIME_DIR!, 'cairn', 'agent.sock'))
    expect(socket.isSocket() && (socket.mode & 0o777) === 0o600).toBe(true)
    const t0 = Date.now()
    const code = await cairn(['code', vault.path, 'GitHub'], env)
    const t1 = Date.now()
    expect(code.stderr).toBe('')
    expect(code.status).toBe(0)
    // What `cairn code` prints: the current code, or the next one near the end of a period.
    expect([codeToCopy(key, t0).code, codeToCopy(key, t1).code]).toContain(code.stdout.trim())

    const status = await cairn(['status'], env)
    expect(status.stdout).toContain('The Cairn app')
    expect(status.stdout).toContain(`${vault.path}  'Keys'  unlocked in the app`)

    // Refused before any password is read: none is given here, and none would be sent.
    const unlock = await cairn(['unlock', vault.path], env)
    expect(unlock.status).not.toBe(0)
    expect(unlock.stderr).toMatch(
      /the Cairn app answers the command line .* unlock the vault in the app/,
    )

    // Locked in the window: the terminal is no longer served.
    await value(API.vaults.lock, vault.id)
    const locked = await cairn(['code', vault.path, 'GitHub'], env)
    expect(locked.status).not.toBe(0)
    expect(locked.stdout).toBe('')
  })

  it('cairn lock locks the vault in the window; turning the setting off removes the socket and keeps the vault open', async () => {
    const { vault, env } = await appWithKey()
    await answerOn(true)
    const lock = await cairn(['lock', vault.path], env)
    expect(lock.status).toBe(0)
    expect((await value<VaultInfo[]>(API.vaults.list))[0]!.state).toBe('locked')

    await value(API.vaults.unlock, vault.id, 'pw')
    await answerOn(false)
    expect(existsSync(join(env.XDG_RUNTIME_DIR!, 'cairn', 'agent.sock'))).toBe(false)
    expect((await value<VaultInfo[]>(API.vaults.list))[0]!.state).toBe('unlocked')
    expect(await value(API.settings.commandLine)).toEqual({ answering: false, problem: null })
  })

  it('reports a cairn agent that already listens instead of displacing it', async () => {
    const { env } = await appWithKey()
    const other = new AppAgent(h.services, agentLocation({ XDG_RUNTIME_DIR: env.XDG_RUNTIME_DIR }))
    await answerOn(true)
    try {
      await other.follow() // the setting is on: it tries to listen where the first one does
      expect(other.status().answering).toBe(false)
      expect(other.status().problem).toMatch(/already answers the command line/)
      expect(agent!.status().answering).toBe(true)
    } finally {
      other.stop()
    }
  })
})
