// The agent as real processes: `cairn unlock` starts it, later commands (without any password)
// are answered by it, and it locks on time, on idle, on `cairn lock` and when another process
// rotates the vault key. Its folder and socket permissions are checked by both ends.
import { chmodSync, chownSync, copyFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  useAgentWorkspace,
  agentStatus,
  isRunning,
  unlockInAgent,
  waitFor,
  type AgentEnv,
} from './agent-harness.ts'
import { cairn, PASSWORD, seedVault, type Workspace } from './cli-harness.ts'
import { login, note, otpItem, recoveryCodes } from './cli-items-fixtures.ts'

let ws: Workspace
let agent: AgentEnv
useAgentWorkspace((w, a) => {
  ws = w
  agent = a
})

const ITEMS = [
  otpItem({ issuer: 'Google', account: 'alice@gmail.com' }),
  otpItem({ issuer: 'GitHub', account: 'alice', secret: 'GEZDGNBVGY3TQOJQ' }),
  otpItem({ issuer: 'Bank', account: 'alice', kind: 'hotp', counter: 3 }),
  login(),
  note(),
  recoveryCodes(),
]

/** Two byte-identical copies of one vault: the agent holds `held`, `direct` is unlocked per command. */
async function twinVaults(): Promise<{ held: string; direct: string }> {
  const held = ws.file('held.cairn')
  const direct = ws.file('direct.cairn')
  await seedVault(held, ITEMS)
  copyFileSync(held, direct)
  const unlocked = unlockInAgent(agent, held, PASSWORD)
  expect(unlocked.stderr).toBe('')
  expect(unlocked.status).toBe(0)
  return { held, direct }
}

