// The rating pool on real worker threads: ratings equal the in-thread estimate, in the order asked,
// progress counts up to the total, a worker that dies mid-run fails the run with a CairnError and no
// ratings, and closed or idle workers never hold the process.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { estimateStrength } from '../../../src-main/core/generate/password-strength.ts'
import { checkVaultHealth } from '../../../src-main/core/health/vault-health.ts'
import {
  MAX_POOL_SIZE,
  RatingPool,
  defaultPoolSize,
  type RatingRequest,
} from '../../../src-main/core/health/rating-pool.ts'
import type { ItemRecord } from '../../../src-main/core/vault/item-types.ts'

const pools: RatingPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()))
})

function pool(options: ConstructorParameters<typeof RatingPool>[0] = {}): RatingPool {
  const p = new RatingPool(options)
  pools.push(p)
  return p
}

/** Weak, strong and in-between, each with hints, so order mix-ups change the ratings. */
function requests(count: number): RatingRequest[] {
  const shapes = [
    (n: number) => `password${n}`,
    (n: number) => `vT8#qL2!mZ9@xR4$wK7^${n}`,
    (n: number) => `summer${1990 + (n % 30)}`,
    (n: number) => `ada${n}lovelace`,
    (n: number) => `${n}`.repeat(3),
  ]
  return Array.from({ length: count }, (_, n) => ({
    password: shapes[n % shapes.length]!(n),
    hints: n % 2 === 0 ? [`ada${n}`, 'Mail'] : [],
  }))
}

const inThread = (r: RatingRequest) => {
  const { score, label, crackTime } = estimateStrength(r.password, r.hints)
  return { score, label, crackTime }
}

describe('rating pool', () => {
  it('sizes itself one below the cores, at least one and at most MAX_POOL_SIZE', () => {
    expect(defaultPoolSize()).toBe(Math.min(MAX_POOL_SIZE, Math.max(1, availableParallelism() - 1)))
    expect(pool().size).toBe(defaultPoolSize())
    expect(pool({ size: 0 }).size).toBe(1)
  })

  it('starts a second worker only for work worth its start', async () => {
    const p = pool({ size: 2 })
    expect(await p.rate(requests(20))).toHaveLength(20)
    expect(p.workers).toBe(1)
  })

  it('gives the in-thread ratings, in the order asked, on two workers', async () => {
    const asked = requests(70)
    const p = pool({ size: 2 })
    const progress: [number, number][] = []
    const ratings = await p.rate(asked, (done, total) => progress.push([done, total]))
    expect(ratings).toEqual(asked.map(inThread))
    expect(new Set(ratings.map((r) => r.score)).size).toBeGreaterThan(2)
    expect(p.workers).toBe(2)
    // Counted up batch by batch to the whole.
    expect(progress.length).toBeGreaterThan(2)
    expect(progress.at(-1)).toEqual([70, 70])
    const dones = progress.map(([done]) => done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    expect(progress.every(([, total]) => total === 70)).toBe(true)
  })

  it('makes the same health report as ratings made on this thread', async () => {
    const items: ItemRecord[] = requests(30).map((r, n) => ({
      id: `item-${n}`,
      revision: 1,
      createdAt: 0,
      updatedAt: 0,
      deletedAt: null,
      data: {
        type: 'login',
        title: `Site ${n}`,
        username: r.hints[0] ?? '',
        password: r.password,
        urls: [`https://site${n}.example`],
        notes: '',
        tags: [],
        fields: [],
        passwordHistory: [],
        otpLink: null,
      },
    }))
    const vaults = [{ vaultUuid: 'v', name: 'V', items, lastBackupAt: null }]
    const p = pool({ size: 2 })
    const pooled = await checkVaultHealth(vaults, {
      now: 0,
      rateAll: (asked, onProgress) => p.rate(asked, onProgress),
    })
    const here = await checkVaultHealth(vaults, { now: 0 })
    expect(pooled).toEqual(here)
    expect(pooled.findings.filter((f) => f.reason === 'weak-password').length).toBeGreaterThan(5)
  })

  it('fails a run whole with a CairnError when a worker dies, then starts afresh', async () => {
    // A worker that takes its first batch and exits the thread, as a crash would.
    const dying = () =>
      new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3))", {
        eval: true,
      })
    const p = pool({ size: 2, createWorker: dying })
    const progress: number[] = []
    const error = await p.rate(requests(40), (done) => progress.push(done)).catch((e) => e)
    expect(isCairnError(error, 'IO_ERROR')).toBe(true)
    expect((error as Error).message).toMatch(/worker thread stopped unexpectedly/)
    // No ratings and no progress came from the run, and no password is in the message.
    expect(progress).toEqual([])
    expect((error as Error).message).not.toMatch(/password0|summer/)
    expect(p.workers).toBe(0)
  })

  it('fails the run when a worker answers a batch with a failure', async () => {
    const failing = () =>
      new Worker(
        "const { parentPort } = require('node:worker_threads');" +
          "parentPort.on('message', ({ id }) => parentPort.postMessage({ id, ok: false }))",
        { eval: true },
      )
    const p = pool({ size: 1, createWorker: failing })
    await expect(p.rate(requests(5))).rejects.toSatisfy((e) => isCairnError(e, 'IO_ERROR'))
  })

  it('ends its workers on close, fails what was running, and rates again afterwards', async () => {
    const p = pool({ size: 1 })
    const running = p.rate(requests(200)).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await p.close()
    expect(isCairnError(await running, 'BUSY')).toBe(true)
    expect(p.workers).toBe(0)
    expect(await p.rate(requests(3))).toEqual(requests(3).map(inThread))
    expect(await p.rate([])).toEqual([])
  })
})
