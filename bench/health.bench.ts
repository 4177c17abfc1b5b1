// The vault health check: strength estimates dominate it, so the figures are the estimate of one
// generated password and a whole check of 1,000 logins (no ratings kept from an earlier run).
import type { BenchModule } from './bench-types.ts'
import { estimateStrength } from '../src-main/core/generate/password-strength.ts'
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
  const one = await medianMs(() => estimateStrength(passwords[next++ % passwords.length]!), {
    runs: 101,
    warmup: 5,
  })
  const start = performance.now()
  const report = await checkVaultHealth(
    [{ vaultUuid: 'bench', name: 'Bench', items, lastBackupAt: null }],
    { now: Date.now() },
  )
  const whole = performance.now() - start
  return [
    {
      name: 'strength estimate of one generated 20-character password',
      value: one,
      unit: 'ms',
      note: 'zxcvbn-ts, at most 10 l33t substitutions; median of 101',
    },
    {
      name: `health check of ${LOGINS.toLocaleString('en')} logins, nothing rated yet`,
      value: whole,
      unit: 'ms',
      note: `${report.findings.length} findings; single run; the app keeps ratings for later runs`,
    },
  ]
}

export default bench
