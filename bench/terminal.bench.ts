// The terminal, side by side: `cairn code` cold (unlock with the calibrated Argon2id each time)
// and through the agent, `cairn --help`, `node -e 0`, and — where installed — `oathtool --totp`
// and `pass otp` (pass-extension-otp) with a passphrase-less throwaway GnuPG key in a temporary
// GNUPGHOME, at 10 and at 10,000 items. Every figure is the median wall time of whole processes,
// except the part of a cold `cairn code` after the unlock, timed in this process around the
// command's own steps (the lookup, the code, the lock) since Argon2id hides it in the total.
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CommandContext } from '../src-main/cli/cli-types.ts'
import { codeFor, type OtpRecord } from '../src-main/cli/code-for-item.ts'
import { lookupItems } from '../src-main/cli/item-lookup.ts'
import type { ItemRecord } from '../src-main/core/vault/item-types.ts'
import { createVault, openVault } from '../src-main/core/vault/vault-file.ts'
import type { BenchFigure, BenchModule } from './bench-types.ts'
import { medianMs } from './measure.ts'
import { sampleItem } from './sample-items.ts'

const CLI = fileURLToPath(new URL('../bin/cairn.js', import.meta.url))
const PASSWORD = 'terminal bench password'
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const SIZES = [10, 10_000] as const

function installed(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input = ''): string {
  const result = spawnSync(command, args, { env, input, encoding: 'utf8', timeout: 120_000 })
  if (result.status !== 0) {
    throw new Error(`${command} ${args[0] ?? ''} failed: ${result.stderr.slice(0, 300)}`)
  }
  return result.stdout
}

function timeMs(fn: () => unknown): number {
  const start = performance.now()
  fn()
  return performance.now() - start
}

/**
 * Median of `runs` ratios other ÷ base, each from one run of both back to back (in alternating
 * order): on a shared machine a load spike then slows both sides of one ratio, not one figure.
 */
function pairedRatio(base: () => unknown, other: () => unknown, runs = 21): number {
  base()
  other()
  const ratios: number[] = []
  for (let i = 0; i < runs; i++) {
    let baseMs: number
    let otherMs: number
    if (i % 2 === 0) {
      baseMs = timeMs(base)
      otherMs = timeMs(other)
    } else {
      otherMs = timeMs(other)
      baseMs = timeMs(base)
    }
    ratios.push(otherMs / baseMs)
  }
  ratios.sort((a, b) => a - b)
  return ratios[Math.floor(ratios.length / 2)] ?? Number.NaN
}

/** A vault with `size` items (every third a 2FA key) plus the key the bench asks for. */
async function seed(path: string, size: number): Promise<void> {
  const vault = await createVault(path, { password: PASSWORD, name: `Terminal ${size}` })
  const now = Date.now()
  const records: ItemRecord[] = Array.from({ length: size - 1 }, (_, i) => ({
    id: randomUUID(),
    revision: 1,
    createdAt: now + i,
    updatedAt: now + i,
    deletedAt: null,
    data: sampleItem(i + 1),
  }))
  vault.importRecords(records)
  vault.add({
    type: 'otp',
    kind: 'totp',
    secret: SECRET,
    issuer: 'Benchmark',
    account: 'bench@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    encoder: 'standard',
    title: '',
    notes: '',
    tags: [],
  })
  vault.lock()
}

/** A direct command's context: the lookup only asks whether the agent runs it. */
const DIRECT = { agent: undefined } as unknown as CommandContext

/**
 * What a cold `cairn code VAULT benchmark` does once the key is derived: find the key, make its
 * code, lock. Medians of `runs` of wall and of CPU time (the latter moves less on a shared
 * machine), each run after its own unlock (not timed).
 */
async function afterUnlockMs(path: string, runs = 7): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const vault = await openVault(path).unlock(
      { kind: 'password', password: PASSWORD },
      { recordUse: false },
    )
    const start = performance.now()
    const cpuStart = process.cpuUsage()
    const [record] = lookupItems(DIRECT, vault, 'benchmark', { types: ['otp'] })
    codeFor(vault, record as OtpRecord, Date.now() / 1000, false)
    vault.lock()
    const used = process.cpuUsage(cpuStart)
    wall.push(performance.now() - start)
    cpu.push((used.user + used.system) / 1000)
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  return { wall: median(wall), cpu: median(cpu) }
}

/** A password store of `size` otpauth entries under a throwaway key; null when pass is missing. */
function passStore(dir: string, size: number, gnupg: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const store = join(dir, `store-${size}`)
  const env = { ...gnupg, PASSWORD_STORE_DIR: store }
  run('pass', ['init', 'bench@example.invalid'], env)
  const plain = join(dir, `plain-${size}`)
  mkdirSync(join(plain, 'otp'), { recursive: true })
  const files: string[] = []
  for (let i = 0; i < size; i++) {
    const file = join(plain, 'otp', `site${i}`)
    writeFileSync(
      file,
      `otpauth://totp/Site${i}:bench@example.com?secret=${SECRET}&issuer=Site${i}\n`,
    )
    files.push(file)
  }
  // One gpg process encrypts every entry (pass would start one per entry).
  for (let i = 0; i < files.length; i += 2000) {
    run(
      'gpg',
      [
        '--batch',
        '--yes',
        '-r',
        'bench@example.invalid',
        '--encrypt-files',
        ...files.slice(i, i + 2000),
      ],
      env,
    )
  }
  mkdirSync(join(store, 'otp'), { recursive: true })
  for (let i = 0; i < size; i++) renameSync(`${files[i]}.gpg`, join(store, 'otp', `site${i}.gpg`))
  return env
}

