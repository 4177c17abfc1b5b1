// The kill campaign: a real writer process adding items is killed with SIGKILL at a random moment,
// again and again; after each kill the vault must open and hold every write it acknowledged.
import { spawn } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createVault, openVault } from '../../src-main/core/vault/vault-file.ts'

const WRITER = fileURLToPath(new URL('./kill-writer.ts', import.meta.url))
const PASSWORD = 'kill campaign password'
const FAST_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }

export interface KillFigures {
  kills: number
  acknowledgedWrites: number
  acknowledgedWritesLost: number
  /** Kills after which the vault did not open with its password: must be 0. */
  lockedOut: number
}

function killAfter(path: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, PASSWORD], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    let out = ''
    let started = false
    child.stdout.on('data', (d: Buffer) => {
      out += d
      // The clock starts at the first acknowledged write, so every kill lands mid-writing.
      if (!started) {
        started = true
        setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.on('error', reject)
    child.on('exit', () => {
      // Only complete lines count: a line cut by the kill was not acknowledged.
      const lines = out.split('\n').slice(0, -1)
      resolve(lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)))
    })
  })
}

export async function runKillCampaign(budgetMs: number, maxKills = Infinity): Promise<KillFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-kill-'))
  const figures: KillFigures = {
    kills: 0,
    acknowledgedWrites: 0,
    acknowledgedWritesLost: 0,
    lockedOut: 0,
  }
  try {
    const path = join(dir, 'v.cairn')
    ;(
      await createVault(path, {
        password: PASSWORD,
        name: 'Kill',
        unsafeKdfParamsForTests: FAST_KDF,
      })
    ).lock()
    const acknowledged = new Set<string>()
    const until = Date.now() + budgetMs
    while (Date.now() < until && figures.kills < maxKills) {
      for (const id of await killAfter(path, randomInt(1, 300))) acknowledged.add(id)
      figures.kills++
      try {
        const v = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
        const present = new Set(v.list().items.map((i) => i.id))
        v.lock()
        figures.acknowledgedWritesLost = [...acknowledged].filter((id) => !present.has(id)).length
      } catch {
        figures.lockedOut++
      }
    }
    figures.acknowledgedWrites = acknowledged.size
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
