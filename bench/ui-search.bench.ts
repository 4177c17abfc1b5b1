// Instant search in the app's list: 10,000 item summaries, one search per keystroke while a
// query is typed (what the renderer runs on every input event). Goal: under one frame (16 ms).
import { readFileSync } from 'node:fs'
import type { ItemKind, ItemSummary } from '../src-shared/ipc-contract.ts'
import { buildSearchIndex, searchItems, type ItemFilter } from '../src-shared/item-search.ts'
import type { BenchModule } from './bench-types.ts'
import { medianMs } from './measure.ts'
import type { SessionId } from '../src-shared/ids.ts'

const ITEMS = 10_000

/** A deterministic pseudo-random sequence, so every run searches the same vault. */
function lcg(seed: number) {
  let s = seed
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}

function vault(): ItemSummary[] {
  const words = readFileSync(
    new URL('../resources/wordlists/eff-large-wordlist.txt', import.meta.url),
    'utf8',
  )
    .split('\n')
    .filter(Boolean)
  const rnd = lcg(42)
  const pick = () => words[Math.floor(rnd() * words.length)] ?? 'word'
  const kinds: ItemKind[] = ['login', 'login', 'login', 'otp', 'otp', 'recovery-codes', 'note']
  return Array.from({ length: ITEMS }, (_, i) => {
    const kind = kinds[i % kinds.length] ?? 'login'
    const site = `${pick()}${pick()}`
    return {
      vaultId: 'bench' as SessionId,
      id: `item-${i}`,
      kind,
      revision: 1,
      title: `${site[0]?.toUpperCase()}${site.slice(1)} ${pick()}`,
      issuer: kind === 'otp' || kind === 'recovery-codes' ? site : '',
      account: kind === 'otp' ? `${pick()}@${site}.example` : '',
      username: kind === 'login' ? `${pick()}.${pick()}@mail.example` : '',
      urls: kind === 'login' ? [`https://www.${site}.example/login`] : [],
      tags: rnd() < 0.3 ? [pick(), pick()] : [],
      favourite: false,
      group: [],
      createdAt: i,
      updatedAt: i,
      deletedAt: rnd() < 0.02 ? i : null,
      otp: null,
      otpLink: null,
      hasPassword: kind === 'login',
      recoveryCodes: null,
    }
  })
}

/** Every prefix of `query`, as typed one key at a time. */
function keystrokes(query: string): string[] {
  return Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1))
}

const bench: BenchModule = async () => {
  const items = vault()
  const buildMs = await medianMs(() => buildSearchIndex(items), { runs: 7 })
  const index = buildSearchIndex(items)
  const sample = items[1234] as ItemSummary
  const typed = [
    ...keystrokes(sample.title.toLowerCase()),
    ...keystrokes('mail example login'),
    ...keystrokes('zzqx'),
  ]
  const perKeystroke = async (filter: ItemFilter) => {
    const times: number[] = []
    for (const query of typed)
      times.push(await medianMs(() => searchItems(index, query, filter), { runs: 9 }))
    times.sort((a, b) => a - b)
    return {
      median: times[Math.floor(times.length / 2)] ?? Number.NaN,
      worst: times[times.length - 1] ?? Number.NaN,
    }
  }
  const all = await perKeystroke('all')
  const logins = await perKeystroke('login')
  return [
    {
      name: `search per keystroke, ${ITEMS.toLocaleString('en')} items (median)`,
      value: all.median,
      unit: 'ms',
      goal: '< 16 ms',
      note: `${typed.length} keystrokes`,
    },
    {
      name: 'search per keystroke (slowest keystroke)',
      value: all.worst,
      unit: 'ms',
      goal: '< 16 ms',
    },
    {
      name: 'search per keystroke, logins filter (median)',
      value: logins.median,
      unit: 'ms',
      goal: '< 16 ms',
    },
    {
      name: `build search index, ${ITEMS.toLocaleString('en')} items`,
      value: buildMs,
      unit: 'ms',
      note: 'once per list change, not per keystroke',
    },
  ]
}

export default bench
