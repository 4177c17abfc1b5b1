// Type-to-filter for the picker: every word typed must appear in the key's issuer, account, title
// or vault name (case- and accent-insensitive). Keys whose issuer starts with the first word come
// first, so "git" puts GitHub above "Digital Ocean".
import type { PickerKey } from '../../../src-shared/ipc-contract.ts'

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

export function filterPickerKeys(keys: readonly PickerKey[], query: string): PickerKey[] {
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...keys]
  const scored: { key: PickerKey; rank: number; index: number }[] = []
  keys.forEach((key, index) => {
    const issuer = fold(key.issuer || key.title)
    const haystack = [issuer, fold(key.account), fold(key.title), fold(key.vaultName)].join('\n')
    if (!words.every((w) => haystack.includes(w))) return
    const first = words[0] as string
    const rank = issuer.startsWith(first) ? 0 : issuer.includes(first) ? 1 : 2
    scored.push({ key, rank, index })
  })
  // Stable within a rank: main already sorted the keys by issuer and account.
  scored.sort((a, b) => a.rank - b.rank || a.index - b.index)
  return scored.map((s) => s.key)
}

/** The line the picker shows for a key: issuer (or title) and account. */
export function keyLabel(key: PickerKey): { primary: string; secondary: string } {
  const primary = key.issuer || key.title || key.account || 'Unnamed key'
  const secondary = key.issuer || key.title ? key.account : ''
  return { primary, secondary }
}
