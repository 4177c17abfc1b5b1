// `--clip` with a recording clipboard program on PATH (a real process standing in for wl-copy and
// wl-paste), `show --field`, and the bash completion script run by a real bash.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unlockInAgent, useAgentWorkspace, waitFor, type AgentEnv } from './agent-harness.ts'
import {
  cairn,
  cairnOnTerminal,
  CLI,
  hasScript,
  NO_SCRIPT,
  PASSWORD,
  seedVault,
  type Workspace,
} from './cli-harness.ts'
import { login, note, otpItem } from './cli-items-fixtures.ts'

let ws: Workspace
let agent: AgentEnv
useAgentWorkspace((w, a) => {
  ws = w
  agent = a
})

const ITEMS = [
  otpItem({ issuer: 'Google', account: 'alice@gmail.com' }),
  otpItem({
    issuer: 'Bank',
    account: 'alice',
    kind: 'hotp',
    counter: 0,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  }),
  login({ urls: ['https://a.example', 'https://b.example'] }),
  note({ title: 'Door', body: 'code 1234\nsecond line' }),
]

/** wl-copy / wl-paste stand-ins that keep the clipboard in a file and log every call. */
function fakeClipboard(): { env: Record<string, string>; content(): string; log(): string } {
  const bin = ws.file('fake-bin')
  mkdirSync(bin)
  const clip = ws.file('clipboard')
  const log = ws.file('clipboard.log')
  writeFileSync(
    join(bin, 'wl-copy'),
    `#!/bin/sh\nif [ "$1" = --clear ]; then : > "${clip}"; echo clear >> "${log}"; else cat > "${clip}"; echo copy >> "${log}"; fi\n`,
  )
  writeFileSync(join(bin, 'wl-paste'), `#!/bin/sh\ncat "${clip}"\n`)
  chmodSync(join(bin, 'wl-copy'), 0o755)
  chmodSync(join(bin, 'wl-paste'), 0o755)
  return {
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      WAYLAND_DISPLAY: 'wayland-test',
      CAIRN_CLIP_TIME: '1',
    },
    content: () => (existsSync(clip) ? readFileSync(clip, 'utf8') : ''),
    log: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
  }
}

describe('cairn code --clip', () => {
  it('copies the code instead of printing it, and clears it after the clear time', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, ITEMS)
    const clipboard = fakeClipboard()
    const expected = cairn(['code', vault, 'google', '--at', '1700000000'], {
      env: { CAIRN_PASSWORD: PASSWORD },
    }).stdout.trim()
    const copied = cairn(['code', vault, 'google', '--at', '1700000000', '--clip'], {
      env: { CAIRN_PASSWORD: PASSWORD, ...clipboard.env },
    })
    expect(copied.status).toBe(0)
    expect(copied.stdout).toBe('')
    expect(copied.stderr).toMatch(/^Copied to the clipboard; cleared in 1 s/)
    expect(clipboard.content()).toBe(expected)
    expect(await waitFor(() => clipboard.log().includes('clear'), 5000)).toBe(true)
    expect(clipboard.content()).toBe('')
  })

  it('leaves the clipboard alone when something else was copied meanwhile', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, ITEMS)
    const clipboard = fakeClipboard()
    const copied = cairn(['code', vault, 'google', '--clip'], {
      env: { CAIRN_PASSWORD: PASSWORD, ...clipboard.env, CAIRN_CLIP_TIME: '3' },
    })
    expect(copied.status).toBe(0)
    writeFileSync(ws.file('clipboard'), 'something the person copied')
    await new Promise((r) => setTimeout(r, 6000))
    expect(clipboard.content()).toBe('something the person copied')
    expect(clipboard.log()).toBe('copy\n')
  })

  it('copies in the calling process when the agent answers', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, ITEMS)
    expect(unlockInAgent(agent, vault, PASSWORD).status).toBe(0)
    const clipboard = fakeClipboard()
    const copied = cairn(['code', vault, 'google', '--at', '1700000000', '--clip'], {
      env: { ...agent.env, ...clipboard.env },
    })
    expect(copied.stderr).toMatch(/^Copied to the clipboard/)
    expect(copied.stdout).toBe('')
    expect(clipboard.content()).toMatch(/^\d{6}$/)
    expect(await waitFor(() => clipboard.content() === '', 5000)).toBe(true)
  })

  it('says what to install when there is no clipboard program', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, ITEMS)
    const result = cairn(['code', vault, 'google', '--clip'], {
      env: { CAIRN_PASSWORD: PASSWORD, WAYLAND_DISPLAY: '', DISPLAY: '', PATH: '/nonexistent' },
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/no clipboard program found/)
  })
})