const bench: BenchModule = async () => {
  const figures: BenchFigure[] = []
  const dir = mkdtempSync(join(tmpdir(), 'cairn-terminal-bench-'))
  const runtime = join(dir, 'run')
  mkdirSync(runtime, { mode: 0o700 })
  const base: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: runtime }
  for (const k of Object.keys(base)) if (k.startsWith('CAIRN_')) delete base[k]
  const cairn = (args: string[], env: NodeJS.ProcessEnv = base) =>
    run(process.execPath, [CLI, ...args], env)
  const gnupgHome = join(dir, 'gnupg')
  try {
    const nodeMs = await medianMs(() => run(process.execPath, ['-e', '0'], base), { runs: 11 })
    figures.push({ name: 'node -e 0', value: nodeMs, unit: 'ms', note: 'median of 11' })
    const helpMs = await medianMs(() => cairn(['--help']), { runs: 11 })
    figures.push({ name: 'cairn --help', value: helpMs, unit: 'ms', note: 'median of 11' })
    figures.push({
      name: 'cairn --help ÷ node -e 0',
      value: pairedRatio(
        () => run(process.execPath, ['-e', '0'], base),
        () => cairn(['--help']),
      ),
      unit: '×',
      goal: '≤ 2×',
      note: 'median of 21 paired runs',
    })

    let oathMs: number | null = null
    if (installed('oathtool')) {
      oathMs = await medianMs(() => run('oathtool', ['--totp', '-b', SECRET], base), { runs: 11 })
      figures.push({ name: 'oathtool --totp -b SECRET', value: oathMs, unit: 'ms' })
    } else {
      figures.push({
        name: 'oathtool --totp',
        value: NaN,
        unit: 'ms',
        note: 'not installed (apt-get install oathtool)',
      })
    }

    let gnupg: NodeJS.ProcessEnv | null = null
    if (installed('pass') && installed('gpg') && spawnSync('pass', ['otp', 'help']).status === 0) {
      mkdirSync(gnupgHome, { mode: 0o700 })
      gnupg = { ...base, GNUPGHOME: gnupgHome }
      run(
        'gpg',
        [
          '--batch',
          '--pinentry-mode',
          'loopback',
          '--passphrase',
          '',
          '--quick-gen-key',
          'Cairn Bench <bench@example.invalid>',
          'default',
          'default',
          'never',
        ],
        gnupg,
      )
    }

    for (const size of SIZES) {
      const label = size.toLocaleString('en')
      const vault = join(dir, `v${size}.cairn`)
      await seed(vault, size)
      const passEnv = gnupg ? passStore(dir, size, gnupg) : null
      const direct = { ...base, CAIRN_PASSWORD: PASSWORD, CAIRN_NO_AGENT: '1' }
      const coldMs = await medianMs(() => cairn(['code', vault, 'benchmark'], direct), { runs: 3 })
      figures.push({
        name: `cairn code, cold (unlock each time), ${label} items`,
        value: coldMs,
        unit: 'ms',
        note: 'calibrated Argon2id; median of 3',
      })
      const afterUnlock = await afterUnlockMs(vault)
      figures.push({
        name: `cairn code, cold: the part after the unlock (find, code, lock), ${label} items`,
        value: afterUnlock.wall,
        unit: 'ms',
        note: 'in-process; median of 7',
      })
      figures.push({
        name: `the same, CPU time, ${label} items`,
        value: afterUnlock.cpu,
        unit: 'ms',
        note: 'in-process; median of 7',
      })
      cairn(['unlock', vault, '--for', '10m', '--idle', '10m'], {
        ...base,
        CAIRN_PASSWORD: PASSWORD,
      })
      const agentCode = () => cairn(['code', vault, 'benchmark'])
      const agentMs = await medianMs(agentCode, { runs: 11, warmup: 2 })
      figures.push({
        name: `cairn code through the agent, ${label} items`,
        value: agentMs,
        unit: 'ms',
        note: 'median of 11',
      })
      if (oathMs !== null) {
        figures.push({
          name: `agent cairn code ÷ oathtool, ${label} items`,
          value: pairedRatio(() => run('oathtool', ['--totp', '-b', SECRET], base), agentCode),
          unit: '×',
          note: 'median of 21 paired runs',
        })
      }
      if (passEnv) {
        const passOtp = () => run('pass', ['otp', `otp/site${size - 1}`], passEnv)
        const passMs = await medianMs(passOtp, { runs: 11, warmup: 2 })
        figures.push({
          name: `pass otp (gpg-agent holding the key), ${label} entries`,
          value: passMs,
          unit: 'ms',
          note: 'median of 11',
        })
        figures.push({
          name: `agent cairn code ÷ pass otp, ${label} items`,
          value: pairedRatio(passOtp, agentCode),
          unit: '×',
          goal: '≤ 2×',
          note: 'median of 21 paired runs',
        })
      } else if (size === SIZES[0]) {
        figures.push({
          name: 'pass otp',
          value: NaN,
          unit: 'ms',
          note: 'not installed (apt-get install pass pass-extension-otp gnupg)',
        })
      }
    }
  } finally {
    cairn(['lock'])
    if (spawnSync('sh', ['-c', 'command -v gpgconf'], { stdio: 'ignore' }).status === 0) {
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], {
        env: { ...base, GNUPGHOME: gnupgHome },
        stdio: 'ignore',
      })
    }
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}

export default bench
