// The vault health check: strength estimates dominate it, so the figures are the estimate of one
// generated password (Cairn's indexed dictionaries beside the unchanged library) and a whole check
// of 1,000 logins with nothing rated yet, on the calling thread and on the worker pool the app and
// the CLI use, with the calling thread's longest stall while the pool rates.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import type { BenchModule } from './bench-types.ts'
import {
  estimateStrengthInBatch,
  estimatorOptions,
  strengthFrom,
} from '../src-main/core/generate/password-strength.ts'
import { RatingPool } from '../src-main/core/health/rating-pool.ts'
import { checkVaultHealth } from '../src-main/core/health/vault-health.ts'
import type { ItemRecord } from '../src-main/core/vault/item-types.ts'
import { medianMs } from './measure.ts'
import { sampleLogin } from './sample-items.ts'

const LOGINS = 1_000

const bench: BenchModule = async () => {
  const items: ItemRecord[] = Array.from({ length: LOGINS }, (_, i) => ({
    id: `item-${i}`,
    revision: 1,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    deletedAt: null,
    data: sampleLogin(i),
  }))
  const passwords = items.map((r) => (r.data.type === 'login' ? r.data.password : ''))
  let next = 0
  const one = await medianMs(() => estimateStrengthInBatch(passwords[next++ % passwords.length]!), {
    runs: 101,
    warmup: 5,
  })
  const stock = new ZxcvbnFactory(estimatorOptions())
  const oneStock = await medianMs(
    () => strengthFrom(stock, passwords[next++ % passwords.length]!),
    { runs: 21, warmup: 3 },
  )
  const vaults = [{ vaultUuid: 'bench', name: 'Bench', items, lastBackupAt: null }]

  let start = performance.now()
  const report = await checkVaultHealth(vaults, { now: Date.now() })
  const here = performance.now() - start

  const pool = new RatingPool()
  const stalls = monitorEventLoopDelay({ resolution: 10 })
  stalls.enable()
  start = performance.now()
  const pooled = await checkVaultHealth(vaults, {
    now: Date.now(),
    rateAll: (requests, onProgress) => pool.rate(requests, onProgress),
  })
  const onPool = performance.now() - start
  stalls.disable()
  await pool.close()
  const findings = `${report.findings.length} findings`
  if (pooled.findings.length !== report.findings.length) throw new Error('pool report differs')
  return [
    {
      name: 'strength estimate of one generated 20-character password',
      value: one,
      unit: 'ms',
      note: 'zxcvbn-ts with indexed dictionaries, at most 10 l33t substitutions; median of 101',
    },
    {
      name: 'the same with the unchanged zxcvbn-ts dictionary matchers',
      value: oneStock,
      unit: 'ms',
      note: 'same settings, same verdicts; median of 21',
    },
    {
      name: `health check of ${LOGINS.toLocaleString('en')} logins, nothing rated yet, this thread`,
      value: here,
      unit: 'ms',
      note: `${findings}; single run; the app keeps ratings for later runs`,
    },
    {
      name: `the same on the rating pool (${pool.size} worker${pool.size === 1 ? '' : 's'})`,
      value: onPool,
      unit: 'ms',
      note: 'single run, worker start included; one worker per core but one, at most 3',
    },
    {
      name: 'longest stall of the calling thread meanwhile',
      value: stalls.max / 1e6,
      unit: 'ms',
      note: 'event-loop delay (10 ms resolution) while the pool rates',
    },
  ]
}

export default bench