describe('cairn show --field', () => {
  it('prints one field as stored, for scripts', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, ITEMS)
    const field = (query: string, name: string) =>
      cairn(['show', vault, query, '--field', name], { env: { CAIRN_PASSWORD: PASSWORD } })
    expect(field('example', 'password').stdout).toBe('Login-Secret-42\n')
    expect(field('example', 'username').stdout).toBe('alice@example.com\n')
    expect(field('example', 'url').stdout).toBe('https://a.example\nhttps://b.example\n')
    expect(field('door', 'notes').stdout).toBe('code 1234\nsecond line\n')
    expect(field('google', 'otp').stdout).toMatch(/^\d{6}\n$/)
    expect(field('bank', 'otp').stdout).toBe('755224\n') // RFC 4226 counter 0
    expect(field('bank', 'otp').stdout).toBe('287082\n') // then counter 1
    const missing = field('google', 'password')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/has no password/)
    expect(field('google', 'pin').status).toBe(2)
  })
})

describe('cairn completion', () => {
  const bashHere = spawnSync('bash', ['--version']).status === 0

  function complete(words: string[], env: Record<string, string>): string[] {
    const bin = ws.file('bin')
    mkdirSync(bin, { recursive: true })
    writeFileSync(join(bin, 'cairn'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`)
    chmodSync(join(bin, 'cairn'), 0o755)
    const script = cairn(['completion', 'bash']).stdout
    const program = [
      script,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      '_cairn',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n')
    const result = spawnSync('bash', ['-c', program], {
      env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH ?? ''}` },
      encoding: 'utf8',
    })
    expect(result.stderr).toBe('')
    return result.stdout.split('\n').filter(Boolean)
  }

  it.runIf(bashHere)(
    'completes commands, options, and item names only from the agent',
    async () => {
      const vault = ws.file('v.cairn')
      await seedVault(vault, ITEMS)
      expect(complete(['cairn', 'co'], agent.env)).toEqual(['code', 'completion'])
      expect(complete(['cairn', 'code', vault, '--c'], agent.env)).toEqual(['--clip'])
      expect(complete(['cairn', 'code', vault, ''], agent.env)).toEqual([])
      expect(unlockInAgent(agent, vault, PASSWORD).status).toBe(0)
      expect(complete(['cairn', 'code', vault, ''], agent.env)).toEqual([
        'Bank',
        'Door',
        'Example',
        'Google',
      ])
    },
  )

  for (const shell of ['zsh', 'fish']) {
    it(`prints a ${shell} script that ${shell} parses`, (ctx) => {
      const script = cairn(['completion', shell])
      expect(script.status).toBe(0)
      expect(script.stdout).toContain('cairn completion names')
      ctx.skip(
        spawnSync(shell, ['--version']).status !== 0,
        `${shell} is not installed: its completion script was not parsed`,
      )
      const parsed = spawnSync(shell, ['-n', '-c', script.stdout], { encoding: 'utf8' })
      expect(parsed.status, parsed.stderr).toBe(0)
    })
  }
})

describe('several matches in a terminal', () => {
  const twoKeys = [
    otpItem({ issuer: 'Google', account: 'work', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }),
    otpItem({ issuer: 'Google', account: 'home' }),
  ]

  it('offers a pick list that narrows as letters are typed', async (ctx) => {
    ctx.skip(!hasScript, NO_SCRIPT)
    const vault = ws.file('v.cairn')
    await seedVault(vault, twoKeys)
    const { status, screen } = await cairnOnTerminal(
      ['code', vault, 'google', '--at', '59'],
      [{ prompt: /Number, or letters to narrow/, reply: 'wor' }],
      { CAIRN_PASSWORD: PASSWORD },
    )
    expect(status).toBe(0)
    expect(screen).toMatch(/2 items match:/)
    expect(screen).toMatch(/1 {2}Google \(work\)/)
    expect(screen).toContain('287082') // RFC 6238's SHA-1 key at T=59
  })

  it('offers the same list when the agent answers', async (ctx) => {
    ctx.skip(!hasScript, NO_SCRIPT)
    const vault = ws.file('v.cairn')
    await seedVault(vault, twoKeys)
    expect(unlockInAgent(agent, vault, PASSWORD).status).toBe(0)
    const { status, screen } = await cairnOnTerminal(
      ['code', vault, 'google', '--at', '59'],
      [{ prompt: /Number, or letters to narrow/, reply: '1' }],
      agent.env,
    )
    expect(status).toBe(0)
    expect(screen).toMatch(/2 items match:/)
    expect(screen).toMatch(/ 1 {2}Google \((work|home)\)/)
    expect(screen).toMatch(/\b\d{6}\b/)
  })
})
