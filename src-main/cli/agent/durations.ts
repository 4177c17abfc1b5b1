// Durations as people type them: 90s, 15m, 2h, 1h30m, or plain seconds.
import { UsageError } from '../cli-error.ts'

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 }

export function parseDuration(text: string, option: string, maxMs: number): number {
  const trimmed = text.trim()
  let ms = 0
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000
  else if (/^(\d+[hms])+$/.test(trimmed)) {
    for (const [, n, unit] of trimmed.matchAll(/(\d+)([hms])/g)) {
      ms += Number(n) * (UNIT_MS[unit as string] ?? 0)
    }
  } else {
    throw new UsageError(`${option} needs a duration like 90s, 15m, 2h or 1h30m (got '${text}')`)
  }
  if (ms <= 0) throw new UsageError(`${option} must be longer than zero`)
  if (ms > maxMs) throw new UsageError(`${option} can be at most ${formatDuration(maxMs)}`)
  return ms
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return [h ? `${h}h` : '', m ? `${m}m` : '', s || total === 0 ? `${s}s` : ''].join('')
}