describe('the agent', () => {
  it('listens on a 0600 socket in a 0700 folder owned by the user, and reports what it holds', async () => {
    const { held } = await twinVaults()
    const dir = statSync(agent.socketDir)
    expect(dir.mode & 0o777).toBe(0o700)
    expect(dir.uid).toBe(process.getuid?.())
    const socket = statSync(`${agent.socketDir}/agent.sock`)
    expect(socket.isSocket()).toBe(true)
    expect(socket.mode & 0o777).toBe(0o600)
    const status = agentStatus(agent)
    expect(status.paths).toEqual([held])
    expect(status.pid).not.toBeNull()
  })

  it(
    'gives every item command the same output as a direct unlock',
    { timeout: 300_000 },
    async () => {
      const { held, direct } = await twinVaults()
      const runs: { args: string[]; input?: string }[] = [
        { args: ['list'] },
        { args: ['list', '--json'] },
        { args: ['code', '--at', '1700000000'] },
        { args: ['code', 'google', '--at', '1700000000'] },
        { args: ['code', 'bank'] },
        { args: ['code', 'bank'] },
        { args: ['code', 'nothing-like-this'] },
        { args: ['code', 'g'] },
        { args: ['show', 'example'] },
        { args: ['show', 'example', '--json', '--reveal'] },
        { args: ['show', 'github codes', '--reveal'] },
        {
          args: ['add', '-'],
          input: 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme\n',
        },
        {
          args: ['add', '-'],
          input: 'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme\n',
        },
        { args: ['add-login', '--title', 'Shop', '--login-password-stdin'], input: 'pw-42\n' },
        { args: ['rm', 'note'] },
        { args: ['rm', 'note'] },
        { args: ['list', '--bogus'] },
        { args: ['add-codes', '--title', 'Shop codes'], input: 'x-1\ny-2\n' },
        { args: ['add-codes', '--title', 'More', '--json'], input: 'z-3\n' },
        { args: ['use-code', 'shop codes'] },
        { args: ['use-code', 'shop codes', 'Y-2', '--json'] },
        { args: ['add-note', '--title', 'Door'], input: 'code 1234\n' },
        { args: ['show', 'door', '--field', 'notes'] },
        { args: ['edit', 'example', '--set', 'title=Example Shop', '--set', 'tags=a,b'] },
        { args: ['edit', 'example shop', '--secret-stdin', 'password'], input: 'New-9\n' },
        { args: ['edit', 'example shop', '--set', 'password=x'] },
        { args: ['show', 'example shop', '--field', 'password'] },
        { args: ['link', 'example shop', 'google'] },
        { args: ['link', 'example shop', '--none', '--json'] },
        { args: ['trash'] },
        { args: ['restore-item', 'note'] },
        { args: ['trash', '--json'] },
      ]
      // New items get random ids and their own timestamps: those are compared as a shape.
      const sameShape = (text: string, path: string) =>
        text
          .replaceAll(path, 'VAULT')
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
          .replace(/\b[0-9a-f]{8}\b/g, 'ID')
          .replace(/\b1\d{12}\b/g, 'TIME')
      for (const { args, input } of runs) {
        const [command, ...rest] = args as [string, ...string[]]
        const viaAgent = cairn([command, held, ...rest], { env: agent.env, input })
        const withoutIt = cairn([command, direct, ...rest], {
          env: { CAIRN_PASSWORD: PASSWORD, CAIRN_NO_AGENT: '1' },
          input,
        })
        const label = args.join(' ')
        expect(viaAgent.status, label).toBe(withoutIt.status)
        expect(sameShape(viaAgent.stdout, held), label).toBe(sameShape(withoutIt.stdout, direct))
        expect(sameShape(viaAgent.stderr, held), label).toBe(sameShape(withoutIt.stderr, direct))
      }
      // The listings still agree after the writes.
      const after = cairn(['list', held], { env: agent.env })
      const direct2 = cairn(['list', direct], { env: { CAIRN_PASSWORD: PASSWORD } })
      expect(after.stdout.split('\n').length).toBe(direct2.stdout.split('\n').length)
    },
  )

  it('is not asked when CAIRN_NO_AGENT is set, and is not used for a vault it does not hold', async () => {
    const { held, direct } = await twinVaults()
    const off = cairn(['list', held], { env: { ...agent.env, CAIRN_NO_AGENT: '1' } })
    expect(off.status).toBe(1)
    expect(off.stderr).toMatch(/no master password/)
    const other = cairn(['list', direct], { env: agent.env })
    expect(other.status).toBe(1)
    expect(other.stderr).toMatch(/no master password/)
  })

  it('locks on cairn lock and then exits', async () => {
    const { held } = await twinVaults()
    const { pid } = agentStatus(agent)
    const locked = cairn(['lock', held], { env: agent.env })
    expect(locked.stdout).toBe(`Locked ${held}\n`)
    expect(await waitFor(() => !isRunning(pid as number), 3000)).toBe(true)
    const after = cairn(['code', held, 'google'], { env: agent.env })
    expect(after.stderr).toMatch(/no master password/)
  })

  it('locks when its time is up, and exits', async () => {
    const vault = ws.file('timed.cairn')
    await seedVault(vault, ITEMS)
    const before = Date.now()
    expect(unlockInAgent(agent, vault, PASSWORD, ['--for', '5s', '--idle', '10m']).status).toBe(0)
    const status = JSON.parse(cairn(['status', '--json'], { env: agent.env }).stdout) as {
      agent: { pid: number }
      vaults: { lockAt: number; idleLockAt: number }[]
    }
    const [held] = status.vaults
    expect(held?.lockAt).toBeGreaterThanOrEqual(before + 5000)
    expect(held?.lockAt).toBeLessThanOrEqual(Date.now() + 5000)
    expect(held?.idleLockAt).toBeGreaterThan((held?.lockAt ?? 0) + 60_000)
    expect(await waitFor(() => !isRunning(status.agent.pid), 20_000)).toBe(true)
    const after = cairn(['code', vault, 'google'], { env: agent.env })
    expect(after.status).toBe(1)
    expect(after.stderr).toMatch(/no master password/)
  })

  it('locks after its idle time, and exits', async () => {
    const vault = ws.file('idle.cairn')
    await seedVault(vault, ITEMS)
    expect(unlockInAgent(agent, vault, PASSWORD, ['--for', '10m', '--idle', '3s']).status).toBe(0)
    const { pid } = agentStatus(agent)
    // With --for at ten minutes, an exit within seconds can only be the idle lock.
    if (pid !== null) expect(await waitFor(() => !isRunning(pid), 20_000)).toBe(true)
    expect(agentStatus(agent)).toEqual({ pid: null, paths: [] })
  })

  it('locks a vault when another process rotates its key, and keeps holding the others', async () => {
    const { held, direct } = await twinVaults()
    expect(unlockInAgent(agent, direct, PASSWORD).status).toBe(0)
    const { pid } = agentStatus(agent)
    const rotated = cairn(['rotate-key', held], {
      env: {
        CAIRN_PASSWORD: PASSWORD,
        CAIRN_NEW_PASSWORD: 'a brand new password',
        CAIRN_NO_AGENT: '1',
      },
    })
    expect(rotated.stderr).toBe('')
    expect(rotated.status).toBe(0)
    expect(await waitFor(() => agentStatus(agent).paths.length === 1, 5000)).toBe(true)
    expect(agentStatus(agent)).toEqual({ pid, paths: [direct] })
    const after = cairn(['code', held, 'google'], { env: agent.env })
    expect(after.status).toBe(1)
    expect(after.stderr).toMatch(/no master password/)
    expect(cairn(['code', direct, 'google'], { env: agent.env }).status).toBe(0)
  })

  it('is refused when its folder or its socket is open to others', async () => {
    const { held } = await twinVaults()
    chmodSync(agent.socketDir, 0o755)
    const open = cairn(['code', held, 'google'], { env: agent.env })
    expect(open.status).toBe(1)
    expect(open.stderr).toMatch(/agent folder .* is open to other users \(mode 755\)/)
    expect(open.stdout).toBe('')
    const status = cairn(['status'], { env: agent.env })
    expect(status.status).toBe(1)
    expect(status.stderr).toMatch(/open to other users/)

    chmodSync(agent.socketDir, 0o700)
    chmodSync(`${agent.socketDir}/agent.sock`, 0o666)
    const socketOpen = cairn(['list', held], { env: agent.env })
    expect(socketOpen.stderr).toMatch(/agent socket .* is open to other users \(mode 666\)/)
    chmodSync(`${agent.socketDir}/agent.sock`, 0o600)

    expect(cairn(['list', held], { env: agent.env }).status).toBe(0)
  })

  it('is refused when its folder belongs to another user', async (ctx) => {
    // Handing the folder to another user, as an attacker would prepare it, needs root.
    ctx.skip(process.getuid?.() !== 0, 'foreign-owner case: chown needs root')
    const { held } = await twinVaults()
    chownSync(agent.socketDir, 65534, 65534)
    const foreign = cairn(['list', held], { env: agent.env })
    expect(foreign.status).toBe(1)
    expect(foreign.stderr).toMatch(/belongs to another user \(uid 65534\)/)
    chownSync(agent.socketDir, 0, 0)
    expect(cairn(['list', held], { env: agent.env }).status).toBe(0)
  })
})
